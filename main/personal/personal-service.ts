// The personal dictionary and snippets over the store: a word trie rebuilt only when the data changes, ranked terms, commands.
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { DictionaryMatcher } from './dictionary-matcher.js';
import { rankDictionary } from './dictionary-rank.js';
import { MAX_DICTIONARY_ENTRIES, cleanEntry, formatExport, parseImport, type DictionaryEntryInput } from './dictionary-text.js';
import {
  MAX_SNIPPET_BODY_CHARS, MAX_SNIPPET_NAME_CHARS, commandKey, dictionaryAddRequest, expandPlaceholders, localDate, snippetRequest, usesPlaceholder,
} from './personal-commands.js';
import type { DictionaryRow, PersonalStorePort, SnippetRow } from './personal-types.js';

/** What the app's Live and batch transcription carry at most (Google works best near 100 terms). */
export const VOCABULARY_TERMS = 100;
/** Clipboard text a snippet inserts at most (the app's clipboard context cap). */
const MAX_SNIPPET_CLIPBOARD_CHARS = 16_000;

interface Compiled {
  revision: number;
  matcher: DictionaryMatcher;
  /** Row id of each matcher rule. */
  ids: number[];
  snippets: Map<string, SnippetRow>;
}

export interface PersonalServiceOptions {
  store: PersonalStorePort;
  clock: Clock;
  logger: Logger;
  /** Told after a change made here (add, remove, import): the vocabulary is recomputed. */
  onChange?: () => void;
  /** The system clipboard, for snippets with {{clipboard}} (desktop hosts). */
  readClipboard?: (signal: AbortSignal) => Promise<string>;
}

export class PersonalService {
  private compiled: Compiled | undefined;
  private readonly log: Logger;
  private pendingUses: Promise<void> = Promise.resolve();

  constructor(private readonly options: PersonalServiceOptions) {
    this.log = options.logger.child({ component: 'personal' });
  }

  /**
   * Replaces spoken forms with their terms ("cube control get pods" -> "kubectl get pods") and counts a use of each
   * (in the background: the hot path never waits on a write).
   */
  applyDictionary(text: string, countUses = true): string {
    const compiled = this.current();
    const { text: out, hits } = compiled.matcher.apply(text);
    if (countUses && hits.length > 0) {
      const ids = hits.map((h) => compiled.ids[h] as number);
      this.pendingUses = this.pendingUses
        .then(() => this.options.store.recordUses(ids, this.options.clock.now()))
        .catch((error: unknown) => this.log.warn({ err: error }, 'dictionary uses could not be recorded'));
    }
    return out;
  }

  /** The best terms for the transcription vocabulary, best first. */
  topTerms(max = VOCABULARY_TERMS): string[] {
    return rankDictionary(this.options.store.dictionary(), max, this.options.clock.now());
  }

  list(): DictionaryRow[] {
    return this.options.store.dictionary();
  }

  async add(input: DictionaryEntryInput): Promise<void> {
    const entry = cleanEntry(input);
    this.assertRoom(1);
    await this.options.store.addEntries([entry], this.options.clock.now());
    this.changed();
  }

  async remove(term: string): Promise<number> {
    const removed = await this.options.store.removeTerm(term.trim());
    if (removed > 0) this.changed();
    return removed;
  }

  /** All or nothing; returns the entries read and the rows written (entries already there are not written again). */
  async import(text: string): Promise<{ read: number; added: number }> {
    const entries = parseImport(text);
    this.assertRoom(entries.length);
    const added = await this.options.store.addEntries(entries, this.options.clock.now());
    if (added > 0) this.changed();
    return { read: entries.length, added };
  }

  export(): string {
    return formatExport(this.options.store.dictionary());
  }

  /** "add kubectl to my dictionary": the words to confirm, or undefined. Nothing is saved until add() is called. */
  dictionaryAddRequest(transcript: string): string | undefined {
    return dictionaryAddRequest(transcript);
  }

  /** The snippet a transcript names ("insert my debug template"), or undefined. */
  snippetFor(transcript: string): SnippetRow | undefined {
    const snippets = this.current().snippets;
    if (snippets.size === 0) return undefined;
    const key = snippetRequest(transcript, (k) => snippets.has(k));
    return key === undefined ? undefined : snippets.get(key);
  }

  snippets(): SnippetRow[] {
    return this.options.store.snippets();
  }

  async saveSnippet(name: string, body: string): Promise<void> {
    const trimmed = name.trim();
    const nameKey = commandKey(trimmed);
    if (nameKey === '') throw new AppError('VALIDATION', 'A snippet needs a name with at least one word, e.g. "debug template".');
    if (trimmed.length > MAX_SNIPPET_NAME_CHARS) throw new AppError('VALIDATION', `A snippet name is at most ${MAX_SNIPPET_NAME_CHARS} characters.`);
    if (body.length === 0) throw new AppError('VALIDATION', 'The snippet is empty: write the text it inserts.');
    if (body.length > MAX_SNIPPET_BODY_CHARS) throw new AppError('INPUT_TOO_LARGE', `A snippet is at most ${MAX_SNIPPET_BODY_CHARS.toLocaleString('en')} characters.`);
    await this.options.store.saveSnippet({ name: trimmed, nameKey, body }, this.options.clock.now());
  }

  async removeSnippet(name: string): Promise<number> {
    return this.options.store.removeSnippet(commandKey(name));
  }

  /**
   * A snippet's text with {{clipboard}}, {{selection}} and {{date}} filled in, and a use counted. The clipboard is read
   * (options.readClipboard) only when the body uses it and the request brought none: it stays on this machine.
   */
  async expandSnippet(snippet: { id: number; body: string }, values: { clipboard?: string; selection?: string }, signal: AbortSignal): Promise<string> {
    let clipboard = values.clipboard;
    if (clipboard === undefined && this.options.readClipboard && usesPlaceholder(snippet.body, 'clipboard')) {
      try {
        clipboard = (await this.options.readClipboard(signal)).slice(0, MAX_SNIPPET_CLIPBOARD_CHARS);
      } catch (error) {
        if (signal.aborted) throw error;
        this.log.warn({ err: error }, 'the clipboard could not be read for a snippet');
      }
    }
    this.options.store.recordSnippetUse(snippet.id, this.options.clock.now()).catch((error: unknown) => this.log.warn({ err: error }, 'snippet use could not be recorded'));
    return expandPlaceholders(snippet.body, { date: localDate(this.options.clock.now()), ...(clipboard !== undefined ? { clipboard } : {}), ...(values.selection !== undefined ? { selection: values.selection } : {}) });
  }

  /** Waits for use counts still being written (tests, shutdown). */
  async flush(): Promise<void> {
    await this.pendingUses;
  }

  private assertRoom(adding: number): void {
    const count = this.options.store.dictionaryCount();
    if (count + adding > MAX_DICTIONARY_ENTRIES) {
      throw new AppError('INPUT_TOO_LARGE', `The dictionary holds ${count.toLocaleString('en')} entries; adding ${adding.toLocaleString('en')} would pass its limit of ${MAX_DICTIONARY_ENTRIES.toLocaleString('en')}. Remove some first.`);
    }
  }

  private changed(): void {
    try {
      this.options.onChange?.();
    } catch (error) {
      this.log.error({ err: error }, 'a dictionary listener failed');
    }
  }

  /** The compiled trie and snippet map, rebuilt when the revision moved (a change here, or by the CLI). */
  private current(): Compiled {
    const revision = this.options.store.revision();
    if (this.compiled && this.compiled.revision === revision) return this.compiled;
    const rows = this.options.store.dictionary().filter((r) => r.spoken !== null);
    const matcher = new DictionaryMatcher(rows.map((r) => ({ term: r.term, spoken: r.spoken as string })));
    const snippets = new Map(this.options.store.snippets().map((s) => [s.nameKey, s]));
    this.compiled = { revision, matcher, ids: rows.map((r) => r.id), snippets };
    this.log.debug({ revision, spokenForms: matcher.size, snippets: snippets.size }, 'personal dictionary compiled');
    return this.compiled;
  }
}
