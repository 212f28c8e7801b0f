// The tray's "Paste last result here": the newest result goes into whatever has focus now, whatever the output mode.
import { describe, expect, it } from 'vitest';
import { CODE } from './electron-fakes.js';
import { pasteShell, settle } from './electron-paste-fakes.js';

describe('tray "Paste last result here"', () => {
  it('is disabled until there is a result', async () => {
    const { tray } = await pasteShell({ mode: 'clipboard' });
    expect(tray.item('paste.last')).toMatchObject({ label: 'Paste last result here', enabled: false });
    expect(tray.item('paste.status')).toBeUndefined(); // paste works here: nothing to warn about
  });

  it('pastes the last result into the app focused now and puts the clipboard back', async () => {
    const { apps, clipboard, notifications, tray, gate, dictate } = await pasteShell({ mode: 'clipboard', clipboardText: 'old' });
    await dictate(); // copied, as clipboard mode does
    await clipboard.writeText('copied since');

    apps.focused = { handle: '7', names: ['gedit'] };
    tray.click('paste.last');
    await settle();
    expect(apps.pasted).toEqual([{ target: { handle: '7', names: ['gedit'] }, fromClipboard: CODE, keys: 'ctrl+v' }]);
    expect(notifications.shown.at(-1)).toEqual({ title: 'Pasted', body: 'Pasted 3 lines into gedit.' });
    gate.open();
    await settle();
    expect(clipboard.text).toBe('copied since');
  });

  it('pastes the newest of several results', async () => {
    const { app, apps, tray, gate, dictate } = await pasteShell({ mode: 'paste' });
    await dictate();
    app.nextResult = { ...app.nextResult, code: 'print("second")\n', transcript: 'print second' };
    gate.open();
    await dictate();
    gate.open();
    await settle();
    tray.click('paste.last');
    await settle();
    expect(apps.pasted.map((p) => p.fromClipboard)).toEqual([CODE, 'print("second")\n', 'print("second")\n']);
  });

  it('refuses to paste into Voice CodeGen itself and leaves the code on the clipboard', async () => {
    const { apps, clipboard, notifications, tray, dictate, gate } = await pasteShell({ mode: 'paste', clipboardText: 'old' });
    await dictate();
    gate.open();
    await settle();
    apps.focused = { handle: '9', names: ['voice-codegen'] };
    tray.click('paste.last');
    await settle();
    expect(apps.pasted).toHaveLength(1); // only the dictation's own paste
    expect(clipboard.text).toBe(CODE);
    expect(notifications.last).toMatch(/Voice CodeGen itself had focus/);
  });
});
