// Classifies better-sqlite3 errors: which ones are worth retrying, and how each becomes an AppError a user can act on.
import { AppError } from '../core/errors.js';

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** BUSY and LOCKED mean another connection holds the lock: the same statement may succeed shortly. */
export function isBusyError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The file is not a database or its pages are damaged: the cure is a fresh file, not a retry. */
export function isCorruptionError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * Maps a driver error to an AppError. Syntax, constraint and schema errors are programming or data
 * errors: retrying cannot help, so they are never marked retryable.
 */
export function toStorageError(error: unknown, context: { file: string; attempts?: number }): AppError {
  if (error instanceof AppError) return error;
  const code = sqliteCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const details = { sqliteCode: code, file: context.file, attempts: context.attempts };
  // SQLite's unix VFS reports ENOSPC as SQLITE_FULL (other write failures stay IOERR: not "disk full").
  if (code === 'SQLITE_FULL') {
    return new AppError(
      'DISK_FULL',
      `The disk holding ${context.file} is full, so Voice CodeGen could not save history or cache. Free some disk space and try again.`,
      { cause: error, retryable: false, details },
    );
  }
  if (isBusyError(error)) {
    return new AppError('STORAGE', `The database is busy (another program or worker holds its lock) after ${context.attempts ?? 1} attempts: ${detail}`, {
      cause: error,
      retryable: true,
      details,
    });
  }
  return new AppError('STORAGE', `Database error: ${detail}`, { cause: error, retryable: false, details });
}
