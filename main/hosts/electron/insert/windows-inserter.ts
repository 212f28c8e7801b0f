// Windows: remember the foreground window (HWND and process) through PowerShell, then bring it back and send the keys with SendKeys.
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from './inserter.js';
import { parseShortcut, toSendKeys } from './paste-shortcut.js';

export interface WindowsInserterOptions {
  runner: CommandRunner;
  logger: Logger;
  /** powershell.exe (Windows PowerShell 5.1 ships with every supported Windows), or pwsh. */
  powershell: string | null;
  timeoutMs?: number;
}

// P/Invoke declarations, compiled once per PowerShell process by Add-Type.
const USER32 =
  "Add-Type -Namespace VoiceCodeGen -Name User32 -MemberDefinition '" +
  '[DllImport("user32.dll")] public static extern IntPtr GetForegroundWindow(); ' +
  '[DllImport("user32.dll")] public static extern bool SetForegroundWindow(IntPtr h); ' +
  '[DllImport("user32.dll")] public static extern bool IsWindow(IntPtr h); ' +
  "[DllImport(\"user32.dll\")] public static extern uint GetWindowThreadProcessId(IntPtr h, out uint p);';";

export const CAPTURE_SCRIPT =
  `${USER32} $h = [VoiceCodeGen.User32]::GetForegroundWindow(); $p = 0; [void][VoiceCodeGen.User32]::GetWindowThreadProcessId($h, [ref]$p); ` +
  '$q = Get-Process -Id $p -ErrorAction SilentlyContinue; Write-Output ("{0}`t{1}`t{2}" -f $h.ToInt64(), $q.ProcessName, ($q.MainWindowTitle -replace "`t", " "))';

/**
 * Brings the window back, then sends the keys. Windows lets a background process take the foreground only in some
 * cases; the overlay never takes focus, so the target is usually still in front and SetForegroundWindow is a no-op.
 * The 50 ms pause lets the focus change reach the target's input queue before SendInput fires.
 */
export function pasteScript(hwnd: string | undefined, sendKeys: string): string {
  const focus =
    hwnd === undefined
      ? ''
      : `if (-not [VoiceCodeGen.User32]::IsWindow([IntPtr]${hwnd})) { [Console]::Error.WriteLine('target window closed'); exit 3 }; [void][VoiceCodeGen.User32]::SetForegroundWindow([IntPtr]${hwnd}); Start-Sleep -Milliseconds 50; `;
  // SendKeys goes through SendInput; the key string is built from a parsed shortcut, never from user text.
  return `${USER32} ${focus}Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.SendKeys]::SendWait('${sendKeys}')`;
}

export class WindowsInserter implements Inserter {
  readonly platform = 'windows' as const;
  // Shift+Insert pastes in Windows Terminal, conhost (cmd, PowerShell) and mintty alike; Ctrl+V not everywhere.
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('shift+insert') };

  constructor(private readonly options: WindowsInserterOptions) {}

  detect(): Promise<InsertAvailability> {
    if (this.options.powershell === null) {
      return Promise.resolve({ available: false, reason: 'no-tool', message: 'PowerShell was not found on PATH, so the paste keys cannot be sent: the code stays on the clipboard.' });
    }
    return Promise.resolve({ available: true, tool: 'powershell', message: 'Paste works through PowerShell SendKeys.' });
  }

  async captureTarget(signal?: AbortSignal): Promise<InsertTarget | undefined> {
    const result = await this.powershell(CAPTURE_SCRIPT, signal);
    const [hwnd = '', process = '', title = ''] = result.stdout.trim().split('\t');
    if (result.exitCode !== 0 || !/^\d+$/.test(hwnd) || hwnd === '0') {
      this.options.logger.debug({ error: firstLine(result.stderr) }, 'foreground window unknown');
      return undefined;
    }
    return { handle: hwnd, names: process ? [process] : [], ...(process ? { app: process } : {}), ...(title.trim() ? { title: title.trim() } : {}) };
  }

  async insert(target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    const hwnd = target?.handle;
    if (hwnd !== undefined && !/^\d+$/.test(hwnd)) throw new AppError('VALIDATION', `Not a window handle: ${hwnd}.`);
    const result = await this.powershell(pasteScript(hwnd, toSendKeys(options.shortcut)), options.signal);
    if (result.exitCode === 0) return;
    if (result.exitCode === 3) throw new AppError('UNAVAILABLE', 'The window you dictated into has closed; the code is on the clipboard.', { retryable: false, details: { reason: 'no-target' } });
    throw new AppError('UNAVAILABLE', `The paste keys could not be sent (PowerShell: ${firstLine(result.stderr) || `exit ${result.exitCode}`}).`, { retryable: false, details: { reason: 'failed' } });
  }

  private powershell(script: string, signal?: AbortSignal): ReturnType<CommandRunner['run']> {
    const exe = this.options.powershell;
    if (exe === null) return Promise.reject(new AppError('UNAVAILABLE', 'PowerShell is not installed.', { retryable: false, details: { reason: 'no-tool' } }));
    // PowerShell starts in 300-800 ms on a cold machine: the timeout is generous.
    return this.options.runner.run(exe, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], { signal, timeoutMs: this.options.timeoutMs ?? 8_000 });
  }
}
