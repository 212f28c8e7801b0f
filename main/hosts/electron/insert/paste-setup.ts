// The one call the Electron shell makes at start: detect the paste path, build the inserter and clipboard, check them once.
import type { Logger } from '../../../core/logger.js';
import type { CommandRunner } from './command-runner.js';
import { createClipboardAccess, createInserter } from './create-inserter.js';
import { createSelectionCapture, type SelectionSetup } from './create-selection-capture.js';
import { detectInsertSupport, type InsertSupport } from './detect-insert-support.js';
import type { RichClipboard } from './electron-clipboard-access.js';
import { ExecCommandRunner } from './exec-command-runner.js';
import type { InsertAvailability } from './inserter.js';
import type { PasteSettings } from './paste-plan.js';
import { PasteOutput } from './paste-output.js';
import { createPathWhich, type Which } from './which.js';

export interface SetupPasteOptions {
  platform: NodeJS.Platform;
  /** The environment as the app sees it (DISPLAY, WAYLAND_DISPLAY, PATH), passed down by the composition root. */
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Read at each paste: settings.output with settings.profiles.rules. */
  settings: () => PasteSettings;
  /** The shell's ClipboardService (Electron's promise-based clipboard); without it xclip serves on X11. */
  clipboard?: RichClipboard;
  /** Electron's () => systemPreferences.isTrustedAccessibilityClient(false), on macOS. */
  isAccessibilityTrusted?: () => boolean;
  /** Our own window class / process / bundle id, so a paste never lands in our own window. */
  ownAppNames?: readonly string[];
  /** Defaults: the real runner and PATH lookup; tests pass fakes. */
  runner?: CommandRunner;
  which?: Which;
}

export interface PasteSetup {
  /** What was found on this machine; its message is what settings shows under the output mode. */
  support: InsertSupport;
  /** The live check (tools answer, permission granted); settings shows its message when paste is unavailable. */
  availability: InsertAvailability;
  /** Undefined only when no clipboard can be reached at all (no Electron clipboard and no xclip). */
  output: PasteOutput | undefined;
  /** Reads the focused app's selection at hotkey down (edit by voice), with the same tools and clipboard. */
  selection: SelectionSetup;
}

export async function setupPaste(options: SetupPasteOptions): Promise<PasteSetup> {
  const runner = options.runner ?? new ExecCommandRunner({ env: options.env });
  const which = options.which ?? createPathWhich(options.env, options.platform);
  const support = detectInsertSupport(options.platform, options.env, which);
  const logger = options.logger.child({ component: 'paste' });
  const clipboard = createClipboardAccess(support, runner, options.clipboard);
  const selection = createSelectionCapture({ support, runner, which, logger: options.logger, ...(clipboard ? { clipboard } : {}) });
  logger.info({ available: selection.available }, selection.message);
  if (clipboard === undefined) {
    const availability: InsertAvailability = { available: false, reason: 'no-tool', message: 'No clipboard is reachable (install xclip, or run inside the desktop app): results are shown in the window only.' };
    logger.warn({ platform: support.platform }, availability.message);
    return { support, availability, output: undefined, selection };
  }
  const inserter = createInserter(support, {
    runner,
    logger,
    env: options.env,
    ...(options.isAccessibilityTrusted ? { isAccessibilityTrusted: options.isAccessibilityTrusted } : {}),
  });
  const output = new PasteOutput({ inserter, clipboard, logger, settings: options.settings, ...(options.ownAppNames ? { ownAppNames: options.ownAppNames } : {}) });
  const availability = await output.start();
  return { support, availability, output, selection };
}
