// Edit by voice in the desktop shell over fakes: the edit hotkey and its conflicts, the selection joining the dictation,
// edits held for Apply, Apply's second look (window, selection, terminal), the size limit, quick commands on the selection.
import { describe, expect, it } from 'vitest';
import type { EditTarget, PipelineResult } from '../../preload/contract.js';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { ElectronClipboardAccess } from '../../main/hosts/electron/insert/electron-clipboard-access.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import type { SelectionOutcome } from '../../main/hosts/electron/insert/selection-capture.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { RendererDictation } from '../../main/hosts/electron/logic/renderer-dictation.js';
import { MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { FakeApp, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeWindows, result } from './electron-fakes.js';
import { FakeTargetApps, HOTKEY, RestoreGate, settle } from './electron-paste-fakes.js';

const EDIT_HOTKEY = 'CommandOrControl+Alt+Shift+Space';
const BEFORE = 'function add(a, b) {\n  return a + b;\n}\n';
const AFTER = 'function add(first, second) {\n  return first + second;\n}\n';

function editResult(overrides: Partial<PipelineResult> = {}): PipelineResult {
  return result({ code: AFTER, edit: { before: BEFORE, after: AFTER, app: 'code' }, ...overrides });
}

async function setup(opts: { editAccelerator?: string; selected?: string; held?: string[] } = {}) {
  const clipboard = new FakeClipboard('what the user had copied');
  const app = new FakeApp(clipboard);
  const windows = new FakeWindows();
  const notifications = new FakeNotifications();
  const hotkeys = new FakeHotkeys();
  for (const a of opts.held ?? []) hotkeys.heldElsewhere.add(a);
  const keyRelease = new FakeKeyRelease();
  const gate = new RestoreGate();
  const apps = new FakeTargetApps(clipboard, windows);
  const settings = {
    hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' as const, editAccelerator: opts.editAccelerator ?? EDIT_HOTKEY },
    output: { mode: 'clipboard' as const, copyFullAnswer: false, rules: [], restoreDelayMs: 500 },
  };
  const output = new PasteOutput({ inserter: apps, clipboard: new ElectronClipboardAccess(clipboard), logger: silentLogger, settings: () => settings.output, wait: gate.wait });
  const state = { selected: opts.selected as string | undefined, tooLarge: false, unreadable: false, reads: 0 };
  const capture = (): Promise<SelectionOutcome> => {
    state.reads++;
    if (state.unreadable) return Promise.resolve({ kind: 'none', why: 'The selection could not be read in time.' });
    if (state.tooLarge) return Promise.resolve({ kind: 'error', error: new AppError('INPUT_TOO_LARGE', 'The selection is 80 KB; edit by voice takes at most 64 KB.') });
    return Promise.resolve(state.selected === undefined ? { kind: 'none', why: 'Nothing is selected in the focused app.' } : { kind: 'selected', text: state.selected, source: 'primary' });
  };
  const edits: (Promise<EditTarget | undefined> | undefined)[] = [];
  const shell = new DesktopShell({
    app,
    starter: { start: (hooks) => (edits.push(hooks?.edit), app.startDictation()) },
    settings: () => settings, hotkeys, keyRelease, clipboard,
    paste: { support: { message: 'Paste uses xdotool (X11).' }, availability: await output.start(), output },
    selection: { capture: { capture }, available: true, message: 'PRIMARY' },
    windows, notifications, logger: silentLogger, quit: () => undefined,
  });
  const status = shell.configure();
  const dictate = async (accelerator = HOTKEY): Promise<void> => {
    hotkeys.press(accelerator);
    keyRelease.release('Space');
    await shell.dictation.settled();
  };
  return { shell, status, clipboard, app, windows, notifications, hotkeys, keyRelease, gate, apps, settings, state, edits, dictate };
}

describe('the edit hotkey', () => {
  it('is registered beside the dictation hotkey by default and forces edit mode on the selection', async () => {
    const t = await setup({ selected: BEFORE });
    expect([...t.hotkeys.registered.keys()]).toEqual([HOTKEY, EDIT_HOTKEY]);
    expect(t.shell.dictation.editHotkey).toEqual({ accelerator: EDIT_HOTKEY });
    t.app.nextResult = editResult();
    await t.dictate(EDIT_HOTKEY);
    expect(await t.edits[0]).toEqual({ selection: BEFORE, app: 'code' });
  });

  it('with nothing selected says so and dictates new code as usual', async () => {
    const t = await setup();
    await t.dictate(EDIT_HOTKEY);
    expect(await t.edits[0]).toBeUndefined();
    expect(t.notifications.shown.map((n) => n.title)).toContain('Nothing selected');
    expect(t.clipboard.writes).toHaveLength(1);
  });

  it('is refused, with a message, when it is the dictation hotkey or another app holds it; dictation keeps working', async () => {
    const same = await setup({ editAccelerator: HOTKEY });
    expect(same.shell.dictation.editHotkey.message).toMatch(/is the dictation hotkey too/);
    expect(same.status.accelerator).toBe(HOTKEY);
    const held = await setup({ held: [EDIT_HOTKEY] });
    expect(held.shell.dictation.editHotkey).toMatchObject({ accelerator: null, message: expect.stringContaining('could not be registered') as string });
    expect(held.notifications.shown.map((n) => n.title)).toContain('Edit hotkey');
    const off = await setup({ editAccelerator: '' });
    expect([...off.hotkeys.registered.keys()]).toEqual([HOTKEY]);
  });
});

describe('editing the selection with the dictation hotkey', () => {
  it('passes the selection and the app into the dictation; nothing selected: no edit', async () => {
    const t = await setup({ selected: BEFORE });
    await t.dictate();
    expect(await t.edits[0]).toEqual({ selection: BEFORE, app: 'code' });
    t.state.selected = undefined;
    await t.dictate();
    expect(await t.edits[1]).toBeUndefined();
    expect(t.notifications.shown.map((n) => n.title)).not.toContain('Nothing selected');
  });

  it('holds a finished edit for Apply instead of copying it, and the overlay stays', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    expect(t.clipboard.writes).toEqual([]);
    expect(t.shell.edits.has(1)).toBe(true);
    expect(t.windows.hides).toEqual([]);
    expect(t.notifications.last).toBe('Edit ready for 3 lines in code: Apply, Copy or Discard in the overlay.');
  });
});

describe('Apply', () => {
  it('pastes the replacement over the selection and then gives the clipboard back', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    const outcome = await t.shell.edits.apply(1);
    expect(outcome).toMatchObject({ ok: true, applied: true, message: 'Applied: replaced 3 lines in code.' });
    expect(t.apps.pasted).toEqual([{ target: t.apps.focused, fromClipboard: AFTER, keys: 'ctrl+v' }]);
    t.gate.open();
    expect(await outcome.restore).toBe('restored');
    expect(t.clipboard.text).toBe('what the user had copied');
    expect(t.shell.edits.has(1)).toBe(false);
  });

  it('copies instead, and says so, when the focus moved to another window', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    t.apps.focused = { handle: '77', names: ['firefox'] };
    const outcome = await t.shell.edits.apply(1);
    expect(outcome).toMatchObject({ ok: true, applied: false, copied: true });
    expect(outcome.message).toMatch(/focus moved from code to firefox/);
    expect(t.apps.inserts).toBe(0);
    expect(t.clipboard.text).toBe(AFTER);
  });

  it('copies instead when the selection changed since the user spoke', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    t.state.selected = 'something else';
    const outcome = await t.shell.edits.apply(1);
    expect(outcome.message).toMatch(/selection in code changed/);
    expect(t.apps.inserts).toBe(0);
  });

  it('copies instead when the selection cannot be checked (a tool failed), rather than guess', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    t.state.unreadable = true;
    const outcome = await t.shell.edits.apply(1);
    expect(outcome).toMatchObject({ applied: false, copied: true, message: expect.stringContaining('could not be checked') as string });
    expect(t.apps.inserts).toBe(0);
  });

  it('in a terminal copies, never pastes, and without the trailing newline', async () => {
    const t = await setup({ selected: 'git commit -m wip\n' });
    t.apps.focused = { handle: '9', names: ['xterm'] };
    t.app.nextResult = editResult({ edit: { before: 'git commit -m wip\n', after: 'git commit -m "work in progress"\n', app: 'xterm' } });
    await t.dictate();
    const outcome = await t.shell.edits.apply(1);
    expect(outcome).toMatchObject({ applied: false, copied: true, message: expect.stringContaining('xterm is a terminal') as string });
    expect(t.clipboard.text).toBe('git commit -m "work in progress"');
    expect(t.apps.inserts).toBe(0);
  });

  it('through the overlay\'s result actions (apply, and paste on an edit) tells the user what happened and hides the overlay', async () => {
    const t = await setup({ selected: BEFORE });
    t.app.nextResult = editResult();
    await t.dictate();
    t.apps.focused = { handle: '77', names: ['firefox'] };
    expect(await t.shell.actions.run(1, 'paste')).toEqual({ ok: true, message: expect.stringMatching(/^Copied, not applied: the focus moved/) as string });
    expect(t.apps.inserts).toBe(0);
    expect(t.notifications.shown.at(-1)?.title).toBe('Copied');
    expect(t.windows.hides).toHaveLength(1);
    expect(t.shell.discardEdit(1)).toBe(true);
    expect(await t.shell.applyEdit(1)).toMatchObject({ ok: false });
  });

  it('says there is nothing to apply for an unknown request', async () => {
    const t = await setup();
    expect(await t.shell.edits.apply(42)).toMatchObject({ ok: false, message: expect.stringContaining('no edit to apply') as string });
  });
});

describe('a selection over the size limit', () => {
  it('fails the overlay\'s dictation.start with the clear error, so the user hears it at once', async () => {
    const calls: unknown[] = [];
    const router = { call: (method: string, params: unknown) => (calls.push({ method, params }), Promise.resolve({ ok: true as const, result: { requestId: 5 } })) };
    const bridge = new RendererDictation({ sendHotkeyState: () => undefined, captureClientId: () => 'window:2', rendererMode: () => 'push-to-talk', router, events: { subscribe: () => () => undefined }, logger: silentLogger });
    const guard = new IpcGuard({ router, onAudio: () => undefined, logger: silentLogger, prepare: (m, c, p) => bridge.prepareCall(m, c, p), onOutcome: (m, c, o) => bridge.observeCall(m, c, o) });
    const failed: unknown[] = [];
    const tooLarge = Promise.reject(new AppError('INPUT_TOO_LARGE', 'The selection is 80 KB; edit by voice takes at most 64 KB.'));
    tooLarge.catch(() => undefined);
    bridge.start({ onFailed: (e) => failed.push(e), edit: tooLarge });
    const outcome = await guard.invoke('dictation.start', { url: `${MAIN_URL}?view=overlay`, isTopFrame: true }, [{}], 'window:2');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INPUT_TOO_LARGE', message: expect.stringContaining('at most 64 KB') as string } });
    expect(calls).toEqual([]);
    expect(failed).toHaveLength(1);
  });

  it('adds the selection to the overlay\'s dictation.start only, not to other windows\' calls', async () => {
    const calls: { method: string; params: unknown }[] = [];
    const router = { call: (method: string, params: unknown) => (calls.push({ method, params }), Promise.resolve({ ok: true as const, result: { requestId: 5 } })) };
    const bridge = new RendererDictation({ sendHotkeyState: () => undefined, captureClientId: () => 'window:2', rendererMode: () => 'push-to-talk', router, events: { subscribe: () => () => undefined }, logger: silentLogger });
    bridge.start({ onFailed: () => undefined, edit: Promise.resolve({ selection: 'x = 1', app: 'code' }) });
    expect(await bridge.prepareCall('dictation.start', 'window:1', {})).toEqual({});
    expect(await bridge.prepareCall('request.text', 'window:2', { text: 'hi' })).toEqual({ text: 'hi' });
    expect(await bridge.prepareCall('dictation.start', 'window:2', { language: 'python' })).toEqual({ language: 'python', edit: { selection: 'x = 1', app: 'code' } });
  });
});

describe('tray quick commands', () => {
  it('act on the selection when there is one, else on the clipboard', async () => {
    const t = await setup({ selected: BEFORE });
    const seen: unknown[] = [];
    const app = { runQuick: (_c: unknown, _e: unknown, o?: { signal?: AbortSignal; selection?: string }) => (seen.push(o?.selection), Promise.resolve(result())) };
    const shell = new DesktopShell({
      app, starter: { start: () => t.app.startDictation() }, settings: () => t.settings, hotkeys: new FakeHotkeys(), clipboard: t.clipboard,
      selection: { capture: { capture: () => Promise.resolve(t.state.selected === undefined ? { kind: 'none', why: '' } : { kind: 'selected', text: t.state.selected, source: 'primary' }) }, available: true, message: '' },
      windows: new FakeWindows(), notifications: new FakeNotifications(), logger: silentLogger, quit: () => undefined,
    });
    await shell.quick.run('add_types');
    t.state.selected = undefined;
    await shell.quick.run('add_types');
    await settle();
    expect(seen).toEqual([BEFORE, undefined]);
  });
});
