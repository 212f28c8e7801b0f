// Sends a finished result where settings.output.mode says: the clipboard, or a paste into the app that had focus at hotkey down.
import type { PipelineResult } from '../../../../preload/contract.js';
import { withheldReason } from '../../../../preload/check-text.js';
import type { Logger } from '../../../core/logger.js';
import type { InsertAvailability, InsertTarget } from '../insert/inserter.js';
import type { PasteOutcome, PasteOutput } from '../insert/paste-output.js';
import type { ClipboardOutput } from './clipboard-output.js';
import type { DeliveryContext, DeliveryOutcome, ResultOutput } from './result-delivery.js';

export type OutputMode = 'clipboard' | 'paste' | 'both';

/** The part of the insert module's PasteOutput the shell uses (tests pass the real one over fake platforms). */
export type PastePort = Pick<PasteOutput, 'captureTarget' | 'paste' | 'dispose' | 'status'>;

/** What setupPaste found at start (insert/paste-setup.ts). */
export interface PasteSetupResult {
  support: { message: string };
  availability: InsertAvailability;
  output: PastePort | undefined;
}

export interface PasteStatus {
  available: boolean;
  /** For the tray and notifications: how paste works here, or why it cannot and what to do. */
  message: string;
}

export interface OutputRouterOptions {
  clipboard: ClipboardOutput;
  /** Absent where paste was never set up (the web host's tests, a platform without a clipboard). */
  paste?: PasteSetupResult;
  /** Read at each result and each hotkey press, so a settings change applies to the next dictation. */
  mode: () => OutputMode;
  logger: Logger;
}

export class OutputRouter implements ResultOutput {
  constructor(private readonly options: OutputRouterOptions) {}

  /** Whether results are meant to be pasted (mode 'paste' or 'both'). */
  get pasting(): boolean {
    return this.options.mode() !== 'clipboard';
  }

  /** The live paste status: PasteOutput re-checks after a failure or a permission granted meanwhile. */
  get pasteStatus(): PasteStatus | undefined {
    const setup = this.options.paste;
    if (setup === undefined) return undefined;
    const availability = setup.output?.status ?? setup.availability;
    return { available: availability.available && setup.output !== undefined, message: availability.available ? setup.support.message : availability.message };
  }

  /**
   * At hotkey down, before the overlay shows: the app to paste into later, which also picks the request's app profile
   * (issue 23), so it is read in clipboard mode too. Undefined only when no paste tool exists here. Never rejects.
   */
  captureTarget(): Promise<InsertTarget | undefined> | undefined {
    const output = this.options.paste?.output;
    if (output === undefined) return undefined;
    return output.captureTarget().catch(() => undefined);
  }

  async deliver(result: PipelineResult, context?: DeliveryContext): Promise<DeliveryOutcome> {
    const output = this.options.paste?.output;
    // Only a dictation has a target; quick commands and clipboard mode copy, as before paste existed.
    if (!this.pasting || context === undefined) return this.options.clipboard.deliver(result);
    const chosen = this.options.clipboard.select(result);
    // The copy rule holds for paste too: an incomplete or empty answer goes nowhere.
    if ('refused' in chosen) return { ...chosen.refused, pasted: false };
    // Code that does not parse is never pasted into the user's editor: it is copied, and the message says why.
    const withheld = withheldReason(result.check);
    if (withheld !== null) {
      const copied = await this.options.clipboard.deliver(result);
      return { ...copied, pasted: false, message: copied.copied ? `${withheld}: copied, not pasted. ${copied.message}` : copied.message };
    }
    if (output === undefined) {
      const copied = await this.options.clipboard.deliver(result);
      const why = this.options.paste?.availability.message ?? 'paste is not set up in this app.';
      return { ...copied, pasted: false, message: `Not pasted: ${why} ${copied.message}` };
    }
    const target = await (context.target ?? Promise.resolve(undefined));
    // A shell answer loses its trailing newline wherever it is pasted (the request's profile, which the user may have switched).
    return this.fromPaste(await output.paste(chosen.text, target, result.profile ? { style: result.profile.style } : {}));
  }

  /** Tray "Paste last result here": into whatever has focus now. */
  async pasteHere(text: string): Promise<DeliveryOutcome> {
    const output = this.options.paste?.output;
    if (output === undefined) {
      const copied = await this.options.clipboard.copyAgain(text);
      return { ...copied, pasted: false, message: `Not pasted: ${this.pasteStatus?.message ?? 'paste is not set up in this app.'} ${copied.message}` };
    }
    return this.fromPaste(await output.paste(text, undefined));
  }

  /** At quit: a clipboard still waiting for its restore is put back now. */
  async dispose(): Promise<void> {
    await this.options.paste?.output?.dispose();
  }

  private fromPaste(outcome: PasteOutcome): DeliveryOutcome {
    // 'paste' mode puts the user's clipboard back after restoreDelayMs, so the result is on it only for a moment.
    const keeps = !outcome.pasted || this.options.mode() === 'both';
    const copied = outcome.copied && keeps;
    const message = outcome.pasted && copied ? `${outcome.message} It is on the clipboard too.` : outcome.message;
    this.options.logger.debug({ pasted: outcome.pasted, copied, reason: outcome.reason ?? null }, 'result delivered');
    return { copied, pasted: outcome.pasted, text: outcome.text, message, restore: outcome.restore };
  }
}
