// The overlay's Apply for an edit: check the window and its selection again, then paste the replacement over the selection (clipboard put back).
import type { PipelineResult } from '../../../../preload/contract.js';
import { toAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { InsertTarget } from '../insert/inserter.js';
import type { RestoreResult } from '../insert/paste-output.js';
import type { SelectionCapture } from '../insert/selection-capture.js';
import { sanitiseForTerminal } from '../insert/terminal-text.js';
import { isTerminal, textForTerminal } from '../insert/terminal-apps.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { PastePort } from './output-router.js';

type EditResult = NonNullable<PipelineResult['edit']>;

interface HeldEdit {
  edit: EditResult;
  target: InsertTarget | undefined;
}

export interface ApplyOutcome {
  /** The action worked: applied, or copied instead (the message says which and why). */
  ok: boolean;
  /** The replacement was pasted over the selection. */
  applied: boolean;
  /** The replacement is on the clipboard (and stays there). */
  copied: boolean;
  message: string;
  /** After a paste: settles once the user's clipboard is put back. */
  restore?: Promise<RestoreResult>;
}

export interface EditApplierOptions {
  /** The paste path (absent: Apply copies). */
  paste?: Pick<PastePort, 'captureTarget' | 'paste'>;
  /** Reads the selection again before Apply (absent: the window check alone). */
  selection?: Pick<SelectionCapture, 'capture'>;
  clipboard: Pick<ClipboardService, 'writeText'>;
  /** settings.output.terminalApps, read at each Apply. */
  terminalApps: () => readonly string[];
  logger: Logger;
  /** How many finished edits wait for Apply (the overlay shows the newest; older ones stay appliable from the main window). */
  capacity?: number;
}

function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.replace(/\r?\n$/, '').split('\n').length;
}

/** Whether the window at Apply is the one the selection was read in. */
function sameWindow(a: InsertTarget | undefined, b: InsertTarget | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.handle !== undefined || b.handle !== undefined) return a.handle === b.handle;
  // Wayland gives no handle: the app's names have to do.
  return a.names.join('\n') === b.names.join('\n');
}

export class EditApplier {
  private readonly held = new Map<number, HeldEdit>();

  constructor(private readonly options: EditApplierOptions) {}

  /** A finished edit waits for Apply, Copy or Dismiss. */
  hold(requestId: number, edit: EditResult, target: InsertTarget | undefined): void {
    this.held.delete(requestId);
    this.held.set(requestId, { edit, target });
    const capacity = this.options.capacity ?? 5;
    for (const id of this.held.keys()) {
      if (this.held.size <= capacity) break;
      this.held.delete(id);
    }
  }

  has(requestId: number): boolean {
    return this.held.has(requestId);
  }

  /** The replacement a held edit would apply (the overlay's Copy and its chord). */
  replacement(requestId: number): string | undefined {
    return this.held.get(requestId)?.edit.after;
  }

  /** Dismiss: forget the edit. */
  discard(requestId: number): boolean {
    return this.held.delete(requestId);
  }

  /**
   * Apply: the replacement over the selection, through the paste path (clipboard saved and put back). Copies instead,
   * and says why, when the target is a terminal, the window or its selection changed, or paste cannot work. Never rejects.
   */
  async apply(requestId: number, signal?: AbortSignal): Promise<ApplyOutcome> {
    const held = this.held.get(requestId);
    if (held === undefined) return { ok: false, applied: false, copied: false, message: 'There is no edit to apply for that result (it was not an edit, or it was already applied or dismissed): copy it instead.' };
    const { edit, target } = held;
    const app = edit.app ?? target?.names[0] ?? 'the app';
    if (target !== undefined && isTerminal(target.names, this.options.terminalApps())) {
      // A terminal cannot replace a selection: what is pasted is typed at the prompt. Copy, without a trailing newline.
      const text = sanitiseForTerminal(textForTerminal(edit.after)).text;
      return this.copyInstead(requestId, text, `Copied, not applied: ${app} is a terminal, where a selection cannot be replaced. Paste it where it belongs.`);
    }
    const paste = this.options.paste;
    if (paste === undefined || target === undefined) return this.copyInstead(requestId, edit.after, 'Copied, not applied: paste into other apps is not available here.');
    const [now, selection] = await Promise.all([paste.captureTarget(signal).catch(() => undefined), this.options.selection?.capture(signal)]);
    if (!sameWindow(target, now)) {
      return this.copyInstead(requestId, edit.after, `Copied, not applied: the focus moved from ${app} to ${now?.names[0] ?? 'another window'} since you spoke. Select the code again and paste it.`);
    }
    if (selection?.kind === 'none' && /could not be read/.test(selection.why)) {
      // A tool failed or ran out of time: whether the selection is still there is unknown, so nothing is replaced.
      return this.copyInstead(requestId, edit.after, `Copied, not applied: the selection in ${app} could not be checked (${selection.why}) Select the code again and paste it.`);
    }
    if (selection !== undefined && (selection.kind !== 'selected' || selection.text !== edit.before)) {
      return this.copyInstead(requestId, edit.after, `Copied, not applied: the selection in ${app} changed since you spoke. Select the code again and paste it.`);
    }
    const outcome = await paste.paste(edit.after, target, { keepOnClipboard: false, ...(signal ? { signal } : {}) });
    if (!outcome.pasted) {
      this.options.logger.info({ requestId, reason: outcome.reason ?? null }, 'edit copied instead of applied');
      return { ok: outcome.copied, applied: false, copied: outcome.copied, message: outcome.message };
    }
    this.held.delete(requestId);
    this.options.logger.info({ requestId, lines: lineCount(edit.after) }, 'edit applied');
    const n = lineCount(edit.before);
    return { ok: true, applied: true, copied: false, message: `Applied: replaced ${n} line${n === 1 ? '' : 's'} in ${app}.`, restore: outcome.restore };
  }

  private async copyInstead(requestId: number, text: string, message: string): Promise<ApplyOutcome> {
    try {
      await this.options.clipboard.writeText(text);
      this.options.logger.info({ requestId }, 'edit copied instead of applied');
      return { ok: true, applied: false, copied: true, message };
    } catch (error) {
      return { ok: false, applied: false, copied: false, message: `Neither applied nor copied: ${toAppError(error).message}` };
    }
  }
}
