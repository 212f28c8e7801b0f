// Hotkey dictation as a user sees it: hold to talk, toggle, Esc cancels, and a hotkey that cannot be had falls back with a message.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import type { HotkeyMode } from '../../main/hosts/electron/logic/dictation-controller.js';
import { CODE, FakeApp, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows, result } from './electron-fakes.js';

const HOTKEY = 'CommandOrControl+Shift+Space';

function setup(opts: { mode?: HotkeyMode; accelerator?: string; release?: FakeKeyRelease | null; copyFullAnswer?: boolean } = {}) {
  const hotkeys = new FakeHotkeys();
  const keyRelease = opts.release === null ? undefined : (opts.release ?? new FakeKeyRelease());
  const clipboard = new FakeClipboard();
  const app = new FakeApp(clipboard);
  const windows = new FakeWindows();
  const notifications = new FakeNotifications();
  const settings = { hotkey: { accelerator: opts.accelerator ?? HOTKEY, mode: opts.mode ?? 'push-to-talk' }, output: { copyFullAnswer: opts.copyFullAnswer ?? false } };
  const shell = new DesktopShell({
    app, starter: { start: () => app.startDictation() }, settings: () => settings, hotkeys, clipboard, windows, notifications, logger: silentLogger, quit: () => undefined,
    ...(keyRelease ? { keyRelease } : {}),
  });
  return { shell, hotkeys, keyRelease, clipboard, app, windows, notifications, settings };
}

describe('push-to-talk', () => {
  it('holding the hotkey records, releasing it sends, and exactly the extracted code lands on the clipboard', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app, windows, notifications } = setup();
    expect(shell.configure()).toEqual({ accelerator: HOTKEY, mode: 'push-to-talk', requestedMode: 'push-to-talk' });

    hotkeys.press(HOTKEY);
    expect(shell.dictation.dictationState).toBe('recording');
    expect(windows.overlayVisible).toBe(true);
    hotkeys.press(HOTKEY); // auto-repeat while held starts nothing new
    expect(app.sessions).toHaveLength(1);

    keyRelease?.release('Space');
    await shell.dictation.settled();

    expect(clipboard.writes).toEqual([CODE]);
    expect(notifications.last).toBe('Copied 3 lines of typescript to the clipboard.');
    expect(windows.overlayVisible).toBe(false);
    expect(app.openSessions).toBe(0);
    expect(shell.dictation.dictationState).toBe('idle');
    expect(shell.recent.list().map((r) => r.text)).toEqual([CODE]);
  });

  it('marks the result as copied for the overlay, using the request id of the dictation', async () => {
    const { shell, hotkeys, keyRelease, windows } = setup();
    shell.configure();
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    await shell.dictation.settled();
    const copied = windows.broadcasts.find((b) => b.event === 'pipeline.event');
    expect(copied?.payload).toMatchObject({ requestId: 1, event: { type: 'result', result: { copied: true, code: CODE } } });
  });

  it('copies the full answer instead when the user chose it', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app } = setup({ copyFullAnswer: true });
    shell.configure();
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([app.nextResult.answer]);
  });

  it('never copies an answer that was cut short, and says why', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app, notifications } = setup();
    app.nextResult = result({ complete: false, finishReason: 'MAX_TOKENS' });
    shell.configure();
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([]);
    expect(notifications.last).toMatch(/cut short \(MAX_TOKENS\); nothing was copied/);
  });

  it('falls back to toggle with a message when key releases cannot be observed (e.g. Wayland)', async () => {
    const { shell, hotkeys, clipboard, notifications } = setup({ release: new FakeKeyRelease(false, 'Wayland does not let an app watch keys pressed in other windows') });
    const status = shell.configure();
    expect(status.mode).toBe('toggle');
    expect(status.message).toMatch(/Push-to-talk is not available: Wayland .* press to start, press again to send/);
    expect(notifications.last).toBe(status.message);

    hotkeys.press(HOTKEY);
    hotkeys.press(HOTKEY);
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([CODE]);
  });
});

describe('toggle mode', () => {
  it('press starts, a key release does nothing, the next press sends', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app } = setup({ mode: 'toggle' });
    shell.configure();
    expect(keyRelease?.watching('Space')).toBe(0);
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    expect(shell.dictation.dictationState).toBe('recording');
    hotkeys.press(HOTKEY);
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([CODE]);
    expect(app.sessions).toHaveLength(1);
  });

  it('the tray item starts and stops a dictation like the hotkey', async () => {
    const { shell, clipboard } = setup({ mode: 'toggle' });
    shell.configure();
    shell.dictation.toggleFromMenu();
    shell.dictation.toggleFromMenu();
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([CODE]);
  });
});

describe('Esc', () => {
  it('cancels a recording dictation, frees its session and copies nothing', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app } = setup();
    shell.configure();
    hotkeys.press(HOTKEY);
    expect(hotkeys.registered.has('Escape')).toBe(true);
    hotkeys.press('Escape');
    expect(app.sessions[0]?.cancelled).toBe(true);
    expect(app.openSessions).toBe(0);
    expect(hotkeys.registered.has('Escape')).toBe(false); // Esc goes back to the other apps
    keyRelease?.release('Space');
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([]);
    expect(shell.dictation.dictationState).toBe('idle');

    hotkeys.press(HOTKEY);
    expect(app.sessions).toHaveLength(2);
  });

  it('cancels a request that is already generating, and its late result is never copied', async () => {
    const { shell, hotkeys, keyRelease, clipboard, app } = setup();
    app.holdFinish = true;
    shell.configure();
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    expect(shell.dictation.dictationState).toBe('finishing');
    hotkeys.press('Escape');
    app.releaseFinish();
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([]);
    expect(app.openSessions).toBe(0);
  });

  it('a new dictation cancels the request still generating', async () => {
    const { shell, hotkeys, keyRelease, app } = setup();
    app.holdFinish = true;
    shell.configure();
    hotkeys.press(HOTKEY);
    keyRelease?.release('Space');
    hotkeys.press(HOTKEY);
    expect(app.sessions[0]?.cancelled).toBe(true);
    expect(shell.dictation.dictationState).toBe('recording');
  });
});

describe('a hotkey that cannot be registered', () => {
  it('says which hotkey is taken, falls back to another in toggle mode', async () => {
    const { shell, hotkeys, clipboard, notifications } = setup();
    hotkeys.heldElsewhere.add(HOTKEY);
    const status = shell.configure();
    expect(status).toMatchObject({ accelerator: 'CommandOrControl+Alt+Space', mode: 'toggle', requestedMode: 'push-to-talk' });
    expect(status.message).toMatch(/The hotkey CommandOrControl\+Shift\+Space could not be registered: another app is probably using it/);
    expect(status.message).toMatch(/Using CommandOrControl\+Alt\+Space in toggle mode instead/);
    expect(notifications.last).toBe(status.message);

    hotkeys.press('CommandOrControl+Alt+Space');
    hotkeys.press('CommandOrControl+Alt+Space');
    await shell.dictation.settled();
    expect(clipboard.writes).toEqual([CODE]);
  });

  it('with every hotkey taken, dictation still works from the tray and the message says so', () => {
    const { shell, hotkeys } = setup();
    for (const a of [HOTKEY, 'CommandOrControl+Alt+Space', 'F9']) hotkeys.heldElsewhere.add(a);
    const status = shell.configure();
    expect(status.accelerator).toBeNull();
    expect(status.mode).toBe('toggle');
    expect(status.message).toMatch(/No global hotkey is active: start and stop dictation from the tray menu/);
  });

  it('an invalid accelerator is explained before anything is registered', () => {
    const { shell } = setup({ accelerator: 'Shift+Foo' });
    const status = shell.configure();
    expect(status.message).toMatch(/"Shift\+Foo" is not a valid hotkey: "Foo" is not a key Electron knows/);
    expect(status.accelerator).toBe('CommandOrControl+Alt+Space');
  });

  it('reconfiguring releases the old hotkey', () => {
    const { shell, hotkeys, settings } = setup();
    shell.configure();
    settings.hotkey.accelerator = 'F8';
    shell.configure();
    expect([...hotkeys.registered.keys()]).toEqual(['F8']);
  });
});

describe('pause', () => {
  it('a paused hotkey starts nothing and cancels what was open', () => {
    const { shell, hotkeys, app } = setup();
    shell.configure();
    hotkeys.press(HOTKEY);
    shell.dictation.setPaused(true);
    expect(app.openSessions).toBe(0);
    hotkeys.press(HOTKEY);
    expect(app.sessions).toHaveLength(1);
  });
});
