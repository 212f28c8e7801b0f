// The desktop shell with paste wired in, over fakes: the shell's clipboard fake, a fake target app, the real PasteOutput.
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { ElectronClipboardAccess } from '../../main/hosts/electron/insert/electron-clipboard-access.js';
import type { InsertAvailability, InsertOptions, InsertTarget, Inserter } from '../../main/hosts/electron/insert/inserter.js';
import { PasteOutput } from '../../main/hosts/electron/insert/paste-output.js';
import type { PasteSettings } from '../../main/hosts/electron/insert/paste-plan.js';
import { formatShortcut, parseShortcut } from '../../main/hosts/electron/insert/paste-shortcut.js';
import { DesktopShell } from '../../main/hosts/electron/logic/desktop-shell.js';
import type { OutputMode, PasteSetupResult } from '../../main/hosts/electron/logic/output-router.js';
import { FakeApp, FakeClipboard, FakeHotkeys, FakeKeyRelease, FakeNotifications, FakeTray, FakeWindows } from './electron-fakes.js';

export const HOTKEY = 'CommandOrControl+Shift+Space';

/** The app that has focus, and what it reads from the clipboard when the paste keys reach it. */
export class FakeTargetApps implements Inserter {
  readonly platform = 'x11' as const;
  readonly shortcuts = { normal: parseShortcut('ctrl+v'), terminal: parseShortcut('ctrl+shift+v') };
  focused: InsertTarget = { handle: '42', names: ['code'], title: 'editor.ts — Visual Studio Code' };
  /** Each capture, with whether our overlay was already on screen at that moment. */
  readonly captures: { target: InsertTarget; overlayVisible: boolean }[] = [];
  readonly pasted: { target: InsertTarget | undefined; fromClipboard: string; keys: string }[] = [];
  inserts = 0;

  constructor(
    private readonly clipboard: FakeClipboard,
    private readonly windows: FakeWindows,
    private readonly availability: InsertAvailability = { available: true, tool: 'xdotool', message: 'Paste works through xdotool (X11).' },
  ) {}

  detect(): Promise<InsertAvailability> {
    return Promise.resolve(this.availability);
  }
  captureTarget(): Promise<InsertTarget | undefined> {
    const target = { ...this.focused };
    this.captures.push({ target, overlayVisible: this.windows.overlayVisible });
    return Promise.resolve(target);
  }
  insert(target: InsertTarget | undefined, _text: string, options: InsertOptions): Promise<void> {
    this.inserts++;
    if (!this.availability.available) return Promise.reject(new AppError('UNAVAILABLE', this.availability.message, { details: { reason: this.availability.reason } }));
    this.pasted.push({ target, fromClipboard: this.clipboard.text, keys: formatShortcut(options.shortcut) });
    return Promise.resolve();
  }
}

/** The restore delay ends when the test opens it, so nothing depends on timing. */
export class RestoreGate {
  private readonly waiting: (() => void)[] = [];
  readonly wait = (_ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      this.waiting.push(resolve);
      signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), { once: true });
    });
  open(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Lets every pending promise chain run (the restore reads, then writes the clipboard). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface PasteShellOptions {
  mode: OutputMode;
  clipboardText?: string;
  /** A PasteSetup from setupPaste (unavailable paths); by default the real PasteOutput over FakeTargetApps. */
  paste?: (clipboard: FakeClipboard, settings: () => PasteSettings) => Promise<PasteSetupResult>;
}

export async function pasteShell(opts: PasteShellOptions) {
  const clipboard = new FakeClipboard(opts.clipboardText ?? '');
  const app = new FakeApp(clipboard);
  const windows = new FakeWindows();
  const notifications = new FakeNotifications();
  const tray = new FakeTray();
  const hotkeys = new FakeHotkeys();
  const keyRelease = new FakeKeyRelease();
  const gate = new RestoreGate();
  const apps = new FakeTargetApps(clipboard, windows);
  const settings = {
    hotkey: { accelerator: HOTKEY, mode: 'push-to-talk' as const },
    output: { mode: opts.mode, copyFullAnswer: false, rules: [], restoreDelayMs: 500 },
  };
  const pasteSettings = (): PasteSettings => settings.output;
  let paste: PasteSetupResult;
  if (opts.paste) {
    paste = await opts.paste(clipboard, pasteSettings);
  } else {
    // The same pieces setupPaste builds, with the target app faked: the shell's async clipboard behind ElectronClipboardAccess.
    const output = new PasteOutput({ inserter: apps, clipboard: new ElectronClipboardAccess(clipboard), logger: silentLogger, settings: pasteSettings, ownAppNames: ['voice-codegen'], wait: gate.wait });
    paste = { support: { message: 'Paste uses xdotool (X11).' }, availability: await output.start(), output };
  }
  const shell = new DesktopShell({
    app, starter: { start: () => app.startDictation() }, settings: () => settings, hotkeys, keyRelease, clipboard, paste, tray, windows, notifications,
    logger: silentLogger, quit: () => undefined,
  });
  shell.configure();
  /** Hold the hotkey, speak, release: the dictation's result is delivered. */
  const dictate = async (): Promise<void> => {
    hotkeys.press(HOTKEY);
    keyRelease.release('Space');
    await shell.dictation.settled();
  };
  return { shell, clipboard, app, windows, notifications, tray, hotkeys, keyRelease, gate, apps, settings, dictate };
}
