// The X11 focus read at hotkey down: one xprop call (class, pid, title) and /proc instead of three xdotool calls and ps, with a fallback.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import type { CommandRunner, RunOptions, RunResult } from '../../main/hosts/electron/insert/command-runner.js';
import { focusContextOf } from '../../main/hosts/electron/insert/focus-context.js';
import { XdotoolInserter } from '../../main/hosts/electron/insert/xdotool-inserter.js';
import { parseXprop } from '../../main/hosts/electron/insert/xprop-props.js';

class FakeRunner implements CommandRunner {
  readonly lines: string[] = [];
  constructor(private readonly reply: (line: string) => Partial<RunResult> | Error) {}
  run(file: string, args: readonly string[], _options: RunOptions = {}): Promise<RunResult> {
    const line = [file, ...args].join(' ');
    this.lines.push(line);
    const r = this.reply(line);
    if (r instanceof Error) return Promise.reject(r);
    const stdout = r.stdout ?? '';
    return Promise.resolve({ exitCode: r.exitCode ?? 0, stdout, stdoutBytes: Buffer.from(stdout), stderr: r.stderr ?? '' });
  }
}

const XPROP_XTERM = [
  'WM_CLASS(STRING) = "xterm", "XTerm"',
  '_NET_WM_PID(CARDINAL) = 4242',
  '_NET_WM_NAME(UTF8_STRING) = "app.py (~/proj) - VIM"',
  'WM_NAME(STRING) = "app.py (~/proj) - VIM"',
  '',
].join('\n');

describe('reading a window with xprop', () => {
  it('reads class, instance, pid and the UTF-8 title, unescaping quotes and octal bytes', () => {
    expect(parseXprop(XPROP_XTERM)).toEqual({ windowClass: 'XTerm', instance: 'xterm', pid: '4242', title: 'app.py (~/proj) - VIM' });
    const escaped = 'WM_CLASS(STRING) = "code", "Code"\n_NET_WM_NAME(UTF8_STRING) = "say \\"hi\\" \\342\\227\\217 app.py - proj - Visual Studio Code"\n';
    expect(parseXprop(escaped).title).toBe('say "hi" ● app.py - proj - Visual Studio Code');
  });

  it('falls back to WM_NAME and says nothing of missing properties', () => {
    expect(parseXprop('WM_CLASS(STRING) = "st", "St"\n_NET_WM_PID:  not found.\n_NET_WM_NAME:  not found.\nWM_NAME(STRING) = "~"\n')).toEqual({ windowClass: 'St', instance: 'st', title: '~' });
  });

  it('caps a hostile title', () => {
    expect(parseXprop(`_NET_WM_NAME(UTF8_STRING) = "${'x'.repeat(1_000_000)}"`).title).toHaveLength(4_096);
  });
});

describe('the focus at hotkey down on X11', () => {
  it('takes two helper processes with xprop: getwindowfocus, then xprop; the program from /proc', async () => {
    const runner = new FakeRunner((line) => (line === 'xdotool getwindowfocus' ? { stdout: '77\n' } : line.startsWith('xprop -id 77') ? { stdout: XPROP_XTERM } : new Error(`unexpected ${line}`)));
    const x11 = new XdotoolInserter({ runner, logger: silentLogger, display: ':0', useXprop: true, readArgv0: (pid) => Promise.resolve(pid === '4242' ? '/usr/bin/xterm' : undefined) });
    const target = await x11.captureTarget();
    expect(target).toEqual({ handle: '77', names: ['XTerm', 'xterm'], title: 'app.py (~/proj) - VIM', app: 'xterm', windowClass: 'XTerm' });
    expect(runner.lines).toEqual(['xdotool getwindowfocus', 'xprop -id 77 WM_CLASS _NET_WM_PID _NET_WM_NAME WM_NAME']);
    expect(focusContextOf(target)).toEqual({ available: true, names: ['XTerm', 'xterm'], app: 'xterm', windowClass: 'XTerm', title: 'app.py (~/proj) - VIM' });
  });

  it('falls back to xdotool and ps when xprop is not installed, and stops trying it', async () => {
    const runner = new FakeRunner((line) => {
      if (line === 'xdotool getwindowfocus') return { stdout: '77\n' };
      if (line.startsWith('xprop')) return new AppError('UNAVAILABLE', 'xprop is not installed.', { details: { reason: 'no-tool' } });
      if (line.startsWith('xdotool getwindowname')) return { stdout: 'app.py - proj - Visual Studio Code\n' };
      if (line.startsWith('xdotool getwindowpid')) return { stdout: '5\n' };
      if (line.startsWith('xdotool getwindowclassname')) return { stdout: 'Code\n' };
      if (line.startsWith('ps ')) return { stdout: '/usr/share/code/code --type=renderer\n' };
      return {};
    });
    const x11 = new XdotoolInserter({ runner, logger: silentLogger, display: ':0', useXprop: true });
    expect(await x11.captureTarget()).toMatchObject({ handle: '77', names: ['Code', 'code'], app: 'code', title: 'app.py - proj - Visual Studio Code' });
    await x11.captureTarget();
    expect(runner.lines.filter((l) => l.startsWith('xprop'))).toHaveLength(1);
  });

  it('knows no focus on Wayland (no handle, no names): the default profile applies', () => {
    expect(focusContextOf({ names: [] })).toEqual({ available: false, names: [] });
  });
});
