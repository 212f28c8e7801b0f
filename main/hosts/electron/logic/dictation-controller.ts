// Global-hotkey dictation: push-to-talk (hold, release to send) or toggle (press, press to send); Esc cancels and frees the session.
import type { EditTarget } from '../../../../preload/contract.js';
import type { DictationHandle } from '../../../app/app-types.js';
import type { Logger } from '../../../core/logger.js';
import { toAppError } from '../../../core/errors.js';
import type { InsertTarget } from '../insert/inserter.js';
import type { HotkeyService } from '../services/hotkey-service.js';
import type { KeyReleaseSource } from '../services/key-release-source.js';
import type { NotificationService } from '../services/notification-service.js';
import type { WindowService } from '../services/window-service.js';
import { releaseKeyName, validateAccelerator } from './accelerator.js';
import type { EditStart } from './edit-capture.js';
import type { ResultDelivery } from './result-delivery.js';

export type HotkeyMode = 'push-to-talk' | 'toggle';
export type DictationState = 'idle' | 'recording' | 'finishing';

export interface HotkeyStatus {
  /** The accelerator actually registered, or null when none could be. */
  accelerator: string | null;
  /** The mode in effect (toggle when push-to-talk cannot work here). */
  mode: HotkeyMode;
  requestedMode: HotkeyMode;
  /** Why the effective setup differs from the requested one, in words a user can act on. */
  message?: string;
}

/** Starts one dictation: app.startDictation() directly, or through the capture window (renderer-dictation.ts). */
export interface DictationStarter {
  /** onFailed: the dictation failed before it was finished (e.g. recording could not start), so the user hears at once. */
  start(hooks?: DictationStartHooks): DictationHandle;
}

export interface DictationStartHooks {
  onFailed(error: unknown): void;
  /** Edit by voice: the selection read at hotkey down (settles later; rejects when it is too large). */
  edit?: Promise<EditTarget | undefined>;
}

export interface DictationControllerOptions {
  starter: DictationStarter;
  hotkeys: HotkeyService;
  keyRelease?: KeyReleaseSource;
  delivery: ResultDelivery;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  /** Tried in order when the chosen hotkey is invalid or held by another app. */
  fallbackAccelerators?: readonly string[];
  onStateChange?: (state: DictationState) => void;
  /**
   * At hotkey down, before the overlay shows (it never takes focus): which app to paste the result into. Returns
   * undefined when results are only copied; the promise never rejects and is awaited only at delivery.
   */
  captureTarget?: () => Promise<InsertTarget | undefined> | undefined;
  /** At hotkey down, beside captureTarget: the selection to edit (force: the edit hotkey). Undefined: no edit mode here. */
  captureEdit?: (force: boolean, target: Promise<InsertTarget | undefined> | undefined) => EditStart | undefined;
}

/** The edit hotkey's settings: an accelerator ('' turns it off). */
export interface EditHotkeySettings {
  editAccelerator?: string;
}

export interface EditHotkeyStatus {
  accelerator: string | null;
  message?: string;
}

export const CANCEL_ACCELERATOR = 'Escape';

export class DictationController {
  private state: DictationState = 'idle';
  private handle: DictationHandle | undefined;
  private target: Promise<InsertTarget | undefined> | undefined;
  private edit: EditStart | undefined;
  private editRegistered: string | null = null;
  private unwatchEditRelease: (() => void) | undefined;
  private editStatus: EditHotkeyStatus = { accelerator: null };
  private pending: Promise<void> = Promise.resolve();
  private registered: string | null = null;
  private unwatchRelease: (() => void) | undefined;
  private escRegistered = false;
  private paused = false;
  private current: HotkeyStatus = { accelerator: null, mode: 'toggle', requestedMode: 'toggle' };

  constructor(private readonly options: DictationControllerOptions) {}

  get dictationState(): DictationState {
    return this.state;
  }

  /** The focused app read at the latest hotkey down (settles later; never rejects), for the app profile. */
  get currentTarget(): Promise<InsertTarget | undefined> | undefined {
    return this.target;
  }

  get status(): HotkeyStatus {
    return this.current;
  }

  /** The edit hotkey actually registered, and why not when it is not. */
  get editHotkey(): EditHotkeyStatus {
    return this.editStatus;
  }

  /** (Re)registers the hotkey for the given settings; says so when it has to fall back. */
  configure(settings: { accelerator: string; mode: HotkeyMode } & EditHotkeySettings): HotkeyStatus {
    this.releaseHotkey();
    const problems: string[] = [];
    let accelerator: string | null = null;
    let key: string | undefined;
    for (const candidate of [settings.accelerator, ...(this.options.fallbackAccelerators ?? [])]) {
      const check = validateAccelerator(candidate);
      if (!check.ok) {
        problems.push(check.message);
        continue;
      }
      if (this.options.hotkeys.register(check.accelerator, () => this.press())) {
        accelerator = check.accelerator;
        key = check.key;
        break;
      }
      problems.push(`The hotkey ${check.accelerator} could not be registered: another app is probably using it, or the system reserves it.`);
    }
    this.registered = accelerator;
    const usedFallback = problems.length > 0;
    let mode: HotkeyMode = settings.mode;
    if (accelerator === null) {
      mode = 'toggle';
      problems.push('No global hotkey is active: start and stop dictation from the tray menu, and choose another hotkey in Settings.');
    } else if (usedFallback) {
      // A hotkey the user did not choose behaves in the simplest way: press to start, press to send.
      mode = 'toggle';
      problems.push(`Using ${accelerator} in toggle mode instead (press to start, press again to send); choose another hotkey in Settings.`);
    } else if (mode === 'push-to-talk') {
      const release = this.options.keyRelease;
      const name = key === undefined ? undefined : releaseKeyName(key);
      if (!release?.available || name === undefined) {
        mode = 'toggle';
        const why = name === undefined ? `the release of ${key ?? 'this key'} cannot be observed` : (release?.reason ?? 'key releases cannot be observed here');
        problems.push(`Push-to-talk is not available: ${why}. ${accelerator} works in toggle mode: press to start, press again to send.`);
      } else {
        this.unwatchRelease = release.onRelease(name, () => this.release());
      }
    }
    this.current = { accelerator, mode, requestedMode: settings.mode, ...(problems.length > 0 ? { message: problems.join(' ') } : {}) };
    if (this.current.message !== undefined) {
      this.options.logger.warn({ requested: settings.accelerator, accelerator, mode }, 'hotkey fallback');
      this.options.notifications.show({ title: 'Dictation hotkey', body: this.current.message });
    }
    this.configureEdit(settings.editAccelerator, accelerator);
    return this.current;
  }

  /**
   * The second hotkey forces edit mode. No fallback of its own: a hotkey that moved elsewhere would surprise more than
   * a missing one, and with text selected the dictation hotkey edits too. The notification says what happened.
   */
  private configureEdit(requested: string | undefined, dictation: string | null): void {
    this.editStatus = { accelerator: null };
    if (requested === undefined || requested.trim() === '' || this.options.captureEdit === undefined) return;
    const check = validateAccelerator(requested);
    let message: string | undefined;
    if (!check.ok) message = `${check.message} Choose another edit hotkey in Settings.`;
    else if (check.accelerator === dictation) message = `The edit hotkey ${check.accelerator} is the dictation hotkey too; choose another one in Settings. With text selected, the dictation hotkey edits it.`;
    else if (!this.options.hotkeys.register(check.accelerator, () => this.press(true))) {
      message = `The edit hotkey ${check.accelerator} could not be registered: another app is probably using it, or the system reserves it. Choose another in Settings; with text selected, the dictation hotkey edits it.`;
    } else {
      this.editRegistered = check.accelerator;
      this.editStatus = { accelerator: check.accelerator };
      const name = releaseKeyName(check.key);
      const dictationKey = dictation === null ? undefined : validateAccelerator(dictation);
      const shared = dictationKey?.ok === true && releaseKeyName(dictationKey.key) === name;
      // The same key (Space) already has a release watcher: one is enough, release() finishes whichever is recording.
      if (this.current.mode === 'push-to-talk' && name !== undefined && !shared) this.unwatchEditRelease = this.options.keyRelease?.onRelease(name, () => this.release());
      return;
    }
    this.editStatus = { accelerator: null, message };
    this.options.logger.warn({ requested }, 'edit hotkey unavailable');
    this.options.notifications.show({ title: 'Edit hotkey', body: message });
  }

  /** Hotkey pressed (Electron reports presses only; held keys may repeat). */
  press(forceEdit = false): void {
    if (this.paused) return;
    if (this.state === 'recording') {
      if (this.current.mode === 'toggle') this.finish();
      return; // push-to-talk: auto-repeat while held
    }
    this.begin(forceEdit);
  }

  /** Hotkey released (push-to-talk only). */
  release(): void {
    if (this.current.mode === 'push-to-talk' && this.state === 'recording') this.finish();
  }

  /** Tray "Start dictation" / "Stop and send". */
  toggleFromMenu(): void {
    if (this.state === 'recording') this.finish();
    else this.begin();
  }

  /** Esc: cancels the dictation or the request it started, freeing its Live session, stream and worker task. */
  cancel(): void {
    const handle = this.handle;
    if (handle === undefined) return;
    this.handle = undefined;
    handle.cancel();
    this.options.windows.hideOverlay(0);
    this.options.logger.info({ requestId: handle.requestId }, 'dictation cancelled');
    this.setState('idle');
  }

  /** Pause: the hotkey stops listening until resumed. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.cancel();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves when the request in flight has been delivered or has failed (tests, shutdown). */
  settled(): Promise<void> {
    return this.pending;
  }

  dispose(): void {
    this.cancel();
    this.releaseHotkey();
  }

  private begin(forceEdit = false): void {
    // A new request cancels the one still generating.
    if (this.handle !== undefined) this.cancel();
    // First, while the user's app still has focus for certain: the overlay and the recording come after.
    const target = this.options.captureTarget?.();
    // Set before the start: a starter that starts the app's dictation at once reads it for the app profile.
    this.target = target;
    // The selection is read beside the recording, never before it: the starter gets a promise.
    const edit = this.options.captureEdit?.(forceEdit, target);
    let handle: DictationHandle;
    try {
      handle = this.options.starter.start({
        ...(edit ? { edit: edit.edit } : {}),
        onFailed: (error) => {
          if (this.handle !== handle || this.state !== 'recording') return;
          this.handle = undefined;
          this.options.windows.hideOverlay(0);
          this.setState('idle');
          this.options.delivery.fail(handle.requestId, error);
        },
      });
    } catch (error) {
      this.options.delivery.fail(undefined, error);
      return;
    }
    this.handle = handle;
    this.target = target;
    this.edit = edit;
    this.setState('recording');
    this.watchEscape(true);
    this.options.windows.showOverlay();
  }

  private finish(): void {
    const handle = this.handle;
    if (handle === undefined) return;
    const context = { ...(this.target !== undefined ? { target: this.target } : {}), ...(this.edit !== undefined ? { edit: this.edit } : {}) };
    this.setState('finishing');
    this.pending = handle.finish().then(
      async (result) => {
        if (this.handle !== handle) return; // cancelled or replaced meanwhile
        this.handle = undefined;
        this.setState('idle');
        await this.options.delivery.deliver(handle.requestId, result, context);
      },
      (error: unknown) => {
        if (this.handle !== handle) return;
        this.handle = undefined;
        this.setState('idle');
        this.options.delivery.fail(handle.requestId, error);
      },
    ).catch((error: unknown) => {
      // The clipboard or a notification failed: the result is still in history and the window.
      this.options.logger.error({ requestId: handle.requestId, error: toAppError(error).message }, 'could not deliver the result');
    });
  }

  private setState(state: DictationState): void {
    this.state = state;
    // Esc is taken from other apps only while a request of ours is open.
    if (state === 'idle') this.watchEscape(false);
    this.options.onStateChange?.(state);
  }

  private watchEscape(on: boolean): void {
    if (on && !this.escRegistered) {
      this.escRegistered = this.options.hotkeys.register(CANCEL_ACCELERATOR, () => this.cancel());
      if (!this.escRegistered) this.options.logger.info({}, 'Esc is held by another app; cancel from the tray or the overlay');
    } else if (!on && this.escRegistered) {
      this.options.hotkeys.unregister(CANCEL_ACCELERATOR);
      this.escRegistered = false;
    }
  }

  private releaseHotkey(): void {
    this.unwatchRelease?.();
    this.unwatchRelease = undefined;
    if (this.registered !== null) this.options.hotkeys.unregister(this.registered);
    this.registered = null;
    this.unwatchEditRelease?.();
    this.unwatchEditRelease = undefined;
    if (this.editRegistered !== null) this.options.hotkeys.unregister(this.editRegistered);
    this.editRegistered = null;
  }
}
