// Builds the Inserter and the ClipboardAccess that match a detected InsertSupport (the composition root calls this once at start).
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { ClipboardAccess } from './clipboard-access.js';
import type { CommandRunner } from './command-runner.js';
import type { InsertSupport } from './detect-insert-support.js';
import { ElectronClipboardAccess, type RichClipboard } from './electron-clipboard-access.js';
import type { InsertAvailability, InsertTarget, Inserter } from './inserter.js';
import { MacosInserter } from './macos-inserter.js';
import { parseShortcut } from './paste-shortcut.js';
import { WaylandInserter } from './wayland-inserter.js';
import { WindowsInserter } from './windows-inserter.js';
import { XclipClipboard } from './xclip-clipboard.js';
import { XdotoolInserter } from './xdotool-inserter.js';
import { readProcArgv0 } from './proc-args.js';

export interface CreateInserterOptions {
  runner: CommandRunner;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** Electron's systemPreferences.isTrustedAccessibilityClient(false), passed by the shell on macOS. */
  isAccessibilityTrusted?: () => boolean;
}

/** An inserter that never pastes and says why (no tool, unsupported platform). */
export class UnavailableInserter implements Inserter {
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };
  constructor(readonly platform: Inserter['platform'], private readonly availability: InsertAvailability) {}
  detect(): Promise<InsertAvailability> {
    return Promise.resolve(this.availability);
  }
  captureTarget(): Promise<InsertTarget | undefined> {
    return Promise.resolve(undefined);
  }
  insert(): Promise<void> {
    return Promise.reject(new AppError('UNAVAILABLE', this.availability.message, { retryable: false, details: { reason: this.availability.reason ?? 'no-tool' } }));
  }
}

export function createInserter(support: InsertSupport, options: CreateInserterOptions): Inserter {
  const { runner, logger } = options;
  const log = logger.child({ component: 'paste', platform: support.platform });
  switch (support.keystrokeTool) {
    case 'xdotool':
      // One xprop call and a /proc read instead of four helper processes at hotkey down (bench suite focus).
      return new XdotoolInserter({ runner, logger: log, display: options.env.DISPLAY, useXprop: true, readArgv0: readProcArgv0 });
    case 'wtype':
    case 'ydotool':
      return new WaylandInserter({ runner, tool: support.keystrokeTool });
    case 'osascript':
      return new MacosInserter({ runner, logger: log, ...(options.isAccessibilityTrusted ? { isAccessibilityTrusted: options.isAccessibilityTrusted } : {}) });
    case 'powershell':
      return new WindowsInserter({ runner, logger: log, powershell: support.toolPath });
    case null:
      return new UnavailableInserter(support.platform, {
        available: false,
        reason: support.platform === 'unsupported' ? 'unsupported-platform' : support.platform === 'x11' && !options.env.DISPLAY ? 'no-display' : 'no-tool',
        message: support.message,
      });
  }
}

/** Electron's clipboard when the shell gives one (every platform), else xclip on X11; undefined when neither exists. */
export function createClipboardAccess(support: InsertSupport, runner: CommandRunner, electronClipboard?: RichClipboard): ClipboardAccess | undefined {
  if (electronClipboard) return new ElectronClipboardAccess(electronClipboard);
  if (support.xclipPath !== null) return new XclipClipboard(runner);
  return undefined;
}
