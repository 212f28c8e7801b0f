// Puts a finished result on the clipboard: the extracted code (or the full answer when chosen), never an incomplete one.
import type { PipelineResult } from '../../../../preload/contract.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { Logger } from '../../../core/logger.js';

export interface CopyOutcome {
  copied: boolean;
  /** What was written, when copied. */
  text?: string;
  /** One line for the overlay or a notification: what was copied, or why nothing was. */
  message: string;
}

export interface ClipboardOutputOptions {
  clipboard: ClipboardService;
  logger: Logger;
  /** Read at each delivery so a settings change applies to the next result. */
  copyFullAnswer: () => boolean;
}

function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.replace(/\n$/, '').split('\n').length;
}

export class ClipboardOutput {
  constructor(private readonly options: ClipboardOutputOptions) {}

  /** The text a result delivers (code, or the full answer when chosen), or why it delivers none; paste uses the same rule. */
  select(result: PipelineResult): { text: string; full: boolean } | { refused: CopyOutcome } {
    if (!result.complete) {
      // A cut-short answer pasted into an editor looks finished and is not: never copy it.
      return { refused: { copied: false, message: `The answer was cut short (${result.finishReason}); nothing was copied. Try a narrower request.` } };
    }
    // A chat gets the Markdown answer (one sentence and a fenced block), not just the code (issue 23's chat profile).
    const full = this.options.copyFullAnswer() || result.profile?.style === 'markdown';
    const text = full ? result.answer : result.code;
    if (text.trim().length === 0) {
      return { refused: { copied: false, message: full ? 'The answer was empty; nothing was copied.' : 'The answer had no code to copy; open the window to read it.' } };
    }
    return { text, full };
  }

  async deliver(result: PipelineResult): Promise<CopyOutcome> {
    const chosen = this.select(result);
    if ('refused' in chosen) return chosen.refused;
    const { text, full } = chosen;
    const failed = await this.write(text);
    if (failed) return failed;
    const lines = lineCount(text);
    const what = full ? 'the full answer' : `${lines} line${lines === 1 ? '' : 's'} of ${result.language}`;
    this.options.logger.debug({ requestIntent: result.intent, chars: text.length, full }, 'copied result');
    return { copied: true, text, message: `Copied ${what} to the clipboard${result.cached ? ' (from cache)' : ''}.` };
  }

  /** Copies an earlier result again (tray "recent results"). */
  async copyAgain(text: string): Promise<CopyOutcome> {
    const failed = await this.write(text);
    if (failed) return failed;
    const lines = lineCount(text);
    return { copied: true, text, message: `Copied ${lines} line${lines === 1 ? '' : 's'} again.` };
  }

  private async write(text: string): Promise<CopyOutcome | undefined> {
    try {
      await this.options.clipboard.writeText(text);
      return undefined;
    } catch (error) {
      this.options.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'clipboard write failed');
      return { copied: false, message: 'The clipboard could not be written; copy the code from the window instead.' };
    }
  }
}
