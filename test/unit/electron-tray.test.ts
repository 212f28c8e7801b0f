// The tray as a user sees it: quick commands work on the clipboard's code, the last 5 results copy again, pause and quit.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import { findMenuItem } from '../../main/hosts/electron/logic/tray-menu.js';
import { FakeApp, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeTray, FakeWindows } from './electron-fakes.js';

function setup(clipboardText = '') {
  const clipboard = new FakeClipboard(clipboardText);
  const app = new FakeApp(clipboard);
  const tray = new FakeTray();
  const windows = new FakeWindows();
  const notifications = new FakeNotifications();
  let quits = 0;
  const shell = new DesktopShell({
    app, starter: { start: () => app.startDictation() }, settings: () => ({ hotkey: { accelerator: 'CommandOrControl+Shift+Space', mode: 'push-to-talk' }, output: { copyFullAnswer: false } }),
    hotkeys: new FakeHotkeys(), keyRelease: new FakeKeyRelease(), clipboard, tray, windows, notifications, logger: silentLogger,
    quit: () => quits++,
  });
  shell.configure();
  return { shell, clipboard, app, tray, windows, notifications, quits: () => quits };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('tray quick commands', () => {
  it('"add types" runs its intent on the code on the clipboard and copies the answer', async () => {
    const { clipboard, app, tray, notifications } = setup('function add(a, b) { return a + b }');
    tray.click('quick.add_types');
    await settle();
    expect(app.quick).toEqual([{ command: 'add_types', clipboardText: 'function add(a, b) { return a + b }' }]);
    expect(clipboard.writes).toEqual(['/** add_types of: function add(a, b) { return a + b } */\nfunction add(a, b) { return a + b }']);
    expect(notifications.last).toBe('Copied 2 lines of typescript to the clipboard.');
  });

  it('"convert it to" passes the chosen target language', async () => {
    const { app, tray } = setup('print("hi")');
    tray.click('quick.convert_language.rust');
    await settle();
    expect(app.quick[0]).toMatchObject({ command: 'convert_language', targetLanguage: 'rust' });
  });

  it('with an empty clipboard nothing runs and the user is told to copy the code first', async () => {
    const { app, tray, notifications } = setup('   ');
    tray.click('quick.explain');
    await settle();
    expect(app.quick).toEqual([]);
    expect(notifications.last).toMatch(/Copy the code first/);
  });

  it('offers all six commands of the issue', () => {
    const { tray } = setup();
    const quick = findMenuItem(tray.menu, 'quick');
    expect(quick?.submenu?.map((i) => i.id)).toEqual(['quick.explain', 'quick.add_types', 'quick.generate_test', 'quick.fix_error', 'quick.convert_language', 'quick.document']);
  });
});

describe('tray menu', () => {
  it('lists the last 5 results, newest first, and copies one again on click', async () => {
    const { clipboard, tray } = setup();
    for (let i = 1; i <= 6; i++) {
      clipboard.text = `const v${i} = ${i};`;
      tray.click('quick.document');
      await settle();
    }
    const recent = findMenuItem(tray.menu, 'recent')?.submenu ?? [];
    expect(recent).toHaveLength(5);
    clipboard.text = 'something else';
    tray.click('recent.4');
    expect(clipboard.text).toBe('/** document of: const v2 = 2; */\nconst v2 = 2;');
  });

  it('switches between start and stop-and-send while dictating', () => {
    const { tray } = setup();
    expect(findMenuItem(tray.menu, 'dictation.start')?.label).toBe('Start dictation (CommandOrControl+Shift+Space)');
    tray.click('dictation.start');
    expect(findMenuItem(tray.menu, 'dictation.stop')).toBeDefined();
    expect(findMenuItem(tray.menu, 'dictation.cancel')).toBeDefined();
  });

  it('pause disables dictation and quick commands and says so in the tooltip', () => {
    const { tray } = setup();
    tray.click('pause');
    expect(findMenuItem(tray.menu, 'pause')?.checked).toBe(true);
    expect(findMenuItem(tray.menu, 'dictation.start')?.enabled).toBe(false);
    expect(findMenuItem(tray.menu, 'quick.explain')?.enabled).toBe(false);
    expect(tray.tooltip).toMatch(/paused/);
  });

  it('opens history and settings in the main window, and quits', () => {
    const { tray, windows, quits } = setup();
    tray.click('history');
    tray.click('settings');
    tray.click('quit');
    expect(windows.mainViews).toEqual(['history', 'settings']);
    expect(quits()).toBe(1);
  });
});
