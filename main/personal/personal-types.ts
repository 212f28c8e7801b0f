// What the personal dictionary and snippets need from storage (main/store/personal-store.ts), as one small interface.
import type { CleanEntry } from './dictionary-text.js';

export interface DictionaryRow {
  id: number;
  term: string;
  spoken: string | null;
  addedAt: number;
  uses: number;
  lastUsedAt: number | null;
}

export interface SnippetRow {
  id: number;
  name: string;
  nameKey: string;
  body: string;
  updatedAt: number;
  uses: number;
}

export interface PersonalStorePort {
  /** Bumped by every change of terms, spoken forms or snippets (by any process). */
  revision(): number;
  dictionary(): DictionaryRow[];
  dictionaryCount(): number;
  /** Adds (or re-adds) entries in one transaction; a spoken form moves to its new term. Returns rows written. */
  addEntries(entries: readonly CleanEntry[], now: number): Promise<number>;
  /** Removes every row of a term (exact spelling); returns rows removed. */
  removeTerm(term: string): Promise<number>;
  recordUses(ids: readonly number[], now: number): Promise<void>;
  snippets(): SnippetRow[];
  saveSnippet(snippet: { name: string; nameKey: string; body: string }, now: number): Promise<void>;
  removeSnippet(nameKey: string): Promise<number>;
  recordSnippetUse(id: number, now: number): Promise<void>;
}
