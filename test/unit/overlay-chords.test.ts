// The overlay's keyboard chords: only while a result or an error shows, released when it hides, never plain keys or a platform's or editor's shortcut; and its buttons (result.action).
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import { RecentResults } from '../../main/hosts/electron/logic/recent-results.js';
import { ResultActions } from '../../main/hosts/electron/logic/result-actions.js';
import { CHORD_CANDIDATES, normaliseShortcut, pickOverlayChords, RESERVED_SHORTCUTS, type ChordPlatform } from '../../main/hosts/electron/logic/overlay-chords.js';
import { CODE, FakeApp, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows } from './electron-fakes.js';

const HOTKEY = 'CommandOrControl+Shift+Space';
const PLATFORMS: ChordPlatform[] = ['linux', 'win32', 'darwin'];

function setup(opts: { autoHideSeconds?: number; accelerator?: string; fail?: boolean } = {}) {
  const hotkeys = new FakeHotkeys();
  const keyRelease = new FakeKeyRelease();
  const clipboard = new FakeClipboard('what the user had');
  const app = new FakeApp(clipboard);
  const windows = new FakeWindows();
  const notifications = new FakeNotifications();
  const settings = { hotkey: { accelerator: opts.accelerator ?? HOTKEY, mode: 'push-to-talk' as const }, output: { copyFullAnswer: false }, overlay: { autoHideSeconds: opts.autoHideSeconds ?? 0 } };
  const shell = new DesktopShell({
    app, starter: { start: () => app.startDictation() }, settings: () => settings, hotkeys, keyRelease, clipboard, windows, notifications, logger: silentLogger, quit: () => undefined, platform: 'linux',
  });
  shell.configure();
  const dictate = async (): Promise<void> => {
    hotkeys.press(opts.accelerator ?? HOTKEY);
    keyRelease.release('Space');
    await shell.dictation.settled();
  };
  const chords = (): string[] => [...hotkeys.registered.keys()].filter((a) => a !== (opts.accelerator ?? HOTKEY) && a !== 'Escape');
  const announced = () => windows.broadcasts.filter((b) => b.event === 'overlay.keys').map((b) => b.payload as { requestId: number | null; keys: Record<string, string> });
  return { shell, hotkeys, clipboard, app, windows, notifications, dictate, chords, announced };
}

describe('choosing the chords', () => {
  it.each(PLATFORMS)('on %s every chord has at least two modifiers, is distinct, and is none of the platform\'s or editors\' shortcuts', (platform) => {
    const picked = pickOverlayChords(platform, [HOTKEY]);
    const values = Object.values(picked);
    expect(Object.keys(picked).sort()).toEqual(Object.keys(CHORD_CANDIDATES).sort());
    const reserved = new Set(RESERVED_SHORTCUTS[platform].map((s) => normaliseShortcut(s, platform)));
    for (const chord of values) {
      expect(chord.split('+').length).toBeGreaterThanOrEqual(3);
      expect(reserved.has(normaliseShortcut(chord, platform))).toBe(false);
    }
    expect(new Set(values.map((v) => normaliseShortcut(v, platform))).size).toBe(values.length);
  });

  it('spells a shortcut one way per platform, so a reserved one is recognised however it is written', () => {
    expect(normaliseShortcut('CommandOrControl+Shift+Alt+return', 'linux')).toBe('Ctrl+Alt+Shift+Enter');
    expect(normaliseShortcut('CmdOrCtrl+Option+Shift+v', 'darwin')).toBe('Cmd+Alt+Shift+V');
  });

  it("never takes the user's own hotkey: the next candidate is used", () => {
    const first = CHORD_CANDIDATES.paste[0] as string;
    const picked = pickOverlayChords('linux', ['Ctrl+Alt+Shift+Enter']);
    expect(normaliseShortcut(picked.paste as string, 'linux')).not.toBe(normaliseShortcut(first, 'linux'));
    expect(picked.paste).toBe(CHORD_CANDIDATES.paste[1]);
  });
});

describe('chords follow what the overlay shows', () => {
  it('none while idle; after a result paste, copy, open and dismiss are registered and announced to the overlay', async () => {
    const { dictate, chords, announced } = setup();
    expect(chords()).toEqual([]);
    await dictate();
    const live = announced().at(-1);
    expect(live?.requestId).not.toBeNull();
    expect(Object.keys(live?.keys ?? {}).sort()).toEqual(['copy', 'dismiss', 'open-main', 'paste']);
    expect(chords().sort()).toEqual(Object.values(live?.keys ?? {}).sort());
  });

  it('a chord does what its button does: copy puts the code back on the clipboard', async () => {
    const { hotkeys, clipboard, dictate, announced } = setup();
    await dictate();
    clipboard.text = 'something else';
    hotkeys.press(announced().at(-1)?.keys.copy as string);
    await new Promise((r) => setTimeout(r, 0));
    expect(clipboard.text).toBe(CODE);
  });

  it('dismiss hides the overlay and releases every chord; a new dictation releases them too', async () => {
    const s = setup();
    await s.dictate();
    const dismiss = s.announced().at(-1)?.keys.dismiss as string;
    s.hotkeys.press(dismiss);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.windows.overlayVisible).toBe(false);
    expect(s.chords()).toEqual([]);
    expect(s.announced().at(-1)).toEqual({ requestId: null, keys: {} });

    await s.dictate();
    expect(s.chords().length).toBe(4);
    s.hotkeys.press(HOTKEY); // the next dictation starts: the overlay shows listening, no chord stays
    expect(s.chords()).toEqual([]);
  });

  it('with auto-hide on, the chords go when the overlay hides by itself', async () => {
    const s = setup({ autoHideSeconds: 1 });
    await s.dictate();
    expect(s.windows.hides.at(-1)).toBe(1000);
    expect(s.chords().length).toBe(4);
    await new Promise((r) => setTimeout(r, 1100));
    expect(s.chords()).toEqual([]);
  });

  it('with auto-hide off (0), the result stays with its chords until dismissed', async () => {
    const s = setup({ autoHideSeconds: 0 });
    await s.dictate();
    expect(s.windows.hides).toEqual([]);
    expect(s.chords().length).toBe(4);
  });

  it('a chord another app holds is skipped and not shown; the button still works', async () => {
    const s = setup();
    s.hotkeys.heldElsewhere.add(CHORD_CANDIDATES.copy[0] as string);
    await s.dictate();
    const keys = s.announced().at(-1)?.keys ?? {};
    expect(keys.copy).toBeUndefined();
    expect(Object.keys(keys).sort()).toEqual(['dismiss', 'open-main', 'paste']);
  });
});

describe('the overlay buttons (result.action)', () => {
  it('open shows History on the entry; paste pastes into the app in front (copied when paste is not set up); an unknown request says so', async () => {
    const s = setup();
    await s.dictate();
    const requestId = s.announced().at(-1)?.requestId as number;
    expect(await s.shell.actions.run(requestId, 'open-main')).toEqual({ ok: true });
    expect(s.windows.mainViews.at(-1)).toBe('history');
    expect(s.windows.mainFocus.at(-1)).toEqual({ historyId: 1 });

    s.clipboard.text = 'other';
    const pasted = await s.shell.actions.run(requestId, 'paste');
    // No paste support in this shell (no inserter): the code is copied instead, and the answer says so.
    expect(pasted.ok).toBe(false);
    expect(pasted.message).toMatch(/not set up.*Copied/);
    expect(s.clipboard.text).toBe(CODE);

    expect(await s.shell.actions.run(9999, 'copy')).toEqual({ ok: false, message: expect.stringMatching(/no longer here/) });
    expect(await s.shell.actions.run(requestId, 'apply')).toEqual({ ok: false, message: expect.stringMatching(/no edit to apply/) });
  });
});

describe('the overlay buttons on a held edit', () => {
  it('Copy copies the replacement an edit holds (it is never put on the clipboard by itself); Dismiss forgets the edit', async () => {
    const windows = new FakeWindows();
    const copied: string[] = [];
    const held = new Map([[7, 'async function load() {}']]);
    const actions = new ResultActions({
      recent: new RecentResults(5), windows, notifications: new FakeNotifications(), logger: silentLogger, lingerMs: () => 0,
      pasteHere: () => Promise.reject(new Error('an edit is applied, never pasted where the cursor is')),
      copyAgain: (text) => {
        copied.push(text);
        return Promise.resolve({ copied: true, text, message: 'Copied.' });
      },
      apply: (requestId) => Promise.resolve({ ok: held.has(requestId), message: 'Applied.' }),
      heldEdit: { replacement: (id) => held.get(id), discard: (id) => held.delete(id) },
    });
    expect(await actions.run(7, 'copy')).toEqual({ ok: true, message: 'Copied.' });
    expect(copied).toEqual(['async function load() {}']);
    // Paste on an edit applies it over its selection.
    expect(await actions.run(7, 'paste')).toEqual({ ok: true, message: 'Applied.' });
    expect(await actions.run(7, 'dismiss')).toEqual({ ok: true });
    expect(held.has(7)).toBe(false);
    expect(await actions.run(7, 'copy')).toMatchObject({ ok: false });
  });
});
