// Linux Wayland: send the paste keys with wtype (virtual-keyboard protocol) or ydotool (uinput); the compositor keeps focus where the user left it.
import { AppError, isAppError } from '../../../core/errors.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from './inserter.js';
import { parseShortcut, toWtypeArgs, toYdotoolArgs } from './paste-shortcut.js';

export type WaylandTool = 'wtype' | 'ydotool';

export interface WaylandInserterOptions {
  runner: CommandRunner;
  /** The tool found at start, or null when neither is installed. */
  tool: WaylandTool | null;
  timeoutMs?: number;
}

export const WAYLAND_INSTALL_HINT =
  'Install wtype (sway, Hyprland, KDE: sudo apt install wtype) or ydotool with its ydotoold service (any compositor, GNOME included) to paste into other apps.';

export class WaylandInserter implements Inserter {
  readonly platform = 'wayland' as const;
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };

  constructor(private readonly options: WaylandInserterOptions) {}

  detect(): Promise<InsertAvailability> {
    const tool = this.options.tool;
    if (tool === null) {
      return Promise.resolve({ available: false, reason: 'no-tool', message: `Wayland does not let apps send keys to other apps without a helper: the code stays on the clipboard. ${WAYLAND_INSTALL_HINT}` });
    }
    return Promise.resolve({ available: true, tool, message: `Paste works through ${tool} (Wayland).` });
  }

  /**
   * Wayland tells no client which window has focus, so there is no handle to return to; the overlay must not take
   * focus, and the keys go to whatever is focused when the result arrives. Names stay empty (terminal-safe text).
   */
  captureTarget(): Promise<InsertTarget | undefined> {
    return Promise.resolve({ names: [] });
  }

  async insert(_target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    const tool = this.options.tool;
    if (tool === null) throw new AppError('UNAVAILABLE', `Paste is not available: ${WAYLAND_INSTALL_HINT}`, { retryable: false, details: { reason: 'no-tool' } });
    const args = tool === 'wtype' ? toWtypeArgs(options.shortcut) : toYdotoolArgs(options.shortcut);
    let result;
    try {
      result = await this.options.runner.run(tool, args, { signal: options.signal, timeoutMs: this.options.timeoutMs ?? 2_000 });
    } catch (error) {
      if (isAppError(error) && error.details?.reason === 'no-tool') throw new AppError('UNAVAILABLE', `${tool} is no longer installed. ${WAYLAND_INSTALL_HINT}`, { cause: error, retryable: false, details: { reason: 'no-tool' } });
      throw error;
    }
    if (result.exitCode === 0) return;
    const why = firstLine(result.stderr);
    // GNOME's mutter does not implement the virtual-keyboard protocol wtype needs.
    if (tool === 'wtype' && /virtual.?keyboard/i.test(why)) {
      throw new AppError('UNAVAILABLE', 'This compositor does not let wtype send keys (GNOME does not support the virtual-keyboard protocol). Use ydotool instead; the code is on the clipboard.', { retryable: false, details: { reason: 'no-compositor-support' } });
    }
    if (tool === 'ydotool' && /socket|ydotoold|connect/i.test(why)) {
      throw new AppError('UNAVAILABLE', 'ydotool needs its service: start ydotoold (systemctl --user enable --now ydotoold). The code is on the clipboard.', { retryable: false, details: { reason: 'no-tool' } });
    }
    throw new AppError('UNAVAILABLE', `The paste keys could not be sent (${tool}: ${why || `exit ${result.exitCode}`}).`, { retryable: false, details: { reason: 'failed' } });
  }
}
