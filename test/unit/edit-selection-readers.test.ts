// Reading the focused app's selection on each platform through a fake CommandRunner: the commands run, the ownership
// rule on X11, the Accessibility/UI Automation paths and their copy-keys fallback with the clipboard put back, the size limit.
import { describe, expect, it } from 'vitest';
import { EDIT_SELECTION_MAX_BYTES } from '../../preload/contract.js';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import type { ClipboardAccess, ClipboardSnapshot } from '../../main/hosts/electron/insert/clipboard-access.js';
import { createSelectionCapture } from '../../main/hosts/electron/insert/create-selection-capture.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import { SelectionCapture, type SelectionReader } from '../../main/hosts/electron/insert/selection-capture.js';
import { MacosSelectionReader, WaylandSelectionReader, WindowsSelectionReader } from '../../main/hosts/electron/insert/selection-readers.js';
import { X11SelectionReader } from '../../main/hosts/electron/insert/x11-selection.js';
import { FakeRunner, type Reply } from '../support/fake-runner.js';

/** A clipboard whose copy keys are simulated by the runner: it holds text and records saves and restores. */
class FakeClipboardAccess implements ClipboardAccess {
  readonly restored: ClipboardSnapshot[] = [];
  constructor(public text: string) {}
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
  writeText(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }
  save(): Promise<ClipboardSnapshot> {
    return Promise.resolve({ text: this.text, formats: [{ type: 'image/png', data: Buffer.from('png') }] });
  }
  restore(snapshot: ClipboardSnapshot): Promise<void> {
    this.restored.push(snapshot);
    this.text = snapshot.text;
    return Promise.resolve();
  }
}

const notInstalled = (file: string): AppError => new AppError('UNAVAILABLE', `${file} is not installed.`, { details: { reason: 'no-tool' } });
const owner = (owned: boolean): Reply => ({ stdout: JSON.stringify({ owner: 4194305, focus: owned ? 4194310 : 2097155, active: 0, mask: 2097151, owned }) + '\n' });
const big = Buffer.alloc(EDIT_SELECTION_MAX_BYTES + 1, 0x61);

describe('X11: PRIMARY only when the focused window owns it', () => {
  it('reads PRIMARY with xclip when the focused window\'s client owns it', async () => {
    const runner = new FakeRunner((file) => (file === 'python3' ? owner(true) : { stdout: 'const a = 1;\n' }));
    expect(await new X11SelectionReader({ runner }).read()).toEqual({ text: 'const a = 1;\n', source: 'primary' });
    expect(runner.calls.map((c) => [c.file, ...c.args.filter((a) => !a.includes('\n'))].join(' '))).toEqual(['python3 -S -c', 'xclip -selection primary -o -t UTF8_STRING']);
  });

  it('ignores a PRIMARY owned by another window without reading it', async () => {
    const runner = new FakeRunner((file) => (file === 'python3' ? owner(false) : { stdout: 'stale' }));
    expect(await new X11SelectionReader({ runner }).read()).toBeUndefined();
    expect(runner.files()).toEqual(['python3']);
  });

  it('says what to install when python3 is missing, and the capture degrades to no selection', async () => {
    const runner = new FakeRunner((file) => (file === 'python3' ? notInstalled(file) : {}));
    await expect(new X11SelectionReader({ runner }).read()).rejects.toThrow(/python3 is not installed.*apt install python3 xclip/);
    const capture = new SelectionCapture({ reader: new X11SelectionReader({ runner }), logger: silentLogger });
    expect(await capture.capture()).toMatchObject({ kind: 'none', why: expect.stringContaining('python3') as string });
  });

  it('refuses a selection over 64 KB with a clear error', async () => {
    const runner = new FakeRunner((file) => (file === 'python3' ? owner(true) : { stdoutBytes: big }));
    const outcome = await new SelectionCapture({ reader: new X11SelectionReader({ runner }), logger: silentLogger }).capture();
    expect(outcome).toMatchObject({ kind: 'error', error: { code: 'INPUT_TOO_LARGE' } });
    expect(outcome.kind === 'error' && outcome.error.message).toMatch(/at most 64 KB\. Select a smaller part/);
  });

  it('is built only when python3 and xclip are there, else says so', () => {
    const support = detectInsertSupport('linux', { DISPLAY: ':0' }, (t) => (t === 'xdotool' || t === 'xclip' ? `/usr/bin/${t}` : undefined));
    const none = createSelectionCapture({ support, runner: new FakeRunner(), which: (t) => (t === 'xclip' ? '/usr/bin/xclip' : undefined), logger: silentLogger });
    expect(none).toMatchObject({ available: false, message: expect.stringContaining('python3') as string });
    const ok = createSelectionCapture({ support, runner: new FakeRunner(), which: (t) => `/usr/bin/${t}`, logger: silentLogger });
    expect(ok.available).toBe(true);
  });
});

describe('Wayland: wl-paste --primary', () => {
  it('reads the primary selection without a trailing newline of its own', async () => {
    const runner = new FakeRunner(() => ({ stdout: 'x = 1' }));
    expect(await new WaylandSelectionReader(runner).read()).toEqual({ text: 'x = 1', source: 'wayland-primary' });
    expect(runner.calls[0]?.args).toEqual(['--primary', '--no-newline', '--type', 'text/plain;charset=utf-8']);
  });

  it('treats "No selection" as nothing selected and a compositor without primary selection as an error to log', async () => {
    expect(await new WaylandSelectionReader(new FakeRunner(() => ({ exitCode: 1, stderr: 'No selection\n' }))).read()).toBeUndefined();
    await expect(new WaylandSelectionReader(new FakeRunner(() => ({ exitCode: 1, stderr: 'Primary selection is not supported\n' }))).read()).rejects.toMatchObject({ details: { reason: 'no-compositor-support' } });
  });
});

describe('macOS: Accessibility, else Cmd+C with the clipboard put back', () => {
  it('reads AXSelectedText and drops the newline osascript adds', async () => {
    const runner = new FakeRunner(() => ({ stdout: 'OK:  return a + b;\n\n' }));
    const reader = new MacosSelectionReader({ runner, logger: silentLogger, clipboard: new FakeClipboardAccess('mine') });
    expect(await reader.read()).toEqual({ text: '  return a + b;\n', source: 'accessibility' });
    expect(runner.calls).toHaveLength(1);
  });

  it('falls back to Cmd+C when the app exposes no text, and puts the clipboard back', async () => {
    const clipboard = new FakeClipboardAccess('what the user copied');
    const runner = new FakeRunner((_f, args) => {
      if (args.join(' ').includes('keystroke "c"')) void clipboard.writeText('selected in an Electron editor');
      return { stdout: args.join(' ').includes('AXSelectedText') ? 'NOAX\n' : '' };
    });
    const reader = new MacosSelectionReader({ runner, logger: silentLogger, clipboard });
    expect(await reader.read()).toEqual({ text: 'selected in an Electron editor', source: 'copy-keys' });
    expect(clipboard.restored).toHaveLength(1);
    expect(clipboard.text).toBe('what the user copied');
  });

  it('reports nothing selected when Cmd+C leaves the clipboard as it was, and still puts it back', async () => {
    const clipboard = new FakeClipboardAccess('what the user copied');
    const runner = new FakeRunner((_f, args) => ({ stdout: args.join(' ').includes('AXSelectedText') ? 'NOAX\n' : '' }));
    expect(await new MacosSelectionReader({ runner, logger: silentLogger, clipboard }).read()).toBeUndefined();
    expect(clipboard.text).toBe('what the user copied');
    expect(clipboard.restored).toHaveLength(1);
  });
});

describe('Windows: UI Automation, else Ctrl+C with the clipboard put back', () => {
  it('decodes the TextPattern selection (base64 UTF-8)', async () => {
    const text = 'let größe = 1;\r\n';
    const runner = new FakeRunner(() => ({ stdout: `OK:${Buffer.from(text).toString('base64')}\r\n` }));
    expect(await new WindowsSelectionReader({ runner, powershell: 'powershell.exe', logger: silentLogger }).read()).toEqual({ text, source: 'ui-automation' });
    expect(runner.calls[0]?.args.at(-1)).toContain('TextPattern');
  });

  it('sends Ctrl+C where there is no TextPattern, and puts the clipboard back', async () => {
    const clipboard = new FakeClipboardAccess('theirs');
    const runner = new FakeRunner((_f, args) => {
      const script = args.at(-1) ?? '';
      if (script.includes("SendWait('^c')")) void clipboard.writeText('int x = 0;');
      return { stdout: script.includes('TextPattern') ? 'NOPATTERN\r\n' : '' };
    });
    expect(await new WindowsSelectionReader({ runner, powershell: 'powershell.exe', logger: silentLogger, clipboard }).read()).toEqual({ text: 'int x = 0;', source: 'copy-keys' });
    expect(clipboard.text).toBe('theirs');
  });
});

describe('the capture never holds the dictation back', () => {
  it('gives up on a hung reader after its deadline and reports no selection', async () => {
    const hung: SelectionReader = {
      platform: 'x11',
      read: (signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stopped')))),
    };
    expect(await new SelectionCapture({ reader: hung, logger: silentLogger, timeoutMs: 20 }).capture()).toEqual({ kind: 'none', why: 'The selection could not be read in time.' });
  });
});
