// Reading the focused app's selection on Wayland (wl-paste --primary), macOS (Accessibility) and Windows (UI Automation), with a copy-keys fallback.
import { randomUUID } from 'node:crypto';
import { sleep } from '../../../core/abort.js';
import { AppError, isAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { ClipboardAccess } from './clipboard-access.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import { checkSelectionSize, selectionFromBytes, type SelectedText, type SelectionReader } from './selection-capture.js';

/** How long a copy keystroke may take to reach the clipboard (an Electron editor on a busy machine is the slow case). */
export const COPY_KEYS_WAIT_MS = 400;

/**
 * The fallback where no API gives the selection: save the clipboard, put a marker on it, send the copy keys, read,
 * put the clipboard back. Unchanged marker: nothing was selected. The restore runs whatever happens.
 */
export async function selectionByCopyKeys(clipboard: ClipboardAccess, sendCopy: (signal?: AbortSignal) => Promise<void>, signal?: AbortSignal, waitMs = COPY_KEYS_WAIT_MS): Promise<SelectedText | undefined> {
  const snapshot = await clipboard.save(signal);
  const marker = `voice-codegen-selection-${randomUUID()}`;
  try {
    await clipboard.writeText(marker, signal);
    await sendCopy(signal);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const text = await clipboard.readText(signal);
      if (text !== marker) {
        if (text.length === 0) return undefined;
        checkSelectionSize(Buffer.byteLength(text, 'utf8'));
        return { text, source: 'copy-keys' };
      }
      if (Date.now() >= deadline) return undefined;
      await sleep(25, signal);
    }
  } finally {
    // Not the signal: an aborted capture must still give the user's clipboard back.
    await clipboard.restore(snapshot);
  }
}

/** Wayland: the primary selection where the compositor offers it (zwp_primary_selection / wlr data control). */
export class WaylandSelectionReader implements SelectionReader {
  readonly platform = 'wayland' as const;
  constructor(private readonly runner: CommandRunner, private readonly timeoutMs = 2_000) {}

  async read(signal?: AbortSignal): Promise<SelectedText | undefined> {
    // Wayland has no "who owns it" question to ask, so a primary selection left in another window is used too (README).
    const result = await this.runner.run('wl-paste', ['--primary', '--no-newline', '--type', 'text/plain;charset=utf-8'], { signal, timeoutMs: this.timeoutMs });
    if (result.exitCode !== 0) {
      // "Nothing is copied" / "No selection": nothing selected; anything else (no primary selection protocol) says why in the log.
      if (!/nothing is copied|no selection|no suitable type/i.test(result.stderr)) throw new AppError('UNAVAILABLE', `wl-paste cannot read the primary selection here (${firstLine(result.stderr) || `exit ${result.exitCode}`}).`, { retryable: false, details: { reason: 'no-compositor-support' } });
      return undefined;
    }
    return { text: selectionFromBytes(result.stdoutBytes), source: 'wayland-primary' };
  }
}

/** The frontmost app's focused element's AXSelectedText; "missing value" when it exposes none. */
export const MACOS_SELECTION_SCRIPT = [
  'tell application "System Events"',
  '  set p to first application process whose frontmost is true',
  '  set t to value of attribute "AXSelectedText" of (value of attribute "AXFocusedUIElement" of p)',
  'end tell',
  'if t is missing value then return "NOAX"',
  'return "OK:" & t',
].join('\n');

export interface MacosSelectionReaderOptions {
  runner: CommandRunner;
  /** The clipboard for the ⌘C fallback; without it apps without Accessibility text give no selection. */
  clipboard?: ClipboardAccess;
  logger: Logger;
  timeoutMs?: number;
}

export class MacosSelectionReader implements SelectionReader {
  readonly platform = 'macos' as const;
  constructor(private readonly options: MacosSelectionReaderOptions) {}

  async read(signal?: AbortSignal): Promise<SelectedText | undefined> {
    const result = await this.osascript(['-e', MACOS_SELECTION_SCRIPT], signal);
    if (result.exitCode === 0 && result.stdout.startsWith('OK:')) {
      // osascript ends its output with one newline of its own.
      const bytes = result.stdoutBytes.subarray(3, result.stdoutBytes.at(-1) === 0x0a ? -1 : undefined);
      const text = selectionFromBytes(bytes);
      return text.length > 0 ? { text, source: 'accessibility' } : undefined;
    }
    // Apps that expose no AX text (many Electron and Java editors), or AX denied: copy with ⌘C, clipboard saved and restored.
    this.options.logger.debug({ reason: firstLine(result.stderr) || firstLine(result.stdout) }, 'no Accessibility selection; trying the copy keys');
    const clipboard = this.options.clipboard;
    if (clipboard === undefined) return undefined;
    return selectionByCopyKeys(clipboard, async (s) => {
      const sent = await this.osascript(['-e', 'tell application "System Events" to keystroke "c" using command down'], s);
      if (sent.exitCode !== 0) throw new AppError('UNAVAILABLE', `The copy keys could not be sent (osascript: ${firstLine(sent.stderr)}).`, { retryable: false, details: { reason: 'no-permission' } });
    }, signal);
  }

  private osascript(args: readonly string[], signal?: AbortSignal): ReturnType<CommandRunner['run']> {
    return this.options.runner.run('osascript', args, { signal, timeoutMs: this.options.timeoutMs ?? 2_000 });
  }
}

/**
 * The focused element's TextPattern selection through UI Automation, as base64 UTF-8 (no console code page in the way).
 * GetText is capped one past the limit in characters, so a huge selection is never copied whole.
 */
export const WINDOWS_SELECTION_SCRIPT = [
  'Add-Type -AssemblyName UIAutomationClient,UIAutomationTypes',
  '$e = [System.Windows.Automation.AutomationElement]::FocusedElement',
  '$p = $null',
  'if ($e -ne $null -and $e.TryGetCurrentPattern([System.Windows.Automation.TextPattern]::Pattern, [ref]$p)) {',
  '  $t = (@($p.GetSelection()) | ForEach-Object { $_.GetText(65537) }) -join ""',
  '  "OK:" + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($t))',
  '} else { "NOPATTERN" }',
].join('\n');

export const WINDOWS_COPY_SCRIPT = "Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.SendKeys]::SendWait('^c')";

export interface WindowsSelectionReaderOptions {
  runner: CommandRunner;
  powershell: string;
  clipboard?: ClipboardAccess;
  logger: Logger;
  timeoutMs?: number;
}

export class WindowsSelectionReader implements SelectionReader {
  readonly platform = 'windows' as const;
  constructor(private readonly options: WindowsSelectionReaderOptions) {}

  async read(signal?: AbortSignal): Promise<SelectedText | undefined> {
    const result = await this.powershell(WINDOWS_SELECTION_SCRIPT, signal).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'CANCELLED') throw error;
      return undefined;
    });
    const line = result?.exitCode === 0 ? result.stdout.trim() : '';
    if (line.startsWith('OK:')) {
      const text = selectionFromBytes(Buffer.from(line.slice(3), 'base64'));
      return text.length > 0 ? { text, source: 'ui-automation' } : undefined;
    }
    // No TextPattern (many editors draw their own text): Ctrl+C with the clipboard saved and restored.
    this.options.logger.debug({ reason: line || firstLine(result?.stderr ?? '') }, 'no UI Automation selection; trying the copy keys');
    const clipboard = this.options.clipboard;
    if (clipboard === undefined) return undefined;
    return selectionByCopyKeys(clipboard, async (s) => {
      const sent = await this.powershell(WINDOWS_COPY_SCRIPT, s);
      if (sent.exitCode !== 0) throw new AppError('UNAVAILABLE', `The copy keys could not be sent (PowerShell: ${firstLine(sent.stderr)}).`, { retryable: false, details: { reason: 'failed' } });
    }, signal);
  }

  private powershell(script: string, signal?: AbortSignal): ReturnType<CommandRunner['run']> {
    return this.options.runner.run(this.options.powershell, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], { signal, timeoutMs: this.options.timeoutMs ?? 2_500 });
  }
}
