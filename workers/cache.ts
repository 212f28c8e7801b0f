// Piscina tasks of the cache: compress/decompress values off the main thread, prune expired L3 rows, export/import the L3 cache.
import BetterSqlite3 from 'better-sqlite3';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Piscina } from 'piscina';
import { compressSync, decompressSync } from '../main/cache/compression.js';
import type { CompressionAlgorithm } from '../main/cache/envelope.js';

export interface CodecTask {
  algorithm: CompressionAlgorithm;
  data: Uint8Array;
}

export interface DbTask {
  /** The SQLite file; the worker opens its own connection (one per task, closed after it). */
  file: string;
  nativeBinding?: string;
  now: number;
}

/** A view that owns its whole ArrayBuffer can be moved; anything else is copied first. */
function movable(view: Uint8Array): Uint8Array {
  const owned = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : new Uint8Array(view);
  return Piscina.move(owned) as Uint8Array;
}

function open(task: DbTask): BetterSqlite3.Database {
  // A worker may block: let the driver wait out the main writer instead of failing the task.
  const db = new BetterSqlite3(task.file, { timeout: 5_000, fileMustExist: true, ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}) });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

export function compress(task: CodecTask): Uint8Array {
  return movable(compressSync(task.algorithm, task.data));
}

export function decompress(task: CodecTask): Uint8Array {
  return movable(decompressSync(task.algorithm, task.data));
}

/** Deletes expired L3 rows, in slices so the main writer is never locked out for long. */
export function prune(task: DbTask & { batch?: number }): { deleted: number } {
  const db = open(task);
  try {
    const del = db.prepare(`DELETE FROM cache_entries WHERE rowid IN (SELECT rowid FROM cache_entries WHERE expires_at <= ? LIMIT ?)`);
    let deleted = 0;
    // Bounded: at most 10,000 slices per run; anything left waits for the next run.
    for (let i = 0; i < 10_000; i++) {
      const changes = del.run(task.now, task.batch ?? 500).changes;
      deleted += changes;
      if (changes === 0) break;
    }
    return { deleted };
  } finally {
    db.close();
  }
}

export interface CheckpointResult {
  /** Frames in the WAL, frames copied into the database file, and whether a reader or writer kept some back. */
  log: number;
  checkpointed: number;
  busy: number;
}

/** A passive WAL checkpoint on this worker's own connection: its copying and fsync happen here, not on the app's main thread. */
export function checkpoint(task: DbTask): CheckpointResult {
  const db = open(task);
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    return row ?? { log: 0, checkpointed: 0, busy: 0 };
  } finally {
    db.close();
  }
}

interface ExportLine {
  key: string;
  value: string;
  storedAt: number;
  expiresAt: number;
}

/** Writes the live L3 entries as JSON lines (value base64) to `target`. */
export async function exportCache(task: DbTask & { target: string }): Promise<{ entries: number }> {
  const db = open(task);
  const out = createWriteStream(task.target, { encoding: 'utf8' });
  let entries = 0;
  try {
    const rows = db.prepare(`SELECT key, value, stored_at, expires_at FROM cache_entries WHERE expires_at > ?`).iterate(task.now);
    for (const row of rows as Iterable<{ key: string; value: Buffer; stored_at: number; expires_at: number }>) {
      const line: ExportLine = { key: row.key, value: row.value.toString('base64'), storedAt: row.stored_at, expiresAt: row.expires_at };
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
      entries++;
    }
  } finally {
    db.close();
    out.end();
    await once(out, 'close');
  }
  return { entries };
}

/** Reads a file written by exportCache; expired and malformed lines are skipped. */
export async function importCache(task: DbTask & { source: string }): Promise<{ imported: number; skipped: number }> {
  const db = open(task);
  let imported = 0;
  let skipped = 0;
  try {
    const upsert = db.prepare(
      `INSERT INTO cache_entries (key, value, stored_at, expires_at, size) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at, expires_at = excluded.expires_at, size = excluded.size`,
    );
    const insertMany = db.transaction((lines: ExportLine[]) => {
      for (const l of lines) {
        const value = Buffer.from(l.value, 'base64');
        upsert.run(l.key, value, l.storedAt, l.expiresAt, value.length);
      }
    });
    let pending: ExportLine[] = [];
    for await (const text of createInterface({ input: createReadStream(task.source, 'utf8'), crlfDelay: Infinity })) {
      if (!text.trim()) continue;
      try {
        const line = JSON.parse(text) as ExportLine;
        if (typeof line.key !== 'string' || typeof line.value !== 'string' || !(line.expiresAt > task.now)) {
          skipped++;
          continue;
        }
        pending.push(line);
      } catch {
        skipped++;
        continue;
      }
      if (pending.length >= 500) {
        insertMany(pending);
        imported += pending.length;
        pending = [];
      }
    }
    insertMany(pending);
    imported += pending.length;
  } finally {
    db.close();
  }
  return { imported, skipped };
}
