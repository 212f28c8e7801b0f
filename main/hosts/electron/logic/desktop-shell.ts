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
import type { SelectionCapture } from '../insert/selection-capture.js';
import type { FocusContext } from '../../../profiles/profiles.js';
import { focusContextOf } from '../insert/focus-context.js';
import { DictationController, type DictationStarter, type HotkeyMode, type HotkeyStatus } from './dictation-controller.js';
import { EditApplier } from './edit-apply.js';
import { EditCapture } from './edit-capture.js';
import { OutputRouter, type OutputMode, type PasteSetupResult } from './output-router.js';
import { QuickCommandRunner } from './quick-commands.js';
import { RecentResults } from './recent-results.js';
import { OverlayChords, releasingChordsOnHide, type ChordPlatform } from './overlay-chords.js';
import { ResultActions, type ActionOutcome } from './result-actions.js';
import { outcomeTitle, ResultDelivery } from './result-delivery.js';
import { buildTrayMenu, shorten } from './tray-menu.js';

export interface DesktopSettings {
  /** editAccelerator: the hotkey that forces edit mode ('' or absent: none). */
  hotkey: { accelerator: string; mode: HotkeyMode; editAccelerator?: string };
  /** mode: where results go (absent: 'clipboard'). terminalApps: extra terminals (an edit there is copied, not applied). */
  output: { copyFullAnswer: boolean; mode?: OutputMode; terminalApps?: readonly string[] };
  /** absent: the overlay hides 1.5 s after a result. */
  overlay?: { autoHideSeconds: number };
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
  /** Reads the focused app's selection (insert/create-selection-capture.ts); absent: no edit by selection. */
  selection?: { capture: Pick<SelectionCapture, 'capture'>; available: boolean; message: string };
  tray?: TrayService;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  quit: () => void;
  fallbackAccelerators?: readonly string[];
  overlayLingerMs?: number;
  /** Which platform's shortcuts the overlay's chords must avoid (default: this process's). */
  platform?: ChordPlatform;
  /** Applies an edit over its selection; absent: the shell's own EditApplier (applyEdit below, reading options.selection). */
  applyEdit?: (requestId: number) => Promise<ActionOutcome>;
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
  /** Finished edits waiting for Apply: the result-action handler calls edits.apply(requestId). */
  readonly edits: EditApplier;
  readonly editCapture: EditCapture;
  readonly chords: OverlayChords;
  /** What the overlay's buttons and chords do (the host hands it to app.setResultActionHandler). */
  readonly actions: ResultActions;
  /** The unavailable-paste notice is shown once per run. */
  private pasteWarned = false;

  constructor(private readonly options: DesktopShellOptions) {
    const { app, clipboard, notifications, logger } = options;
    this.chords = new OverlayChords({
      hotkeys: options.hotkeys,
      platform: options.platform ?? (process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux'),
      userHotkeys: () => {
        const hotkey = options.settings().hotkey;
        return [hotkey.accelerator, ...(hotkey.editAccelerator ? [hotkey.editAccelerator] : []), ...(this.dictation.status.accelerator ? [this.dictation.status.accelerator] : [])];
      },
      act: (requestId, action) => {
        this.actions.run(requestId, action).catch((error: unknown) => logger.error({ error: String(error), action }, 'overlay chord failed'));
      },
      announce: (requestId, keys) => options.windows.broadcast('overlay.keys', { requestId, keys }),
      logger,
    });
    // Every part hides the overlay through this: its chords are released with it.
    const windows = releasingChordsOnHide(options.windows, this.chords);
    const lingerMs = (): number => options.overlayLingerMs ?? (options.settings().overlay ? (options.settings().overlay?.autoHideSeconds ?? 0) * 1000 : 1_500);
    this.output = new ClipboardOutput({ clipboard, logger, copyFullAnswer: () => options.settings().output.copyFullAnswer });
    this.router = new OutputRouter({
      clipboard: this.output, logger, mode: () => options.settings().output.mode ?? 'clipboard',
      ...(options.paste ? { paste: options.paste } : {}),
    });
    const selection = options.selection?.available === true ? options.selection.capture : undefined;
    this.edits = new EditApplier({
      ...(options.paste?.output ? { paste: options.paste.output } : {}), ...(selection ? { selection } : {}),
      clipboard, logger, terminalApps: () => options.settings().output.terminalApps ?? [],
    });
    this.editCapture = new EditCapture({
      ...(selection ? { selection } : {}), ...(options.selection ? { unavailableMessage: options.selection.message } : {}),
      captureTarget: () => options.paste?.output?.captureTarget(), notifications, logger,
    });
    this.delivery = new ResultDelivery({
      output: this.router, recent: this.recent, windows, notifications, logger, chords: this.chords, overlayLingerMs: lingerMs, edits: this.edits,
      onChange: () => this.renderTray(),
    });
    this.actions = new ResultActions({
      recent: this.recent, windows, notifications, logger, lingerMs,
      pasteHere: (text) => this.router.pasteHere(text),
      copyAgain: (text) => this.output.copyAgain(text),
      apply: options.applyEdit ?? ((requestId) => this.applyEdit(requestId)),
      heldEdit: { replacement: (id) => this.edits.replacement(id), discard: (id) => this.edits.discard(id) },
    });
    this.dictation = new DictationController({
      starter: options.starter, hotkeys: options.hotkeys, delivery: this.delivery, windows, notifications, logger,
      fallbackAccelerators: options.fallbackAccelerators ?? DEFAULT_FALLBACK_ACCELERATORS,
      onStateChange: () => this.renderTray(),
      captureTarget: () => this.router.captureTarget(),
      captureEdit: (force, target) => this.editCapture.begin(force, target),
      ...(options.keyRelease ? { keyRelease: options.keyRelease } : {}),
    });
    this.quick = new QuickCommandRunner({ app, clipboard, delivery: this.delivery, windows, notifications, logger, ...(selection ? { selection } : {}) });
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

  /**
   * The overlay's Apply for an edit (result.action 'apply', and 'paste' on an edit, through ResultActions):
   * pastes the replacement over the selection, or copies it and says why. The answer fits the contract's 300 characters.
   */
  async applyEdit(requestId: number): Promise<{ ok: boolean; message: string }> {
    const outcome = await this.edits.apply(requestId);
    // ResultActions hides the overlay after the action.
    this.options.notifications.show({ title: outcome.applied ? 'Applied' : outcome.copied ? 'Copied' : 'Not applied', body: outcome.message });
    return { ok: outcome.ok, message: shorten(outcome.message, 300) };
  }

  /** Dismiss of an edit: it can no longer be applied. */
  discardEdit(requestId: number): boolean {
    return this.edits.discard(requestId);
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
    this.chords.release();
    this.dictation.dispose();
    await this.router.dispose();
  }
}
