// Puts a result where the cursor was: save the clipboard, write the code, paste it into the remembered app, restore the clipboard later.
import { sleep } from '../../../core/abort.js';
import { isAppError, toAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { sameClipboardText, type ClipboardAccess, type ClipboardSnapshot } from './clipboard-access.js';
import type { InsertAvailability, InsertTarget, InsertUnavailableReason, Inserter } from './inserter.js';
import { planPaste, type PastePlan, type PasteSettings } from './paste-plan.js';
import { formatShortcut } from './paste-shortcut.js';
import { matchesApp } from './terminal-apps.js';

/** Why the code was not pasted; it is on the clipboard in every case but 'clipboard-failed'. */
export type PasteSkipReason = InsertUnavailableReason | 'paste-off' | 'no-target' | 'failed' | 'bad-override' | 'clipboard-failed';

/**
 * What happened to the user's own clipboard: put back, left alone because they copied something newer, left holding
 * the result (mode 'both', or nothing was pasted so the user can paste by hand), handed to the next paste, or failed.
 */
export type RestoreResult = 'restored' | 'kept-newer-copy' | 'kept-result' | 'superseded' | 'failed';

export interface PasteOutcome {
  pasted: boolean;
  /** The code is on the clipboard (until the restore, when pasted in 'paste' mode). */
  copied: boolean;
  /** What was written: terminals get it without the trailing newline. */
  text: string;
  terminal: boolean;
  reason?: PasteSkipReason;
  /** One line for the overlay or a notification: where the code went, or why it was not pasted and what to do. */
  message: string;
  /** Escape sequences and control characters removed from what a terminal got (the message says so). */
  removedControls?: number;
  /** Settles once the clipboard question is decided; never rejects. */
  restore: Promise<RestoreResult>;
}

export interface PasteCallOptions {
  signal?: AbortSignal;
  keepOnClipboard?: boolean;
  /** The output style the request ran with: 'shell' text never keeps a trailing newline, whatever the target. */
  style?: 'code' | 'shell' | 'markdown';
}

export interface PasteOutputOptions {
  inserter: Inserter;
  clipboard: ClipboardAccess;
  logger: Logger;
  /** Read at each paste so a settings change applies to the next result. */
  settings: () => PasteSettings;
  /** Our own app's window class / process / bundle id: pasting into ourselves (the overlay had focus) is refused. */
  ownAppNames?: readonly string[];
  /** Waits before the restore (core sleep by default); tests pass a gate they open themselves. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface PendingRestore {
  text: string;
  snapshot: ClipboardSnapshot;
  controller: AbortController;
  handedOver: boolean;
  done: Promise<RestoreResult>;
}

/** What the overlay adds when a terminal's text lost escape sequences or control characters. */
function removalNote(removed: number): string {
  return removed === 0 ? '' : ` Removed ${removed} terminal control sequence${removed === 1 ? '' : 's'} (escape codes or control characters) from it.`;
}

function lines(text: string): string {
  const n = text.length === 0 ? 0 : text.replace(/\n$/, '').split('\n').length;
  return `${n} line${n === 1 ? '' : 's'}`;
}

export class PasteOutput {
  private availability: InsertAvailability | undefined;
  private pending: PendingRestore | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PasteOutputOptions) {}

  /** Checks the paste path once at start; the result is what settings shows. Never throws. */
  async start(signal?: AbortSignal): Promise<InsertAvailability> {
    try {
      this.availability = await this.options.inserter.detect(signal);
    } catch (error) {
      this.availability = { available: false, reason: 'no-tool', message: `Paste could not be checked: ${toAppError(error).message}` };
    }
    this.options.logger.info({ platform: this.options.inserter.platform, ...this.availability }, 'paste support');
    return this.availability;
  }

  /** The last detection, for settings; undefined before start(). */
  get status(): InsertAvailability | undefined {
    return this.availability;
  }

  /** At hotkey down, before the overlay can take focus: the app to paste into later. Never throws. */
  async captureTarget(signal?: AbortSignal): Promise<InsertTarget | undefined> {
    if (this.availability !== undefined && !this.availability.available) return undefined;
    try {
      return await this.options.inserter.captureTarget(signal);
    } catch (error) {
      this.options.logger.warn({ error: toAppError(error).message }, 'could not tell which app had focus');
      return undefined;
    }
  }

  /**
   * Puts text on the clipboard and pastes it into target (or the app focused now when target is undefined). Pastes run
   * one at a time. keepOnClipboard defaults to settings mode 'both'. Never rejects: the outcome says what happened.
   */
  paste(text: string, target: InsertTarget | undefined, options: PasteCallOptions = {}): Promise<PasteOutcome> {
    const run = this.queue.then(() => this.pasteNow(text, target, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Restores a clipboard still waiting for its delay now (quitting), then stops. */
  async dispose(): Promise<void> {
    const pending = this.pending;
    if (pending === undefined) return;
    pending.controller.abort();
    await pending.done;
  }

  private async pasteNow(text: string, given: InsertTarget | undefined, options: PasteCallOptions): Promise<PasteOutcome> {
    const { inserter, clipboard, logger } = this.options;
    const settings = this.options.settings();
    // "Paste here" (tray, overlay) has no remembered target: whatever has focus now is it, terminal checks included.
    const target = given ?? (await this.captureTarget(options.signal));
    const app = target?.names[0] ?? 'the focused app';
    const saved = await this.takePending();
    if (target !== undefined && matchesApp(target.names, this.options.ownAppNames ?? []) !== undefined) {
      return this.notPasted(text, false, 'no-target', 'Not pasted: Voice CodeGen itself had focus. Click where the code should go and choose "Paste here"; the code is on the clipboard.');
    }
    let plan: PastePlan;
    try {
      plan = planPaste(target, text, settings, inserter.shortcuts, options.style ? { style: options.style } : undefined);
    } catch (error) {
      return this.notPasted(text, false, 'bad-override', toAppError(error).message);
    }
    const manual = formatShortcut(plan.shortcut);
    if (!plan.paste) return this.notPasted(plan.text, plan.terminal, 'paste-off', `Paste is off for ${plan.override ?? app}: the code is on the clipboard, press ${manual} to paste it.`, undefined, plan.removedControls);
    let availability = this.availability ?? (await this.start(options.signal));
    // Permission can be granted while we run: ask again instead of making the user restart.
    if (availability.reason === 'no-permission') availability = await this.start(options.signal);
    // Not pasting: the user pastes by hand, so only a known terminal gets the trimmed text (as clipboard mode copies it).
    if (!availability.available) return this.notPasted(plan.terminal ? plan.text : text, plan.terminal, availability.reason ?? 'no-tool', `Not pasted: ${availability.message}`, undefined, plan.terminal ? plan.removedControls : 0);

    let snapshot = saved;
    if (snapshot === undefined) {
      try {
        snapshot = await clipboard.save(options.signal);
      } catch (error) {
        // Pasting still beats not pasting; the user's clipboard just cannot come back.
        logger.warn({ error: toAppError(error).message }, 'could not save the clipboard before pasting');
      }
    }
    try {
      await clipboard.writeText(plan.text, options.signal);
    } catch (error) {
      const e = toAppError(error);
      logger.error({ error: e.message }, 'could not write the clipboard');
      return { pasted: false, copied: false, text: plan.text, terminal: plan.terminal, reason: 'clipboard-failed', message: `Neither pasted nor copied: ${e.message}`, restore: Promise.resolve('failed'), removedControls: plan.removedControls };
    }
    try {
      await inserter.insert(target, plan.text, { shortcut: plan.shortcut, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      const e = toAppError(error);
      const reason = isAppError(error) && typeof error.details?.reason === 'string' ? (error.details.reason as PasteSkipReason) : 'failed';
      logger.warn({ error: e.message, reason, target: target?.names }, 'paste failed');
      if (reason === 'no-permission' || reason === 'no-tool') this.availability = { available: false, reason, message: e.message };
      return this.notPasted(plan.text, plan.terminal, reason, `Not pasted: ${e.message}`, manual, plan.removedControls);
    }
    logger.info({ target: target?.names, terminal: plan.terminal, chars: plan.text.length, shortcut: manual, removedControls: plan.removedControls }, 'pasted');
    const keep = options.keepOnClipboard ?? settings.mode === 'both';
    const restore = keep || snapshot === undefined ? Promise.resolve<RestoreResult>('kept-result') : this.scheduleRestore(plan.text, snapshot, settings.restoreDelayMs);
    const hint = plan.terminal ? ' It has not run: check it and press Enter.' : '';
    return { pasted: true, copied: true, text: plan.text, terminal: plan.terminal, message: `Pasted ${lines(plan.text)} into ${app}.${hint}${removalNote(plan.removedControls)}`, restore, removedControls: plan.removedControls };
  }

  private notPasted(text: string, terminal: boolean, reason: PasteSkipReason, why: string, manual?: string, removed = 0): Promise<PasteOutcome> {
    // The result stays on the clipboard (no restore), so the user can paste it by hand.
    return this.options.clipboard.writeText(text).then(
      () => {
        const tail = /clipboard/i.test(why) ? '' : ` The code is on the clipboard${manual ? `: press ${manual} to paste it` : ''}.`;
        this.options.logger.info({ reason }, 'copied without pasting');
        return { pasted: false, copied: true, text, terminal, reason, message: `${why}${tail}${removalNote(removed)}`, restore: Promise.resolve<RestoreResult>('kept-result'), removedControls: removed };
      },
      (error: unknown) => {
        const e = toAppError(error);
        this.options.logger.error({ error: e.message, reason }, 'could not write the clipboard');
        return { pasted: false, copied: false, text, terminal, reason: 'clipboard-failed' as const, message: `${why} The clipboard could not be written either: ${e.message}`, restore: Promise.resolve<RestoreResult>('failed'), removedControls: removed };
      },
    );
  }

  private scheduleRestore(text: string, snapshot: ClipboardSnapshot, delayMs: number): Promise<RestoreResult> {
    const wait = this.options.wait ?? sleep;
    const entry: PendingRestore = { text, snapshot, controller: new AbortController(), handedOver: false, done: Promise.resolve('kept-result') };
    entry.done = wait(delayMs, entry.controller.signal).then(
      () => this.restoreIfOurs(entry),
      // Aborted: by the next paste (which takes over the snapshot) or by dispose (restore now).
      () => (entry.handedOver ? ('superseded' as const) : this.restoreIfOurs(entry)),
    );
    this.pending = entry;
    return entry.done;
  }

  private async restoreIfOurs(entry: PendingRestore): Promise<RestoreResult> {
    if (this.pending === entry) this.pending = undefined;
    try {
      // The target had restoreDelayMs to read our text. If the clipboard holds anything else now, the user copied
      // it meanwhile: theirs is newer than what we saved, so it stays. (A copy landing between this read and the
      // write below cannot be told apart; the window is one clipboard round trip.)
      const current = await this.options.clipboard.readText();
      if (!sameClipboardText(current, entry.text)) {
        this.options.logger.info({}, 'clipboard changed since the paste: not restored');
        return 'kept-newer-copy';
      }
      await this.options.clipboard.restore(entry.snapshot);
      return 'restored';
    } catch (error) {
      this.options.logger.warn({ error: toAppError(error).message }, 'could not restore the clipboard');
      return 'failed';
    }
  }

  /** A restore still waiting when the next paste starts: its saved clipboard is the user's, so the next paste reuses it. */
  private async takePending(): Promise<ClipboardSnapshot | undefined> {
    const entry = this.pending;
    if (entry === undefined) return undefined;
    this.pending = undefined;
    entry.handedOver = true;
    entry.controller.abort();
    await entry.done;
    try {
      return sameClipboardText(await this.options.clipboard.readText(), entry.text) ? entry.snapshot : undefined;
    } catch {
      return undefined;
    }
  }
}
