// Loads a request's context in parallel with transcription: clipboard text, recent history, likely identifiers; bounded and redacted.
import type { HistoryPort, ContextPort, LoadedContext } from './ports.js';

export interface ClipboardReader {
  readText(signal: AbortSignal): Promise<string>;
}

export interface ContextLoaderOptions {
  clipboard: ClipboardReader | null;
  /** Settings: privacy.clipboardContext (opt-in). */
  clipboardEnabled: () => boolean;
  history: Pick<HistoryPort, 'recent'>;
  redact: (text: string) => string;
  /** Identifiers the user is likely to say (vocabulary ranked elsewhere). */
  identifiers: () => readonly string[];
  maxClipboardChars?: number;
  historyEntries?: number;
}

/** A clipboard larger than this is cut (before redaction): 16 K chars is far more code than a spoken request refers to. */
export const MAX_CONTEXT_CLIPBOARD_CHARS = 16_000;
/**
 * A history entry's transcript and code are cut to this before redaction (a stored answer or a typed request can
 * be 100 K characters; a prompt shows at most 4 K of an entry's code), so redacting context stays bounded.
 */
export const MAX_HISTORY_ENTRY_CHARS = 16_000;

const bounded = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** Redacted history texts kept: the last few entries come back in every request's context, unchanged. */
const REDACTED_KEPT = 16;

export class ContextLoader implements ContextPort {
  /** Bounded history text -> its redaction, newest last: each entry is redacted once, not in every request after it. */
  private readonly redacted = new Map<string, string>();

  constructor(private readonly options: ContextLoaderOptions) {}

  private redactHistoryText(text: string): string {
    const cut = bounded(text, MAX_HISTORY_ENTRY_CHARS);
    const known = this.redacted.get(cut);
    if (known !== undefined) return known;
    const out = this.options.redact(cut);
    this.redacted.set(cut, out);
    if (this.redacted.size > REDACTED_KEPT) this.redacted.delete(this.redacted.keys().next().value as string);
    return out;
  }

  async load(signal: AbortSignal): Promise<LoadedContext> {
    const { options } = this;
    const max = Math.min(options.maxClipboardChars ?? MAX_CONTEXT_CLIPBOARD_CHARS, MAX_CONTEXT_CLIPBOARD_CHARS);
    let clipboard: string | undefined;
    if (options.clipboard && options.clipboardEnabled()) {
      const raw = await options.clipboard.readText(signal).catch(() => '');
      // Cut before trimming too: a clipboard of megabytes is not copied around to drop its whitespace.
      const trimmed = bounded(raw, 2 * max).trim();
      if (trimmed.length > 0) clipboard = options.redact(bounded(trimmed, max));
    }
    const history = options.history.recent(options.historyEntries ?? 3).map((h) => ({
      transcript: this.redactHistoryText(h.transcript),
      code: h.code === null ? null : this.redactHistoryText(h.code),
    }));
    return { ...(clipboard ? { clipboard } : {}), history, identifiers: options.identifiers() };
  }
}
