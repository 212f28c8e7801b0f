// Builds the SelectionCapture that matches this machine (X11, Wayland, macOS, Windows), beside setupPaste at start.
import type { Logger } from '../../../core/logger.js';
import type { ClipboardAccess } from './clipboard-access.js';
import type { CommandRunner } from './command-runner.js';
import type { InsertSupport } from './detect-insert-support.js';
import { NoSelectionReader, SelectionCapture, type SelectionReader } from './selection-capture.js';
import { MacosSelectionReader, WaylandSelectionReader, WindowsSelectionReader } from './selection-readers.js';
import type { Which } from './which.js';
import { X11_SELECTION_HINT, X11SelectionReader } from './x11-selection.js';

export interface CreateSelectionCaptureOptions {
  support: InsertSupport;
  runner: CommandRunner;
  which: Which;
  logger: Logger;
  /** For the copy-keys fallback on macOS and Windows (saved and restored around it). */
  clipboard?: ClipboardAccess;
}

export interface SelectionSetup {
  capture: SelectionCapture;
  /** Whether a selection can be read here at all, and if not what to install: for settings and the log. */
  available: boolean;
  message: string;
}

export function createSelectionCapture(options: CreateSelectionCaptureOptions): SelectionSetup {
  const { support, runner, which, clipboard } = options;
  const logger = options.logger.child({ component: 'selection' });
  const make = (reader: SelectionReader, available: boolean, message: string): SelectionSetup => ({ capture: new SelectionCapture({ reader, logger }), available, message });
  switch (support.platform) {
    case 'x11': {
      const python = which('python3');
      if (python === undefined || which('xclip') === undefined) return make(new NoSelectionReader(), false, `Edit by selection is off: ${X11_SELECTION_HINT} The edit hotkey still works on the clipboard's code.`);
      return make(new X11SelectionReader({ runner, python }), true, 'The selection is read from PRIMARY when the focused window owns it.');
    }
    case 'wayland':
      if (which('wl-paste') === undefined) return make(new NoSelectionReader(), false, 'Edit by selection is off: install wl-clipboard (sudo apt install wl-clipboard) for wl-paste --primary.');
      return make(new WaylandSelectionReader(runner), true, 'The selection is read with wl-paste --primary where the compositor offers it.');
    case 'macos':
      return make(new MacosSelectionReader({ runner, logger, ...(clipboard ? { clipboard } : {}) }), true, 'The selection is read through Accessibility, else with ⌘C (your clipboard is put back).');
    case 'windows':
      if (support.toolPath === null) return make(new NoSelectionReader(), false, 'Edit by selection is off: PowerShell was not found on PATH.');
      return make(new WindowsSelectionReader({ runner, powershell: support.toolPath, logger, ...(clipboard ? { clipboard } : {}) }), true, 'The selection is read through UI Automation, else with Ctrl+C (your clipboard is put back).');
    case 'unsupported':
      return make(new NoSelectionReader(), false, 'Reading the selection is not supported on this platform.');
  }
}
