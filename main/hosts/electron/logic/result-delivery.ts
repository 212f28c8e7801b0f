// What happens when a hotkey or tray request ends: copy or paste the code, remember it for the tray, say what happened, hide the overlay.
import type { PipelineResult } from '../../../../preload/contract.js';
import { isAbortError, toAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { InsertTarget } from '../insert/inserter.js';
import type { RestoreResult } from '../insert/paste-output.js';
import type { NotificationService } from '../services/notification-service.js';
import type { WindowService } from '../services/window-service.js';
import type { CopyOutcome } from './clipboard-output.js';
import type { EditStart } from './edit-capture.js';
import type { EditApplier } from './edit-apply.js';
import type { OverlayChords } from './overlay-chords.js';
import type { RecentResults } from './recent-results.js';

/** What a dictation knows about where its result should go. */
export interface DeliveryContext {
  /** The app that had focus at hotkey down (captured then, settled later); absent: paste into the app focused now. */
  target?: Promise<InsertTarget | undefined>;
  /** Edit by voice: the selection and its window, read at hotkey down. */
  edit?: EditStart;
}

/** copied: the result is on the clipboard and stays there; pasted: it reached the target app. */
export interface DeliveryOutcome extends CopyOutcome {
  pasted?: boolean;
  /** Settles once the user's own clipboard is put back (or kept); after a paste only. */
  restore?: Promise<RestoreResult>;
}

/** Where a finished result goes: the clipboard (ClipboardOutput), or a paste into the focused app (OutputRouter). */
export interface ResultOutput {
  /** context: given for dictations only (a quick command has no target, so it is only copied). */
  deliver(result: PipelineResult, context?: DeliveryContext): Promise<DeliveryOutcome>;
}

/** The notification's title for an outcome. */
export function outcomeTitle(outcome: DeliveryOutcome): string {
  return outcome.pasted ? 'Pasted' : outcome.copied ? 'Copied' : 'Nothing copied';
}

export interface ResultDeliveryOptions {
  output: ResultOutput;
  recent: RecentResults;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  /** How long the overlay stays after the result is copied (0: until dismissed); a function: the setting can change. */
  overlayLingerMs?: number | (() => number);
  /** Errors stay longer: the overlay says what went wrong and what to do. */
  errorLingerMs?: number;
  /** The overlay's keyboard chords, live while it shows a result or an error. */
  chords?: OverlayChords;
  /** Called after each delivery (the tray re-renders its recent list). */
  onChange?: () => void;
  /** Where finished edits wait for the overlay's Apply; absent: edits are delivered like any result. */
  edits?: EditApplier;
}

export class ResultDelivery {
  constructor(private readonly options: ResultDeliveryOptions) {}

  private nextLocalId = 1;

  /** requestId: the app's id when known (dictation), to mark the renderer's result as copied. */
  async deliver(requestId: number | undefined, result: PipelineResult, context?: DeliveryContext): Promise<DeliveryOutcome> {
    const { output, recent, windows, notifications } = this.options;
    const edits = this.options.edits;
    if (requestId !== undefined && result.edit !== undefined && context?.edit !== undefined && edits !== undefined && result.complete) {
      // An edit is neither copied nor pasted: the overlay shows the diff and the user applies, copies or discards it.
      edits.hold(requestId, result.edit, await context.edit.target);
      recent.add(requestId, result, result.edit.after);
      // The overlay stays (whatever the auto-hide) with Apply, Copy and Discard, and their chords.
      this.options.chords?.activate('done', requestId, { edit: true });
      const n = result.edit.before.length === 0 ? 0 : result.edit.before.replace(/\r?\n$/, '').split('\n').length;
      const message = `Edit ready for ${n} line${n === 1 ? '' : 's'}${result.edit.app ? ` in ${result.edit.app}` : ''}: Apply, Copy or Discard in the overlay.`;
      notifications.show({ title: 'Edit ready', body: message });
      this.options.onChange?.();
      return { copied: false, pasted: false, text: result.edit.after, message };
    }
    const outcome = await output.deliver(result, context);
    if ((outcome.copied || outcome.pasted === true) && outcome.text !== undefined) {
      recent.add(requestId ?? -this.nextLocalId++, result, outcome.text);
      // The contract's result carries `copied`: the overlay shows "copied" from the same event it already renders.
      // A paste whose clipboard is put back is not "on the clipboard"; the notification says where it went.
      if (requestId !== undefined && outcome.copied) windows.broadcast('pipeline.event', { requestId, event: { type: 'result', result: { ...result, copied: true } } });
      if (requestId !== undefined) this.options.chords?.activate('done', requestId, { edit: result.edit !== undefined });
      const linger = this.lingerMs();
      // 0: the overlay stays with its buttons until dismissed (or the next dictation).
      if (linger > 0) windows.hideOverlay(linger);
    }
    notifications.show({ title: outcomeTitle(outcome), body: outcome.message });
    this.options.onChange?.();
    return outcome;
  }

  /** A failed request: say why unless the user cancelled it. */
  fail(requestId: number | undefined, error: unknown): void {
    if (isAbortError(error)) {
      this.options.windows.hideOverlay(0);
      return;
    }
    const e = toAppError(error);
    this.options.logger.warn({ requestId, code: e.code }, 'request failed');
    this.options.notifications.show({ title: 'Voice CodeGen', body: e.message });
    if (requestId !== undefined) this.options.chords?.activate('error', requestId);
    if (this.lingerMs() > 0) this.options.windows.hideOverlay(this.options.errorLingerMs ?? 6_000);
  }

  /** How long a done overlay stays (the overlay.autoHideSeconds setting; tests pass a number). */
  lingerMs(): number {
    const linger = this.options.overlayLingerMs;
    return typeof linger === 'function' ? linger() : linger ?? 1_500;
  }
}
