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
];
