// macOS: remember the frontmost app, then activate it and send Cmd+V through System Events, which needs Accessibility permission.
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from './inserter.js';
import { parseShortcut, toAppleScript } from './paste-shortcut.js';

export interface MacosInserterOptions {
  runner: CommandRunner;
  logger: Logger;
  /**
   * Electron's systemPreferences.isTrustedAccessibilityClient(false) when the shell passes it: the exact answer
   * for our own app. Without it an osascript probe asks System Events.
   */
  isAccessibilityTrusted?: () => boolean;
  timeoutMs?: number;
}

export const ACCESSIBILITY_HELP =
  'To paste into other apps, Voice CodeGen needs Accessibility permission: open System Settings → Privacy & Security → Accessibility, turn on Voice CodeGen (add it with + if it is not listed), then try again. Until then the code is on the clipboard: press ⌘V.';

export const AUTOMATION_HELP =
  'To paste into other apps, Voice CodeGen needs to control System Events: open System Settings → Privacy & Security → Automation, turn on System Events under Voice CodeGen, then try again. Until then the code is on the clipboard: press ⌘V.';

// The errors System Events gives when the sender lacks Accessibility (1002 "not allowed to send keystrokes",
// -1719 "assistive access", -25211 from the AX API); -1743 is the separate Automation permission.
const ACCESSIBILITY_ERROR = /not allowed to send keystrokes|assistive access|\(-1719\)|\(-25211\)|\(1002\)/i;
const AUTOMATION_ERROR = /not authori[sz]ed to send apple events|\(-1743\)/i;
const BUNDLE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export class MacosInserter implements Inserter {
  readonly platform = 'macos' as const;
  // Terminal and iTerm2 paste with Cmd+V like every other app; bracketed paste keeps the command from running.
  readonly shortcuts = { normal: parseShortcut('cmd+v'), terminal: parseShortcut('cmd+v') };

  constructor(private readonly options: MacosInserterOptions) {}

  async detect(signal?: AbortSignal): Promise<InsertAvailability> {
    let trusted: boolean;
    if (this.options.isAccessibilityTrusted) {
      trusted = this.options.isAccessibilityTrusted();
    } else {
      const probe = await this.osascript(['-e', 'tell application "System Events" to return UI elements enabled'], signal);
      trusted = probe.exitCode === 0 && probe.stdout.trim() === 'true';
    }
    if (!trusted) return { available: false, reason: 'no-permission', tool: 'osascript', message: ACCESSIBILITY_HELP };
    return { available: true, tool: 'osascript', message: 'Paste works (Accessibility permission granted).' };
  }

  async captureTarget(signal?: AbortSignal): Promise<InsertTarget | undefined> {
    const result = await this.osascript(
      [
        '-e', 'tell application "System Events" to set p to first application process whose frontmost is true',
        // The front window's title needs the same Accessibility permission as the paste; without it the title stays empty.
        '-e', 'set t to ""', '-e', 'try', '-e', 'tell application "System Events" to set t to name of front window of p', '-e', 'end try',
        '-e', 'return (bundle identifier of p) & tab & (name of p) & tab & t',
      ],
      signal,
    );
    if (result.exitCode !== 0) {
      this.options.logger.debug({ error: firstLine(result.stderr) }, 'frontmost app unknown');
      return undefined;
    }
    const [bundleId = '', name = '', title = ''] = result.stdout.replace(/\n$/, '').split('\t');
    const known = (n: string): boolean => n.length > 0 && n !== 'missing value';
    const names = [name, bundleId].filter(known);
    return {
      ...(BUNDLE_ID.test(bundleId) ? { handle: bundleId, windowClass: bundleId } : {}),
      names,
      ...(known(name) ? { app: name } : {}),
      ...(known(title.trim()) ? { title: title.trim() } : {}),
    };
  }

  async insert(target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    const script: string[] = [];
    // activate brings the app back even when our overlay or a notification took the front meanwhile.
    if (target?.handle !== undefined && BUNDLE_ID.test(target.handle)) script.push('-e', `tell application id "${target.handle}" to activate`);
    script.push('-e', `tell application "System Events" to ${toAppleScript(options.shortcut)}`);
    const result = await this.osascript(script, options.signal);
    if (result.exitCode === 0) return;
    const why = firstLine(result.stderr);
    if (ACCESSIBILITY_ERROR.test(why)) throw new AppError('UNAVAILABLE', ACCESSIBILITY_HELP, { retryable: false, details: { reason: 'no-permission' } });
    if (AUTOMATION_ERROR.test(why)) throw new AppError('UNAVAILABLE', AUTOMATION_HELP, { retryable: false, details: { reason: 'no-permission' } });
    throw new AppError('UNAVAILABLE', `The paste keys could not be sent (osascript: ${why || `exit ${result.exitCode}`}).`, { retryable: false, details: { reason: 'failed' } });
  }

  private osascript(args: readonly string[], signal?: AbortSignal): ReturnType<CommandRunner['run']> {
    return this.options.runner.run('osascript', args, { signal, timeoutMs: this.options.timeoutMs ?? 3_000 });
  }
}
