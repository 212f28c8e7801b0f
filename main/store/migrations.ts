// The numbered schema migrations of the one SQLite file (history + FTS5, settings, monitor reports, L3 cache).

export interface Migration {
  /** 1, 2, 3, ...: stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'history with full-text search',
    sql: `
      CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        transcript TEXT NOT NULL,
        intent TEXT,
        language TEXT,
        code TEXT,
        timings_json TEXT,
        cached INTEGER NOT NULL DEFAULT 0,
        cache_tier TEXT,
        error_code TEXT,
        error_message TEXT,
        audio BLOB,
        audio_format TEXT
      );
      CREATE INDEX history_created ON history(created_at DESC);
      CREATE VIRTUAL TABLE history_fts USING fts5(transcript, code, content='history', content_rowid='id', tokenize='unicode61');
      CREATE TRIGGER history_ai AFTER INSERT ON history BEGIN
        INSERT INTO history_fts(rowid, transcript, code) VALUES (new.id, new.transcript, coalesce(new.code, ''));
      END;
      CREATE TRIGGER history_ad AFTER DELETE ON history BEGIN
        INSERT INTO history_fts(history_fts, rowid, transcript, code) VALUES ('delete', old.id, old.transcript, coalesce(old.code, ''));
      END;
      CREATE TRIGGER history_au AFTER UPDATE OF transcript, code ON history BEGIN
        INSERT INTO history_fts(history_fts, rowid, transcript, code) VALUES ('delete', old.id, old.transcript, coalesce(old.code, ''));
        INSERT INTO history_fts(rowid, transcript, code) VALUES (new.id, new.transcript, coalesce(new.code, ''));
      END;`,
  },
  {
    version: 2,
    name: 'settings',
    sql: `CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, json TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
  },
  {
    version: 3,
    name: 'monitor reports',
    sql: `
      CREATE TABLE reports (id INTEGER PRIMARY KEY, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, json TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX reports_period ON reports(period_end DESC);`,
  },
  {
    version: 4,
    name: 'L3 cache entries',
    sql: `
      CREATE TABLE cache_entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, stored_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, size INTEGER NOT NULL);
      CREATE INDEX cache_entries_expiry ON cache_entries(expires_at);`,
  },
  {
    version: 5,
    name: 'history: syntax check outcome and repair',
    // JSON of the contract's CodeCheck (status, language, parsesAs, error positions, repaired, before); NULL when not checked.
    sql: `ALTER TABLE history ADD COLUMN check_json TEXT;`,
  },
  {
    version: 6,
    name: 'history: a cache hit counts a use of the entry it repeats',
    sql: `
      ALTER TABLE history ADD COLUMN uses INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE history ADD COLUMN last_used_at INTEGER;`,
  },
  {
    version: 7,
    name: 'history: an edit keeps the selection before and its replacement after (both redacted)',
    // JSON {before, after, app?}; NULL for requests that wrote new code.
    sql: `ALTER TABLE history ADD COLUMN edit_json TEXT;`,
  },
  {
    version: 8,
    name: 'personal dictionary and snippets',
    // A term has one row per spoken form (or one row with none); a spoken form stands for one term. personal_revision
    // is bumped by every change of terms, spoken forms and snippets (not of use counts), so the app sees a change made
    // by the CLI in another process with one cheap read.
    sql: `
      CREATE TABLE dictionary (id INTEGER PRIMARY KEY, term TEXT NOT NULL, spoken TEXT, spoken_key TEXT, added_at INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0, last_used_at INTEGER);
      CREATE UNIQUE INDEX dictionary_term_spoken ON dictionary(term, ifnull(spoken_key, ''));
      CREATE UNIQUE INDEX dictionary_spoken_key ON dictionary(spoken_key) WHERE spoken_key IS NOT NULL;
      CREATE TABLE snippets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, updated_at INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0, last_used_at INTEGER);
      CREATE TABLE personal_revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
      INSERT INTO personal_revision (id, value) VALUES (1, 0);
      CREATE TRIGGER dictionary_ai AFTER INSERT ON dictionary BEGIN UPDATE personal_revision SET value = value + 1; END;
      CREATE TRIGGER dictionary_ad AFTER DELETE ON dictionary BEGIN UPDATE personal_revision SET value = value + 1; END;
      CREATE TRIGGER dictionary_au AFTER UPDATE OF term, spoken, spoken_key ON dictionary BEGIN UPDATE personal_revision SET value = value + 1; END;
      CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN UPDATE personal_revision SET value = value + 1; END;
      CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN UPDATE personal_revision SET value = value + 1; END;
      CREATE TRIGGER snippets_au AFTER UPDATE OF name, name_key, body ON snippets BEGIN UPDATE personal_revision SET value = value + 1; END;`,
  },
  {
    version: 9,
    name: 'history: re-index the search text only when the transcript or the code changed',
    // The one UPDATE statement names every column (a null parameter keeps its value), so "AFTER UPDATE OF transcript,
    // code" fired on all three updates of a request and re-indexed its code each time (an 8 KB answer: most of the write).
    sql: `
      DROP TRIGGER history_au;
      CREATE TRIGGER history_au AFTER UPDATE OF transcript, code ON history
        WHEN old.transcript IS NOT new.transcript OR old.code IS NOT new.code BEGIN
        INSERT INTO history_fts(history_fts, rowid, transcript, code) VALUES ('delete', old.id, old.transcript, coalesce(old.code, ''));
        INSERT INTO history_fts(rowid, transcript, code) VALUES (new.id, new.transcript, coalesce(new.code, ''));
      END;`,
  },
];
