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

/** A clipboard larger than this is cut: 16 K chars is far more code than a spoken request refers to. */
const DEFAULT_MAX_CLIPBOARD = 16_000;

export class ContextLoader implements ContextPort {
  constructor(private readonly options: ContextLoaderOptions) {}

  async load(signal: AbortSignal): Promise<LoadedContext> {
    const { options } = this;
    const max = options.maxClipboardChars ?? DEFAULT_MAX_CLIPBOARD;
    let clipboard: string | undefined;
    if (options.clipboard && options.clipboardEnabled()) {
      const raw = await options.clipboard.readText(signal).catch(() => '');
      const trimmed = raw.trim();
      if (trimmed.length > 0) clipboard = options.redact(trimmed.length > max ? trimmed.slice(0, max) : trimmed);
    }
    const history = options.history.recent(options.historyEntries ?? 3).map((h) => ({ transcript: options.redact(h.transcript), code: h.code === null ? null : options.redact(h.code) }));
    return { ...(clipboard ? { clipboard } : {}), history, identifiers: options.identifiers() };
  }
}
