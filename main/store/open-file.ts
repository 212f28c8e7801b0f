// Opens the SQLite file for writing after an integrity check; a damaged file is moved aside (never deleted) and a fresh one created.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { isCorruptionError, toStorageError } from './sqlite-errors.js';

/** What the UI shows when the store had to start over: where the old file went and why. */
export interface CorruptionReport {
  file: string;
  movedTo: string;
  reason: string;
  at: number;
}

export interface OpenFileOptions {
  file: string;
  nativeBinding?: string;
  logger: Logger;
  now: () => number;
}

function openWriter(file: string, nativeBinding: string | undefined): BetterSqlite3.Database {
  // timeout 0: a locked database surfaces as SQLITE_BUSY at once, and Database retries it
  // asynchronously with backoff instead of blocking the event loop in the driver's busy handler.
  const db = new BetterSqlite3(file, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // quick_check reads every page but skips the index cross-check of integrity_check: enough to
    // catch a torn or overwritten file at start without a long wait on a big history.
    const rows = db.pragma('quick_check') as Array<Record<string, unknown>>;
    const verdict = rows.map((r) => String(Object.values(r)[0])).join('; ');
    if (verdict !== 'ok') throw Object.assign(new Error(`integrity check failed: ${verdict}`), { code: 'SQLITE_CORRUPT' });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const movedTo = `${file}.corrupt-${stamp}`;
  renameSync(file, movedTo);
  // The WAL and shared-memory files belong to the damaged database: keep them beside it.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

/** Opens (creating if needed) the writer connection; returns the report when a corrupt file was replaced. */
export function openCheckedFile(options: OpenFileOptions): { db: BetterSqlite3.Database; corruption: CorruptionReport | undefined } {
  const { file, nativeBinding, logger } = options;
  mkdirSync(dirname(file), { recursive: true });
  try {
    return { db: openWriter(file, nativeBinding), corruption: undefined };
  } catch (error) {
    if (!isCorruptionError(error)) throw toStorageError(error, { file });
    const at = options.now();
    let movedTo: string;
    try {
      movedTo = moveAside(file, at);
    } catch (moveError) {
      throw new AppError('STORAGE', `The database ${file} is damaged and could not be moved aside. Move or delete it by hand, then start again.`, {
        cause: moveError,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ file, movedTo, reason }, 'database was damaged: moved aside, starting with a fresh one');
    return { db: openWriter(file, nativeBinding), corruption: { file, movedTo, reason, at } };
  }
}
