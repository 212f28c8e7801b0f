// Opens the SQLite file for writing after an integrity check; a damaged file is moved aside (never deleted) and a fresh one created.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
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

/**
 * The database holds history, transcripts and code: readable by the user only. SQLite gives its -wal and -shm files
 * the main file's mode, so creating the main file 0600 before SQLite does covers all three (POSIX only).
 */
function makePrivate(file: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

function openWriter(file: string, nativeBinding: string | undefined): BetterSqlite3.Database {
  makePrivate(file);
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
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
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
