// The SQLite store against a real file: migrations, corruption at start, BUSY retry, errors that must not retry, disk full, query cache.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { CHECKPOINT_EVERY_WRITES, Database, type CorruptionReport } from '../../main/store/database.js';
import { MIGRATIONS } from '../../main/store/migrations.js';

let dir: string;
let file: string;
const open: Database[] = [];

function openDb(extra: Partial<Parameters<typeof Database.open>[0]> = {}): Database {
  const db = Database.open({ file, logger: silentLogger, busyBaseDelayMs: 5, busyMaxDelayMs: 40, ...extra });
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-store-'));
  file = join(dir, 'voice-codegen.db');
});

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the database', () => {
  it('creates the file in WAL mode with every migration applied, and reopening applies nothing twice', () => {
    const db = openDb();
    expect(db.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(db.corruption).toBeUndefined();
    db.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(openDb().schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
  });

  it('moves a corrupt file aside with a timestamp, starts fresh and tells the caller', () => {
    writeFileSync(file, Buffer.alloc(8192, 'this is not a sqlite database '));
    const reports: CorruptionReport[] = [];
    const db = openDb({ onCorrupt: (r) => reports.push(r) });
    expect(reports).toHaveLength(1);
    expect(db.corruption).toEqual(reports[0]);
    expect(reports[0]?.movedTo).toMatch(/voice-codegen\.db\.corrupt-\d{4}-\d\d-\d\dT/);
    // Nothing silently deleted: the damaged bytes are still there, beside the fresh file.
    expect(existsSync(reports[0]?.movedTo ?? '')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length).toBeGreaterThanOrEqual(1);
    expect(db.schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM history')?.n).toBe(0);
  });

  it('detects damaged pages inside an otherwise valid file', () => {
    const db = openDb();
    db.close();
    open.pop();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE filler (x BLOB)');
    const insert = raw.prepare('INSERT INTO filler VALUES (randomblob(3000))');
    for (let i = 0; i < 200; i++) insert.run();
    raw.close();
    // Overwrite a run of pages in the middle of the b-tree with garbage.
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 20, 4096 * 40);
    writeFileSync(file, bytes);
    const reports: CorruptionReport[] = [];
    openDb({ onCorrupt: (r) => reports.push(r) });
    expect(reports).toHaveLength(1);
  });
});

describe('writes', () => {
  it('retries SQLITE_BUSY with backoff while another connection holds the write lock, then succeeds', async () => {
    const db = openDb();
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    const write = db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, 1, '{}', 0)`);
    // Let a few attempts fail, then release the lock.
    await new Promise((r) => setTimeout(r, 30));
    other.exec('COMMIT');
    other.close();
    await expect(write).resolves.toMatchObject({ changes: 1 });
    expect(db.stats().busyRetries).toBeGreaterThan(0);
  });

  it('gives up after the configured retries with a retryable STORAGE error', async () => {
    const db = openDb({ busyRetries: 2 });
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await db.run(`DELETE FROM settings`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'STORAGE', retryable: true, details: { attempts: 3 } });
      expect(db.stats().busyRetries).toBe(2);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('never retries a syntax error', async () => {
    const db = openDb();
    const error = await db.run('INSERT INTO history VALUES (').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORAGE', retryable: false });
    expect(db.stats().busyRetries).toBe(0);
  });

  it('never retries a constraint violation', async () => {
    const db = openDb();
    await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, 1, '{}', 0)`);
    const error = await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, 1, '{}', 0)`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORAGE', retryable: false, details: { sqliteCode: 'SQLITE_CONSTRAINT_PRIMARYKEY', attempts: 1 } });
    expect(db.stats().busyRetries).toBe(0);
  });

  it('reports a full disk as DISK_FULL with a message the user can act on', async () => {
    // A size cap makes SQLite answer SQLITE_FULL exactly as a full disk does, without filling one.
    const db = openDb({ maxSizeBytes: 256 * 1024 });
    const big = 'x'.repeat(512 * 1024);
    const error = await db.run(`INSERT INTO reports (period_start, period_end, json, created_at) VALUES (0, 0, ?, 0)`, [big]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DISK_FULL', retryable: false });
    expect((error as Error).message).toMatch(/disk .* is full.*Free some disk space/);
  });

  it('runs a batch in one transaction: a failing statement leaves nothing behind', async () => {
    const db = openDb();
    const insert = `INSERT INTO reports (period_start, period_end, json, created_at) VALUES (?, ?, '{}', 0)`;
    await db.batch([{ sql: insert, params: [1, 2] }, { sql: insert, params: [3, 4] }]);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM reports')?.n).toBe(2);
    await expect(db.batch([{ sql: insert, params: [5, 6] }, { sql: 'INSERT INTO nope VALUES (1)' }])).rejects.toMatchObject({ code: 'STORAGE' });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM reports')?.n).toBe(2);
  });
});

describe('reads', () => {
  it('serves hot SELECTs from the query cache until a write touches their table', async () => {
    const db = openDb();
    const q = db.prepareRead<{ json: string }>('SELECT json FROM settings WHERE id = 1', { cacheTables: ['settings'] });
    await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, 1, '"a"', 0)`);
    expect(q.get()?.json).toBe('"a"');
    expect(q.get()?.json).toBe('"a"');
    expect(db.stats().queryCacheHits).toBe(1);
    await db.run(`UPDATE settings SET json = '"b"' WHERE id = 1`);
    expect(q.get()?.json).toBe('"b"');
    // A write to another table leaves the cached row alone.
    await db.run(`INSERT INTO reports (period_start, period_end, json, created_at) VALUES (0, 0, '{}', 0)`);
    q.get();
    expect(db.stats().queryCacheHits).toBe(2);
    // Memory pressure drops cached results; the next read goes to SQLite again.
    db.dropQueryCache();
    q.get();
    expect(db.stats().queryCacheHits).toBe(2);
  });

  it('keeps answering reads on another connection while one reader is busy iterating', () => {
    const db = openDb({ readConnections: 2 });
    const q = db.prepareRead<{ n: number }>('SELECT count(*) AS n FROM history');
    const it = db.iterate<{ v: number }>('WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 3) SELECT v FROM s');
    const rows: number[] = [];
    for (const row of it) {
      rows.push(row.v);
      expect(db.stats().readersActive.filter((n) => n > 0)).toHaveLength(1);
      expect(q.get()?.n).toBe(0);
    }
    expect(rows).toEqual([1, 2, 3]);
    expect(db.stats().readersActive).toEqual([0, 0]);
  });

  it('sees committed writes from the read-only connections', async () => {
    const db = openDb({ readConnections: 3 });
    await db.run(`INSERT INTO reports (period_start, period_end, json, created_at) VALUES (0, 0, '{}', 0)`);
    for (let i = 0; i < 3; i++) expect(db.get<{ n: number }>('SELECT count(*) AS n FROM reports')?.n).toBe(1);
  });
});

describe('WAL checkpoints off the main thread', () => {
  /** The WAL file's size in pages (it grows until a checkpoint lets SQLite write from its start again). */
  const walPages = (): number => statSync(`${file}-wal`).size / 4096;

  it('turns SQLite\'s automatic checkpoint off and asks the checkpointer once per CHECKPOINT_EVERY_WRITES writes, one at a time', async () => {
    const db = openDb();
    let calls = 0;
    let finish: (() => void) | undefined;
    db.useCheckpointer(() => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await db.run('CREATE TABLE t (v TEXT)');
    // Past SQLite's own 1,000-page threshold: nothing was checkpointed on this thread.
    for (let i = 0; i < 3 * CHECKPOINT_EVERY_WRITES; i++) await db.run('INSERT INTO t (v) VALUES (?)', ['x'.repeat(16_000)]);
    expect(calls).toBe(1);
    expect(walPages()).toBeGreaterThan(1_000);
    finish?.();
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < CHECKPOINT_EVERY_WRITES; i++) await db.run('INSERT INTO t (v) VALUES (?)', ['y']);
    expect(calls).toBe(2);
  });

  it('after three failures in a row the automatic checkpoint comes back, so the WAL cannot grow without bound', async () => {
    const db = openDb();
    let calls = 0;
    db.useCheckpointer(() => {
      calls++;
      return Promise.reject(new Error('worker gone'));
    });
    await db.run('CREATE TABLE t (v TEXT)');
    for (let i = 0; i < 10 * CHECKPOINT_EVERY_WRITES; i++) {
      await db.run('INSERT INTO t (v) VALUES (?)', ['x'.repeat(16_000)]);
      if (i % CHECKPOINT_EVERY_WRITES === 0) await new Promise((r) => setImmediate(r));
    }
    expect(calls).toBe(3);
    // SQLite checkpoints again itself: the WAL stays near its 1,000-page threshold instead of holding all 1,000 rows (about 4,400 pages).
    expect(walPages()).toBeLessThan(3_000);
  });
});

