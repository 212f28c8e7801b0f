// Linux X11: find the focused window with xdotool at hotkey down, focus it again and send the paste keys after the result.
import { AppError, isAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from './inserter.js';
import { parseShortcut, toXdotool } from './paste-shortcut.js';
import { XPROP_ARGS, parseXprop } from './xprop-props.js';

export interface XdotoolInserterOptions {
  runner: CommandRunner;
  logger: Logger;
  /** DISPLAY as the app sees it; without one there is no X server to paste into. */
  display: string | undefined;
  timeoutMs?: number;
  /**
   * Read class, pid and title with one `xprop -id` call (x11-utils) instead of three xdotool calls; falls back to
   * xdotool when xprop is missing or says nothing. Set by createInserter; the focus bench measures both.
   */
  useXprop?: boolean;
  /** argv[0] of a pid without `ps` (Linux: /proc/PID/cmdline); absent: `ps -o args=`. */
  readArgv0?: (pid: string) => Promise<string | undefined>;
}

export const XDOTOOL_INSTALL_HINT = 'Install xdotool (Debian/Ubuntu: sudo apt install xdotool; Fedora: sudo dnf install xdotool; Arch: sudo pacman -S xdotool) to paste into other apps.';

export class XdotoolInserter implements Inserter {
  readonly platform = 'x11' as const;
  // Linux terminals take Ctrl+Shift+V (Ctrl+V is "insert the next character literally" in a shell).
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };

  constructor(private readonly options: XdotoolInserterOptions) {}

  async detect(signal?: AbortSignal): Promise<InsertAvailability> {
    if (!this.options.display) return { available: false, reason: 'no-display', message: 'No X display (DISPLAY is not set): the code stays on the clipboard.' };
    try {
      // getmouselocation answers whenever the display is reachable; getwindowfocus fails while nothing has focus.
      const result = await this.xdotool(['getmouselocation'], signal);
      if (result.exitCode !== 0) {
        return { available: false, reason: 'no-display', tool: 'xdotool', message: `xdotool cannot reach the X display ${this.options.display} (${firstLine(result.stderr)}): the code stays on the clipboard.` };
      }
      return { available: true, tool: 'xdotool', message: 'Paste works through xdotool (X11).' };
    } catch (error) {
      if (isAppError(error) && error.details?.reason === 'no-tool') return { available: false, reason: 'no-tool', message: `xdotool is not installed. ${XDOTOOL_INSTALL_HINT}` };
      return { available: false, reason: 'no-display', tool: 'xdotool', message: `xdotool failed: ${(error as Error).message}` };
    }
  }

  async captureTarget(signal?: AbortSignal): Promise<InsertTarget | undefined> {
    // getwindowfocus, not getactivewindow: the latter needs a window manager's _NET_ACTIVE_WINDOW, which bare X (and some WMs) lack.
    const focus = await this.xdotool(['getwindowfocus'], signal);
    const id = focus.stdout.trim();
    if (focus.exitCode !== 0 || !/^\d+$/.test(id)) return undefined;
    if (this.options.useXprop && this.xpropMissing !== true) {
      const viaXprop = await this.captureWithXprop(id, signal);
      if (viaXprop !== undefined) return viaXprop;
    }
    const [name, pid, klass] = await Promise.all([
      this.xdotool(['getwindowname', id], signal),
      this.xdotool(['getwindowpid', id], signal),
      // getwindowclassname exists since xdotool 3.2021; older builds say "Unknown command", and the process name has to do.
      this.xdotool(['getwindowclassname', id], signal),
    ]);
    const names: string[] = [];
    const windowClass = klass.exitCode === 0 ? klass.stdout.trim() : '';
    if (windowClass) names.push(windowClass);
    let app = '';
    const pidText = pid.stdout.trim();
    if (pid.exitCode === 0 && /^\d+$/.test(pidText)) {
      const program = await this.programOf(pidText, signal);
      if (program) {
        names.push(program);
        app = program;
      }
    }
    return { handle: id, names, ...(name.exitCode === 0 ? { title: name.stdout.trim() } : {}), ...(app ? { app } : {}), ...(windowClass ? { windowClass } : {}) };
  }

  private xpropMissing: boolean | undefined;

  /** Class, pid and title from one xprop call; undefined when xprop is missing or knows nothing of the window. */
  private async captureWithXprop(id: string, signal?: AbortSignal): Promise<InsertTarget | undefined> {
    let result;
    try {
      result = await this.options.runner.run('xprop', ['-id', id, ...XPROP_ARGS], { signal, timeoutMs: this.timeoutMs });
    } catch (error) {
      if (isAppError(error) && error.details?.reason === 'no-tool') {
        this.xpropMissing = true;
        return undefined;
      }
      throw error;
    }
    if (result.exitCode !== 0) return undefined;
    const props = parseXprop(result.stdout);
    if (props.windowClass === undefined && props.title === undefined) return undefined;
    const names: string[] = props.windowClass ? [props.windowClass] : [];
    const program = props.pid !== undefined ? await this.programOf(props.pid, signal) : undefined;
    if (program) names.push(program);
    else if (props.instance && props.instance !== props.windowClass) names.push(props.instance);
    const app = program ?? props.instance;
    return { handle: id, names, ...(props.title !== undefined ? { title: props.title } : {}), ...(app ? { app } : {}), ...(props.windowClass ? { windowClass: props.windowClass } : {}) };
  }

  /** The program's file name: argv[0], not comm, which is cut at 15 characters ("gnome-terminal-" for gnome-terminal-server). */
  private async programOf(pid: string, signal?: AbortSignal): Promise<string | undefined> {
    let argv0: string | undefined;
    if (this.options.readArgv0) argv0 = await this.options.readArgv0(pid);
    if (argv0 === undefined) {
      const ps = await this.options.runner.run('ps', ['-o', 'args=', '-p', pid], { signal, timeoutMs: this.timeoutMs });
      if (ps.exitCode === 0) argv0 = ps.stdout.trim().split(/\s+/)[0];
    }
    const program = argv0?.slice(argv0.lastIndexOf('/') + 1);
    return program ? program : undefined;
  }

  async insert(target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    const keys = toXdotool(options.shortcut);
    const handle = target?.handle;
    if (handle !== undefined) {
      if (!/^\d+$/.test(handle)) throw new AppError('VALIDATION', `Not an X11 window id: ${handle}.`);
      await this.focus(handle, options.signal);
    }
    // --clearmodifiers: the hotkey's Ctrl/Shift may still be held (toggle mode), which would turn Ctrl+V into something else.
    // With --window on the focused window xdotool uses XTEST, real key events that every toolkit accepts.
    const args = handle !== undefined ? ['key', '--clearmodifiers', '--window', handle, keys] : ['key', '--clearmodifiers', keys];
    const result = await this.xdotool(args, options.signal);
    if (result.exitCode !== 0) {
      throw new AppError('UNAVAILABLE', `The paste keys could not be sent (xdotool: ${firstLine(result.stderr)}).`, { retryable: false, details: { reason: 'failed' } });
    }
  }

  private async focus(handle: string, signal?: AbortSignal): Promise<void> {
    // A window manager raises and focuses through _NET_ACTIVE_WINDOW (windowactivate); without one that fails and
    // windowfocus sets the X input focus directly. --sync waits until the window has it, so the keys land there.
    const activated = await this.xdotool(['windowactivate', '--sync', handle], signal).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'TIMEOUT') return { exitCode: 1, stderr: error.message };
      throw error;
    });
    if (activated.exitCode === 0) return;
    const focused = await this.xdotool(['windowfocus', '--sync', handle], signal);
    if (focused.exitCode !== 0) {
      this.options.logger.warn({ window: handle, error: firstLine(focused.stderr) }, 'could not focus the paste target');
      throw new AppError('UNAVAILABLE', 'The window you dictated into has closed or cannot take focus; the code is on the clipboard.', { retryable: false, details: { reason: 'no-target' } });
    }
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 2_000;
  }

  private xdotool(args: readonly string[], signal?: AbortSignal): ReturnType<CommandRunner['run']> {
    return this.options.runner.run('xdotool', args, { signal, timeoutMs: this.timeoutMs });
  }
}
