// Hotkey validation with messages a user can act on, the key whose release ends push-to-talk, and which platforms get it.
import { describe, expect, it } from 'vitest';
import { releaseKeyName, validateAccelerator } from '../../main/hosts/electron/logic/accelerator.js';
import { keyReleaseSupport } from '../../main/hosts/electron/logic/key-release-support.js';
import { resolveNativeBinding } from '../../main/hosts/electron/logic/native-binding.js';

describe('validateAccelerator', () => {
  it('accepts Electron accelerators and writes them canonically', () => {
    expect(validateAccelerator('CommandOrControl+Shift+Space')).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+Space', key: 'Space', modifiers: ['CommandOrControl', 'Shift'] });
    expect(validateAccelerator('cmdorctrl+alt+k')).toMatchObject({ ok: true, accelerator: 'CommandOrControl+Alt+K' });
    expect(validateAccelerator('F9')).toMatchObject({ ok: true, accelerator: 'F9' });
    expect(validateAccelerator('Ctrl+Plus')).toMatchObject({ ok: true, key: 'Plus' });
    expect(validateAccelerator('Super+`')).toMatchObject({ ok: true, key: '`' });
  });

  it.each([
    ['', /empty/],
    ['Shift+', /write the \+ key as "Plus"/],
    ['Ctrl+Shift', /has no key after its modifiers/],
    ['Ctrl+Hyper+K', /"Hyper" is not a modifier/],
    ['Ctrl+Ctrl+K', /names Control twice/],
    ['Shift+Banana', /"Banana" is not a key Electron knows/],
    ['Ctrl+Escape', /Esc is reserved for cancelling/],
    ['K', /would take the K key from every app\. Add a modifier/],
  ])('explains what is wrong with %j', (input, message) => {
    const check = validateAccelerator(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('releaseKeyName', () => {
  it('maps the accelerator key to the key uiohook reports', () => {
    expect(releaseKeyName('Space')).toBe('Space');
    expect(releaseKeyName('K')).toBe('K');
    expect(releaseKeyName('F12')).toBe('F12');
    expect(releaseKeyName('Up')).toBe('ArrowUp');
    expect(releaseKeyName('num5')).toBe('Numpad5');
    expect(releaseKeyName('MediaPlayPause')).toBeUndefined();
  });
});

describe('which platforms get push-to-talk', () => {
  it('Windows and X11 do; Wayland does not; macOS needs the Accessibility permission', () => {
    expect(keyReleaseSupport({ platform: 'win32' })).toEqual({ available: true });
    expect(keyReleaseSupport({ platform: 'linux', sessionType: 'x11', display: ':0' })).toEqual({ available: true });
    // Without a display uiohook would abort the process, so it is never started.
    expect(keyReleaseSupport({ platform: 'linux', sessionType: 'x11' })).toMatchObject({ available: false, reason: expect.stringMatching(/no X11 display/) as unknown });
    expect(keyReleaseSupport({ platform: 'linux', sessionType: 'wayland' })).toMatchObject({ available: false, reason: expect.stringMatching(/Wayland/) as unknown });
    expect(keyReleaseSupport({ platform: 'linux', waylandDisplay: 'wayland-0' })).toMatchObject({ available: false });
    expect(keyReleaseSupport({ platform: 'darwin', accessibilityTrusted: true })).toEqual({ available: true });
    expect(keyReleaseSupport({ platform: 'darwin', accessibilityTrusted: false })).toMatchObject({ available: false, reason: expect.stringMatching(/Accessibility/) as unknown });
  });
});

describe('resolveNativeBinding', () => {
  const base = { resourcesPath: '/opt/VoiceCodeGen/resources', appRoot: '/src/voice-codegen', electronVersion: '45.5.0' };
  it('uses .electron-native/ in development and resources/native/ when packaged', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => true })).toEqual({ path: '/src/voice-codegen/.electron-native/better_sqlite3-electron-45.5.0.node' });
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: () => true })).toEqual({ path: '/opt/VoiceCodeGen/resources/native/better_sqlite3-electron-45.5.0.node' });
  });
  it('says how to build it when it is missing', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => false })).toMatchObject({ path: undefined, message: expect.stringMatching(/electron-native\.mjs/) as unknown });
  });
});
