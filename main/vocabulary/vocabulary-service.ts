// Keeps the transcription vocabulary: identifiers from the clipboard, recent history and the project, ranked, top terms only.
import { LinkedAbortController, abortReason, throwIfAborted } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { AppError, isAbortError, toAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { countTerms, type TermCounts } from './identifier-extract.js';
import { CLIPBOARD_SOURCE, DICTIONARY_SOURCE, HISTORY_SOURCE, PROJECT_SOURCE, rankTerms, type TermSource } from './term-ranking.js';

/** One history entry as the vocabulary reads it. */
export interface HistoryText {
  /** The entry's id: its counts are kept while it stays among the recent entries (a finished entry does not change). */
  id?: number;
  transcript: string;
  code: string;
}

export interface VocabularyServiceOptions {
  /** Counts the project's terms (VocabularyWorkerPool.scanProject: a worker, bounded in files, size and time). */
  scanProject: (dir: string, signal: AbortSignal) => Promise<TermCounts>;
  /** The clipboard's text; omitted when the user has not allowed clipboard context. */
  readClipboard?: (signal: AbortSignal) => Promise<string>;
  /** The latest history entries, newest first. */
  recentHistory: () => readonly HistoryText[];
  /**
   * Called with the new top terms whenever they change (SessionPool.setVocabulary, through GeminiServices);
   * replaceNow after narrow(): sessions set up with the old terms must not serve another utterance.
   */
  onChange: (terms: readonly string[], options?: { replaceNow?: boolean }) => void;
  /** The personal dictionary's best `max` terms as counts (best highest); they rank above the project's names. */
  dictionaryCounts?: (max: number) => ReadonlyMap<string, number>;
  /** settings.vocabulary.maxTerms */
  maxTerms: number;
  /** A project folder the user chose and allowed (settings.vocabulary.projectDir with privacy.projectVocabulary). */
  projectDir?: string;
  logger: Logger;
  clock: Clock;
  /** A project scan is reused this long (default 5 min): projects change slowly, and a scan costs up to 3 s of a core. */
  projectTtlMs?: number;
  /** History entries read, newest first (default 10). */
  historyEntries?: number;
  /** refreshSoon() waits this long (default 250 ms), so requests that settle together cost one refresh, after them. */
  settleDelayMs?: number;
}

/** More clipboard than this is not code the user is working on (a log, a data dump); only its start is read. */
export const MAX_CLIPBOARD_CHARS = 256 * 1024;
const DEFAULT_PROJECT_TTL_MS = 300_000;
const DEFAULT_HISTORY_ENTRIES = 10;
const DEFAULT_SETTLE_DELAY_MS = 250;

interface ProjectEntry {
  dir: string;
  at: number;
  counts: TermCounts;
}

export class VocabularyService {
  private readonly log: Logger;
  private readonly closing = new AbortController();
  private projectDir: string | undefined;
  private project: ProjectEntry | undefined;
  private current: readonly string[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private maxTerms: number;
  /** Bumped by every change of what may be read; a refresh that began before a change publishes nothing. */
  private config = 0;
  /** A source was withdrawn (privacy): the next published terms replace every session at once, even if unchanged. */
  private narrowing = false;
  /** refreshSoon()'s timer: one at a time, however many requests settle meanwhile. */
  private soon: ReturnType<typeof setTimeout> | undefined;
  /** Term counts of the recent history entries by id, so an entry's text is read once, not after every request. */
  private historyCounts = new Map<number, TermCounts>();

  constructor(private readonly options: VocabularyServiceOptions) {
    this.log = options.logger.child({ component: 'vocabulary' });
    this.projectDir = options.projectDir;
    this.maxTerms = options.maxTerms;
  }

  /** The current top terms, best first. */
  terms(): readonly string[] {
    return this.current;
  }

  /** Chooses (or clears) the project folder; the next refresh() scans it. */
  setProjectDir(dir: string | undefined): void {
    if (dir === this.projectDir) return;
    // The old folder's names must leave the Live sessions, not linger in a spare one.
    if (this.projectDir !== undefined && this.projectDir !== '') this.narrow();
    this.projectDir = dir;
    this.project = undefined;
    this.config++;
  }

  /** settings.vocabulary.maxTerms, from the next refresh on. */
  setMaxTerms(maxTerms: number): void {
    if (maxTerms === this.maxTerms) return;
    this.maxTerms = maxTerms;
    this.config++;
  }

  /**
   * A source was withdrawn (project folder or clipboard context turned off): the next refresh publishes its terms
   * with replaceNow, and a refresh already running publishes nothing (it may have read the withdrawn source).
   */
  narrow(): void {
    this.narrowing = true;
    this.config++;
  }

  /**
   * Recomputes the top terms and calls onChange when they changed (as a set: a new order alone would replace every
   * spare Live session for nothing). Refreshes run one at a time; a caller waiting for an earlier one stops waiting
   * when its signal aborts. After close() it resolves with the last terms and does nothing.
   */
  async refresh(signal?: AbortSignal): Promise<readonly string[]> {
    const previous = this.running;
    const run = (async () => {
      await settleOrAbort(previous, signal);
      if (this.closing.signal.aborted) return this.current;
      const link = new LinkedAbortController(signal, this.closing.signal);
      try {
        return await this.compute(link.signal);
      } finally {
        link.dispose();
      }
    })();
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * A request settled: refresh after settleDelayMs, off the path of the requests running now. Calls while one is
   * scheduled join it (it reads the history when it runs, so it sees every request settled before then).
   */
  refreshSoon(): void {
    if (this.soon !== undefined || this.closing.signal.aborted) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.refresh().catch((error: unknown) => this.log.warn({ err: error }, 'vocabulary refresh failed'));
    }, this.options.settleDelayMs ?? DEFAULT_SETTLE_DELAY_MS);
    this.soon.unref?.();
  }

  /** Stops a running refresh (its project scan is aborted) and waits for it to end. */
  async close(): Promise<void> {
    if (this.soon !== undefined) clearTimeout(this.soon);
    this.soon = undefined;
    this.closing.abort(new AppError('CANCELLED', 'The vocabulary service was closed.'));
    await this.running;
  }

  private async compute(signal: AbortSignal): Promise<readonly string[]> {
    throwIfAborted(signal);
    const config = this.config;
    const [clipboard, project] = await Promise.all([this.clipboardCounts(signal), this.projectCounts(signal)]);
    throwIfAborted(signal);
    const sources: TermSource[] = [];
    if (clipboard.size > 0) sources.push({ counts: clipboard, ...CLIPBOARD_SOURCE });
    const history = this.options.recentHistory().slice(0, this.options.historyEntries ?? DEFAULT_HISTORY_ENTRIES);
    const known = this.historyCounts;
    this.historyCounts = new Map();
    history.forEach((entry, age) => {
      const counts = (entry.id !== undefined ? known.get(entry.id) : undefined) ?? countTerms(entry.code, countTerms(entry.transcript));
      if (entry.id !== undefined) this.historyCounts.set(entry.id, counts);
      if (counts.size > 0) sources.push({ counts, weight: HISTORY_SOURCE.weight * HISTORY_SOURCE.decay ** age, floor: HISTORY_SOURCE.floor });
    });
    const dictionary = this.readDictionary();
    if (dictionary.size > 0) sources.push({ counts: dictionary, ...DICTIONARY_SOURCE });
    if (project.size > 0) sources.push({ counts: project, ...PROJECT_SOURCE });
    const ranked = rankTerms(sources, this.maxTerms);
    // Settings changed while this ran: what it read may be withdrawn; the refresh that follows the change publishes.
    if (this.closing.signal.aborted || config !== this.config) return this.current;
    const replaceNow = this.narrowing;
    if (!replaceNow && sameSet(ranked, this.current)) return this.current;
    this.narrowing = false;
    this.current = ranked;
    this.log.debug({ terms: ranked.length, clipboard: clipboard.size, history: history.length, dictionary: dictionary.size, project: project.size, replaceNow }, 'vocabulary changed');
    try {
      if (replaceNow) this.options.onChange(ranked, { replaceNow: true });
      else this.options.onChange(ranked);
    } catch (error) {
      this.log.error({ err: error }, 'a vocabulary listener failed');
    }
    return ranked;
  }

  private readDictionary(): ReadonlyMap<string, number> {
    if (!this.options.dictionaryCounts) return new Map();
    try {
      return this.options.dictionaryCounts(this.maxTerms);
    } catch (error) {
      // An unreadable dictionary (a locked database) leaves the other sources.
      this.log.warn({ err: toAppError(error) }, 'the personal dictionary could not be read for vocabulary');
      return new Map();
    }
  }

  private async clipboardCounts(signal: AbortSignal): Promise<TermCounts> {
    if (!this.options.readClipboard) return new Map();
    try {
      const text = await this.options.readClipboard(signal);
      return countTerms(text.length > MAX_CLIPBOARD_CHARS ? text.slice(0, MAX_CLIPBOARD_CHARS) : text);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) throw error;
      // An unreadable clipboard (locked by another app, no display) leaves the other sources.
      this.log.warn({ err: toAppError(error) }, 'the clipboard could not be read for vocabulary');
      return new Map();
    }
  }

  private async projectCounts(signal: AbortSignal): Promise<TermCounts> {
    const dir = this.projectDir;
    if (dir === undefined || dir === '') return new Map();
    const now = this.options.clock.now();
    const ttl = this.options.projectTtlMs ?? DEFAULT_PROJECT_TTL_MS;
    if (this.project && this.project.dir === dir && now - this.project.at < ttl) return this.project.counts;
    throwIfAborted(signal);
    let counts: TermCounts;
    try {
      counts = await this.options.scanProject(dir, signal);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) throw signal.aborted ? abortReason(signal) : error;
      // A missing or unreadable folder is remembered for the TTL (as empty), so refreshes do not rescan it each time.
      const e = toAppError(error);
      this.log.warn({ dir, code: e.code, err: e }, 'the project folder could not be scanned for vocabulary');
      counts = new Map();
    }
    // The folder may have been changed while the scan ran: keep the result only if it is still the chosen one.
    if (this.projectDir === dir) this.project = { dir, at: now, counts };
    return counts;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((t) => set.has(t));
}


/** Waits for `promise` to settle (either way), or rejects when `signal` aborts first. */
async function settleOrAbort(promise: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  if (!signal) {
    await promise.catch(() => undefined);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    promise.then(done, done);
  });
}
