// SQLite tables of the personal dictionary and snippets (migration 8): prepared once, written in transactions.
import type { CleanEntry } from '../personal/dictionary-text.js';
import type { DictionaryRow, PersonalStorePort, SnippetRow } from '../personal/personal-types.js';
import type { Database, ReadQuery } from './database.js';

export class PersonalStore implements PersonalStorePort {
  // Never from the query cache: the CLI changes these tables from another process.
  private readonly revisionQuery: ReadQuery<number>;
  private readonly dictionaryQuery: ReadQuery<{ id: number; term: string; spoken: string | null; added_at: number; uses: number; last_used_at: number | null }>;
  private readonly countQuery: ReadQuery<number>;
  private readonly snippetsQuery: ReadQuery<{ id: number; name: string; name_key: string; body: string; updated_at: number; uses: number }>;

  constructor(private readonly db: Database) {
    this.revisionQuery = db.prepareRead<number>('SELECT value FROM personal_revision WHERE id = 1', { pluck: true });
    this.dictionaryQuery = db.prepareRead('SELECT id, term, spoken, added_at, uses, last_used_at FROM dictionary ORDER BY id');
    this.countQuery = db.prepareRead<number>('SELECT count(*) FROM dictionary', { pluck: true });
    this.snippetsQuery = db.prepareRead('SELECT id, name, name_key, body, updated_at, uses FROM snippets ORDER BY name_key');
  }

  revision(): number {
    return this.revisionQuery.get() ?? 0;
  }

  dictionary(): DictionaryRow[] {
    return this.dictionaryQuery.all().map((r) => ({ id: r.id, term: r.term, spoken: r.spoken, addedAt: r.added_at, uses: r.uses, lastUsedAt: r.last_used_at }));
  }

  dictionaryCount(): number {
    return this.countQuery.get() ?? 0;
  }

  addEntries(entries: readonly CleanEntry[], now: number): Promise<number> {
    return this.db.transaction((tx) => {
      let written = 0;
      for (const e of entries) {
        if (e.spokenKey !== null) {
          // A spoken form stands for one term: it moves to the new one. The term's bare row is then redundant.
          tx.run('DELETE FROM dictionary WHERE spoken_key = ? AND term <> ?', [e.spokenKey, e.term]);
          tx.run('DELETE FROM dictionary WHERE term = ? AND spoken_key IS NULL', [e.term]);
          written += tx.run('INSERT OR IGNORE INTO dictionary (term, spoken, spoken_key, added_at) VALUES (?, ?, ?, ?)', [e.term, e.spoken, e.spokenKey, now]).changes;
        } else {
          // A bare term where spoken forms exist adds nothing: it is already in the vocabulary.
          written += tx.run('INSERT INTO dictionary (term, spoken, spoken_key, added_at) SELECT ?, NULL, NULL, ? WHERE NOT EXISTS (SELECT 1 FROM dictionary WHERE term = ?)', [e.term, now, e.term]).changes;
        }
      }
      return written;
    });
  }

  async removeTerm(term: string): Promise<number> {
    return (await this.db.run('DELETE FROM dictionary WHERE term = ?', [term])).changes;
  }

  async recordUses(ids: readonly number[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction((tx) => {
      for (const id of ids) tx.run('UPDATE dictionary SET uses = uses + 1, last_used_at = ? WHERE id = ?', [now, id]);
    });
  }

  snippets(): SnippetRow[] {
    return this.snippetsQuery.all().map((r) => ({ id: r.id, name: r.name, nameKey: r.name_key, body: r.body, updatedAt: r.updated_at, uses: r.uses }));
  }

  async saveSnippet(snippet: { name: string; nameKey: string; body: string }, now: number): Promise<void> {
    await this.db.run(
      'INSERT INTO snippets (name, name_key, body, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(name_key) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at',
      [snippet.name, snippet.nameKey, snippet.body, now],
    );
  }

  async removeSnippet(nameKey: string): Promise<number> {
    return (await this.db.run('DELETE FROM snippets WHERE name_key = ?', [nameKey])).changes;
  }

  async recordSnippetUse(id: number, now: number): Promise<void> {
    await this.db.run('UPDATE snippets SET uses = uses + 1, last_used_at = ? WHERE id = ?', [now, id]);
  }
}
