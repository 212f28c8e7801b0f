// At hotkey down: the focused app's selection, read beside the audio, becomes the dictation's edit target (edit by voice).
import type { EditTarget } from '../../../../preload/contract.js';
import type { Logger } from '../../../core/logger.js';
import type { InsertTarget } from '../insert/inserter.js';
import type { SelectionCapture, SelectionOutcome } from '../insert/selection-capture.js';
import type { NotificationService } from '../services/notification-service.js';

/** What an edit dictation carries from hotkey down to its result: the selection and the window it is in. */
export interface EditStart {
  /** Resolves with the edit target, undefined when nothing is selected; rejects (INPUT_TOO_LARGE) past the size limit. */
  edit: Promise<EditTarget | undefined>;
  /** The window the selection is in (captured at hotkey down, for the check before Apply). */
  target: Promise<InsertTarget | undefined>;
  /** The edit hotkey was used (rather than a selection found under the normal hotkey). */
  forced: boolean;
}

export interface EditCaptureOptions {
  /** Absent where no selection can be read (no tool, no platform support). */
  selection?: Pick<SelectionCapture, 'capture'>;
  /** Why selections cannot be read here, for the edit hotkey's notice. */
  unavailableMessage?: string;
  /** The focused app, when the router does not capture it already (clipboard mode). */
  captureTarget: () => Promise<InsertTarget | undefined> | undefined;
  notifications: NotificationService;
  logger: Logger;
}

/** The name the overlay shows ("editing 14 lines in code"): the window class or process, bounded by the contract. */
export function appName(target: InsertTarget | undefined): string | undefined {
  const name = target?.names[0]?.trim();
  return name ? name.slice(0, 200) : undefined;
}

export class EditCapture {
  constructor(private readonly options: EditCaptureOptions) {}

  get available(): boolean {
    return this.options.selection !== undefined;
  }

  /**
   * Starts reading the selection (never awaited here: the recording starts at once). target: the router's capture
   * when it made one (paste mode), else one is made here. force: the edit hotkey, which says so when nothing is selected.
   */
  begin(force: boolean, routed?: Promise<InsertTarget | undefined>): EditStart | undefined {
    const selection = this.options.selection;
    if (selection === undefined) {
      if (force) this.notify('Edit by voice cannot read the selection here', `${this.options.unavailableMessage ?? 'Reading the selection is not supported here.'} This dictation writes new code.`);
      return undefined;
    }
    const target = (routed ?? this.options.captureTarget() ?? Promise.resolve(undefined)).catch(() => undefined);
    const outcome: Promise<SelectionOutcome> = selection.capture().catch((error: unknown) => ({ kind: 'none', why: String(error) }));
    const edit = Promise.all([outcome, target]).then(([found, window]): EditTarget | undefined => {
      if (found.kind === 'error') throw found.error;
      if (found.kind === 'none') {
        if (force) this.notify('Nothing selected', `${found.why} Select the code to change and press the edit hotkey again; this dictation writes new code.`);
        return undefined;
      }
      const app = appName(window);
      this.options.logger.info({ source: found.source, chars: found.text.length, app: app ?? null }, 'editing the selection');
      return { selection: found.text, ...(app !== undefined ? { app } : {}) };
    });
    // Observed here so an unawaited rejection (a dictation cancelled before it asked) is never unhandled.
    edit.catch(() => undefined);
    return { edit, target, forced: force };
  }

  private notify(title: string, body: string): void {
    this.options.notifications.show({ title, body });
  }
}
