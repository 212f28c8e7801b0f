// Hotkey dictation with output.mode paste/both/clipboard, as a user sees it: the code lands where the cursor was, the clipboard comes back.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { setupPaste } from '../../main/hosts/electron/insert/paste-setup.js';
import type { CommandRunner, RunResult } from '../../main/hosts/electron/insert/command-runner.js';
import { ANSWER, CODE, result } from './electron-fakes.js';
import { HOTKEY, pasteShell, settle } from './electron-paste-fakes.js';

/** No external tool answers: every run fails as "not installed". */
class NoTools implements CommandRunner {
  readonly runs: string[] = [];
  run(file: string, args: readonly string[]): Promise<RunResult> {
    this.runs.push([file, ...args].join(' '));
    return Promise.resolve({ exitCode: 127, stdout: '', stdoutBytes: Buffer.alloc(0), stderr: `${file}: not found` });
  }
}

describe('hotkey down', () => {
  it('remembers the focused app before the overlay shows, and pastes there even if focus moved while speaking', async () => {
    const { apps, hotkeys, keyRelease, shell, windows } = await pasteShell({ mode: 'paste' });
    hotkeys.press(HOTKEY);
    expect(apps.captures).toEqual([{ target: { handle: '42', names: ['code'], title: 'editor.ts — Visual Studio Code' }, overlayVisible: false }]);
    expect(windows.overlayVisible).toBe(true);

    apps.focused = { handle: '7', names: ['gedit'] }; // a notification or a click elsewhere while the key is held
    keyRelease.release('Space');
    await shell.dictation.settled();
    expect(apps.pasted.map((p) => p.target?.handle)).toEqual(['42']);
  });
});

describe("output.mode 'paste'", () => {
  it('pastes exactly the extracted code into the captured app, then puts the user’s clipboard back', async () => {
    const { apps, clipboard, notifications, windows, shell, gate, dictate } = await pasteShell({ mode: 'paste', clipboardText: 'the user’s own copy' });
    await dictate();

    expect(apps.pasted).toEqual([{ target: { handle: '42', names: ['code'], title: 'editor.ts — Visual Studio Code' }, fromClipboard: CODE, keys: 'ctrl+v' }]);
    expect(notifications.shown.at(-1)).toEqual({ title: 'Pasted', body: 'Pasted 3 lines into code.' });
    expect(shell.recent.list().map((r) => r.text)).toEqual([CODE]);
    expect(windows.overlayVisible).toBe(false);
    // The overlay is not told "on the clipboard": the clipboard is about to be the user's again.
    expect(windows.broadcasts.filter((b) => b.event === 'pipeline.event')).toEqual([]);

    expect(clipboard.text).toBe(CODE); // the target app reads it during the restore delay
    gate.open();
    await settle();
    expect(clipboard.text).toBe('the user’s own copy');
  });

  it('never overwrites something the user copied during the restore delay', async () => {
    const { clipboard, gate, dictate } = await pasteShell({ mode: 'paste', clipboardText: 'old' });
    await dictate();
    await clipboard.writeText('copied meanwhile');
    gate.open();
    await settle();
    expect(clipboard.text).toBe('copied meanwhile');
  });

  it('at quit, a clipboard still waiting for its delay is put back before the app goes', async () => {
    const { clipboard, shell, dictate } = await pasteShell({ mode: 'paste', clipboardText: 'keep me' });
    await dictate();
    expect(clipboard.text).toBe(CODE);
    await shell.dispose();
    expect(clipboard.text).toBe('keep me');
  });
});

describe("output.mode 'both'", () => {
  it('pastes and leaves the result on the clipboard, and says so', async () => {
    const { apps, clipboard, notifications, windows, gate, dictate } = await pasteShell({ mode: 'both', clipboardText: 'old' });
    await dictate();
    expect(apps.pasted.map((p) => p.fromClipboard)).toEqual([CODE]);
    gate.open();
    await settle();
    expect(clipboard.text).toBe(CODE);
    expect(notifications.last).toBe('Pasted 3 lines into code. It is on the clipboard too.');
    expect(windows.broadcasts.find((b) => b.event === 'pipeline.event')?.payload).toMatchObject({ requestId: 1, event: { type: 'result', result: { copied: true } } });
  });
});

describe("output.mode 'clipboard'", () => {
  it('copies as before: the focus is read (it picks the app profile) but the inserter is never called', async () => {
    const { apps, clipboard, notifications, dictate } = await pasteShell({ mode: 'clipboard', clipboardText: 'old' });
    await dictate();
    expect(apps.captures).toHaveLength(1);
    expect(apps.inserts).toBe(0);
    expect(clipboard.writes).toEqual([CODE]);
    expect(notifications.shown.at(-1)).toEqual({ title: 'Copied', body: 'Copied 3 lines of typescript to the clipboard.' });
  });

  it('a quick command from the tray is only copied even in paste mode (it has no app to paste into)', async () => {
    const { apps, clipboard, tray } = await pasteShell({ mode: 'paste', clipboardText: 'function f(x) { return x }' });
    tray.click('quick.add_types');
    await settle();
    expect(apps.inserts).toBe(0);
    expect(clipboard.text).toContain('add_types of: function f(x)');
  });
});

describe('incomplete results', () => {
  for (const mode of ['paste', 'both'] as const) {
    it(`are neither pasted nor copied in ${mode} mode, and the user is told why`, async () => {
      const { apps, app, clipboard, notifications, shell, dictate } = await pasteShell({ mode, clipboardText: 'old' });
      app.nextResult = result({ complete: false, finishReason: 'MAX_TOKENS' });
      await dictate();
      expect(apps.inserts).toBe(0);
      expect(clipboard.writes).toEqual([]);
      expect(clipboard.text).toBe('old');
      expect(shell.recent.list()).toEqual([]);
      expect(notifications.shown.at(-1)).toEqual({ title: 'Nothing copied', body: expect.stringMatching(/cut short \(MAX_TOKENS\); nothing was copied/) as unknown });
    });
  }
});

describe('paste unavailable', () => {
  it('Linux without xdotool: the result goes to the clipboard and the user learns why and how to fix it', async () => {
    const runner = new NoTools();
    const { clipboard, notifications, tray, dictate } = await pasteShell({
      mode: 'paste',
      clipboardText: 'old',
      paste: (shellClipboard, settings) =>
        setupPaste({ platform: 'linux', env: { DISPLAY: ':0' }, logger: silentLogger, settings, clipboard: shellClipboard, runner, which: () => undefined }),
    });
    // At start: chosen but not possible here, said once, and shown in the tray.
    expect(notifications.shown).toEqual([{ title: 'Paste is unavailable', body: expect.stringContaining('sudo apt install xdotool') as unknown }]);
    expect(tray.item('paste.status')).toMatchObject({ enabled: false, label: expect.stringMatching(/^Paste: unavailable — xdotool is not installed/) as unknown });
    expect(tray.tooltip).toMatch(/\nPaste unavailable: xdotool is not installed/);

    await dictate();
    expect(clipboard.writes).toEqual([CODE]);
    expect(notifications.shown.at(-1)?.title).toBe('Copied');
    expect(notifications.last).toMatch(/^Not pasted: xdotool is not installed.*sudo apt install xdotool/);
    expect(runner.runs).toEqual([]); // nothing was tried: no tool was found at start
  });

  it('macOS without the Accessibility permission: copied, with where to grant it', async () => {
    const { clipboard, notifications, dictate } = await pasteShell({
      mode: 'both',
      paste: (shellClipboard, settings) =>
        setupPaste({
          platform: 'darwin', env: {}, logger: silentLogger, settings, clipboard: shellClipboard, runner: new NoTools(),
          which: (name) => (name === 'osascript' ? '/usr/bin/osascript' : undefined), isAccessibilityTrusted: () => false,
        }),
    });
    await dictate();
    expect(clipboard.text).toBe(CODE);
    expect(notifications.last).toMatch(/^Not pasted: .*Accessibility/);
  });

  it('the unavailable notice is shown once, and only when paste is asked for', async () => {
    const { notifications, shell, settings } = await pasteShell({
      mode: 'clipboard',
      paste: (shellClipboard, s) => setupPaste({ platform: 'linux', env: { DISPLAY: ':0' }, logger: silentLogger, settings: s, clipboard: shellClipboard, runner: new NoTools(), which: () => undefined }),
    });
    expect(notifications.shown).toEqual([]);
    settings.output.mode = 'paste'; // the user chooses paste in Settings (settings.update reconfigures the shell)
    shell.configure();
    shell.configure();
    expect(notifications.shown.map((n) => n.title)).toEqual(['Paste is unavailable']);
  });
});

describe('the app profile at delivery (issue 23)', () => {
  it('pastes the Markdown answer, not only the code, when the request ran with the chat profile', async () => {
    const { app, apps, dictate } = await pasteShell({ mode: 'paste' });
    apps.focused = { handle: '9', names: ['Slack'], app: 'slack', title: 'general - Team - Slack' };
    app.nextResult = result({ profile: { id: 'builtin:chat', label: 'Chat: markdown', style: 'markdown' } });
    await dictate();
    expect(apps.pasted.at(-1)?.fromClipboard).toBe(ANSWER);
  });

  it('never pastes a trailing newline when the request ran as a shell command, even into an editor', async () => {
    const { app, apps, dictate } = await pasteShell({ mode: 'paste' });
    app.nextResult = result({ code: 'ls -la\n', profile: { id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell' } });
    await dictate();
    expect(apps.pasted.at(-1)?.fromClipboard).toBe('ls -la');
  });

  it('gives the desktop shell the focus read at hotkey down, for the app profile', async () => {
    const { shell, hotkeys } = await pasteShell({ mode: 'clipboard' });
    hotkeys.press(HOTKEY);
    expect(await shell.focusContext()).toEqual({ available: true, names: ['code'], title: 'editor.ts — Visual Studio Code' });
  });
});
