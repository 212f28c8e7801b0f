// Wires the desktop behaviour (hotkey dictation, tray, clipboard output) from services: main.ts passes Electron's, tests pass fakes.
import type { App } from '../../../app/app-types.js';
import type { Logger } from '../../../core/logger.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { HotkeyService } from '../services/hotkey-service.js';
import type { KeyReleaseSource } from '../services/key-release-source.js';
import type { NotificationService } from '../services/notification-service.js';
import type { TrayService } from '../services/tray-service.js';
import type { WindowService } from '../services/window-service.js';
import { ClipboardOutput } from './clipboard-output.js';
import { DictationController, type DictationStarter, type HotkeyMode, type HotkeyStatus } from './dictation-controller.js';
import { QuickCommandRunner } from './quick-commands.js';
import { RecentResults } from './recent-results.js';
import { ResultDelivery } from './result-delivery.js';
import { buildTrayMenu } from './tray-menu.js';

export interface DesktopSettings {
  hotkey: { accelerator: string; mode: HotkeyMode };
  output: { copyFullAnswer: boolean };
}

export interface DesktopShellOptions {
  app: Pick<App, 'runQuick'>;
  /** How a hotkey dictation is started (see DictationStarter). */
  starter: DictationStarter;
  settings: () => DesktopSettings;
  hotkeys: HotkeyService;
  keyRelease?: KeyReleaseSource;
  clipboard: ClipboardService;
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
  readonly delivery: ResultDelivery;
  readonly dictation: DictationController;
  readonly quick: QuickCommandRunner;

  constructor(private readonly options: DesktopShellOptions) {
    const { app, clipboard, windows, notifications, logger } = options;
    this.output = new ClipboardOutput({ clipboard, logger, copyFullAnswer: () => options.settings().output.copyFullAnswer });
    this.delivery = new ResultDelivery({
      output: this.output, recent: this.recent, windows, notifications, logger,
      ...(options.overlayLingerMs !== undefined ? { overlayLingerMs: options.overlayLingerMs } : {}),
      onChange: () => this.renderTray(),
    });
    this.dictation = new DictationController({
      starter: options.starter, hotkeys: options.hotkeys, delivery: this.delivery, windows, notifications, logger,
      fallbackAccelerators: options.fallbackAccelerators ?? DEFAULT_FALLBACK_ACCELERATORS,
      onStateChange: () => this.renderTray(),
      ...(options.keyRelease ? { keyRelease: options.keyRelease } : {}),
    });
    this.quick = new QuickCommandRunner({ app, clipboard, delivery: this.delivery, windows, notifications, logger });
  }

  /** Registers the hotkey from the current settings and draws the tray; call again after a settings change. */
  configure(): HotkeyStatus {
    const status = this.dictation.configure(this.options.settings().hotkey);
    this.renderTray();
    return status;
  }

  renderTray(): void {
    const tray = this.options.tray;
    if (!tray) return;
    const status = this.dictation.status;
    tray.setMenu(
      buildTrayMenu(
        { dictation: this.dictation.dictationState, paused: this.dictation.isPaused, accelerator: status.accelerator, recent: this.recent.list() },
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
    tray.setTooltip(
      this.dictation.isPaused
        ? 'Voice CodeGen — paused'
        : status.accelerator
          ? `Voice CodeGen — ${status.accelerator} (${mode})`
          : 'Voice CodeGen — no hotkey: use this menu',
    );
  }

  dispose(): void {
    this.quick.cancel();
    this.dictation.dispose();
  }
}
