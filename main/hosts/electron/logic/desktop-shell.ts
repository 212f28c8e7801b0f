// Wires the desktop behaviour (hotkey dictation, tray, clipboard or paste output) from services: main.ts passes Electron's, tests pass fakes.
import type { App } from '../../../app/app-types.js';
import type { Logger } from '../../../core/logger.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { HotkeyService } from '../services/hotkey-service.js';
import type { KeyReleaseSource } from '../services/key-release-source.js';
import type { NotificationService } from '../services/notification-service.js';
import type { TrayService } from '../services/tray-service.js';
import type { WindowService } from '../services/window-service.js';
import { ClipboardOutput } from './clipboard-output.js';
import type { FocusContext } from '../../../profiles/profiles.js';
import { focusContextOf } from '../insert/focus-context.js';
import { DictationController, type DictationStarter, type HotkeyMode, type HotkeyStatus } from './dictation-controller.js';
import { OutputRouter, type OutputMode, type PasteSetupResult } from './output-router.js';
import { QuickCommandRunner } from './quick-commands.js';
import { RecentResults } from './recent-results.js';
import { outcomeTitle, ResultDelivery } from './result-delivery.js';
import { buildTrayMenu, shorten } from './tray-menu.js';

export interface DesktopSettings {
  hotkey: { accelerator: string; mode: HotkeyMode };
  /** mode: where results go (absent: 'clipboard'). */
  output: { copyFullAnswer: boolean; mode?: OutputMode };
}

export interface DesktopShellOptions {
  app: Pick<App, 'runQuick'>;
  /** How a hotkey dictation is started (see DictationStarter). */
  starter: DictationStarter;
  settings: () => DesktopSettings;
  hotkeys: HotkeyService;
  keyRelease?: KeyReleaseSource;
  clipboard: ClipboardService;
  /** What setupPaste found at start (insert/paste-setup.ts); absent: results are only copied. */
  paste?: PasteSetupResult;
  tray?: TrayService;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  quit: () => void;
  fallbackAccelerators?: readonly string[];
  overlayLingerMs?: number;
}

/** Alternatives tried when the chosen hotkey is taken; F-keys rarely collide with other apps. */
export const DEFAULT_FALLBACK_ACCELERATORS = ['CommandOrControl+Alt+Space', 'F9'] as const;

export class DesktopShell {
  readonly recent = new RecentResults(5);
  readonly output: ClipboardOutput;
  readonly router: OutputRouter;
  readonly delivery: ResultDelivery;
  readonly dictation: DictationController;
  readonly quick: QuickCommandRunner;
  /** The unavailable-paste notice is shown once per run. */
  private pasteWarned = false;

  constructor(private readonly options: DesktopShellOptions) {
    const { app, clipboard, windows, notifications, logger } = options;
    this.output = new ClipboardOutput({ clipboard, logger, copyFullAnswer: () => options.settings().output.copyFullAnswer });
    this.router = new OutputRouter({
      clipboard: this.output, logger, mode: () => options.settings().output.mode ?? 'clipboard',
      ...(options.paste ? { paste: options.paste } : {}),
    });
    this.delivery = new ResultDelivery({
      output: this.router, recent: this.recent, windows, notifications, logger,
      ...(options.overlayLingerMs !== undefined ? { overlayLingerMs: options.overlayLingerMs } : {}),
      onChange: () => this.renderTray(),
    });
    this.dictation = new DictationController({
      starter: options.starter, hotkeys: options.hotkeys, delivery: this.delivery, windows, notifications, logger,
      fallbackAccelerators: options.fallbackAccelerators ?? DEFAULT_FALLBACK_ACCELERATORS,
      onStateChange: () => this.renderTray(),
      captureTarget: () => this.router.captureTarget(),
      ...(options.keyRelease ? { keyRelease: options.keyRelease } : {}),
    });
    this.quick = new QuickCommandRunner({ app, clipboard, delivery: this.delivery, windows, notifications, logger });
  }

  /** The focus read at the latest hotkey down, as the app's focus source (app.setFocusSource). */
  focusContext(): Promise<FocusContext | undefined> | undefined {
    return this.dictation.currentTarget?.then((target) => (target === undefined ? undefined : focusContextOf(target)));
  }

  /** Registers the hotkey from the current settings and draws the tray; call again after a settings change. */
  configure(): HotkeyStatus {
    const status = this.dictation.configure(this.options.settings().hotkey);
    this.warnPasteUnavailable();
    this.renderTray();
    return status;
  }

  /** Tray "Paste last result here": the newest result, into whatever has focus now; resolves once the user is told. */
  async pasteLast(): Promise<void> {
    const last = this.recent.list()[0];
    if (last === undefined) return;
    const outcome = await this.router.pasteHere(last.text);
    this.options.notifications.show({ title: outcomeTitle(outcome), body: outcome.message });
    this.renderTray();
  }

  /** The first time paste is asked for (at start or in settings) and cannot work here, say why once. */
  private warnPasteUnavailable(): void {
    const paste = this.router.pasteStatus;
    if (!this.router.pasting || paste === undefined || paste.available || this.pasteWarned) return;
    this.pasteWarned = true;
    this.options.logger.warn({ reason: paste.message }, 'paste mode chosen but unavailable');
    this.options.notifications.show({ title: 'Paste is unavailable', body: `${paste.message} Results are copied to the clipboard instead.` });
  }

  renderTray(): void {
    const tray = this.options.tray;
    if (!tray) return;
    const status = this.dictation.status;
    const paste = this.router.pasteStatus;
    tray.setMenu(
      buildTrayMenu(
        {
          dictation: this.dictation.dictationState, paused: this.dictation.isPaused, accelerator: status.accelerator, recent: this.recent.list(),
          ...(paste !== undefined ? { paste: this.router.pasting && !paste.available ? { unavailable: paste.message } : {} } : {}),
        },
        {
          toggleDictation: () => this.dictation.toggleFromMenu(),
          cancelDictation: () => {
            this.dictation.cancel();
            this.quick.cancel();
          },
          quick: (command, targetLanguage) => {
            void this.quick.run(command, targetLanguage);
          },
          copyRecent: (item) => {
            void this.output.copyAgain(item.text).then((outcome) => this.options.notifications.show({ title: outcome.copied ? 'Copied' : 'Nothing copied', body: outcome.message }));
          },
          pasteLast: () => {
            this.pasteLast().catch((error: unknown) => this.options.logger.error({ error: String(error) }, 'paste last result failed'));
          },
          openHistory: () => this.options.windows.showMain('history'),
          setPaused: (paused) => {
            this.dictation.setPaused(paused);
            this.renderTray();
          },
          openSettings: () => this.options.windows.showMain('settings'),
          quit: () => this.options.quit(),
        },
      ),
    );
    const mode = status.mode === 'push-to-talk' ? 'hold to talk' : 'press to start and to send';
    const hotkey = this.dictation.isPaused
      ? 'Voice CodeGen — paused'
      : status.accelerator
        ? `Voice CodeGen — ${status.accelerator} (${mode})`
        : 'Voice CodeGen — no hotkey: use this menu';
    // Windows cuts tooltips at 127 characters: the full reason is in the notification.
    const pasteLine = this.router.pasting && paste !== undefined ? `\n${shorten(paste.available ? paste.message : `Paste unavailable: ${paste.message}`, 80)}` : '';
    tray.setTooltip(hotkey + pasteLine);
  }

  /** At quit: stops dictation and puts back a clipboard still waiting for its restore. */
  async dispose(): Promise<void> {
    this.quick.cancel();
    this.dictation.dispose();
    await this.router.dispose();
  }
}
