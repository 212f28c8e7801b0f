// Reads the CLI's --audio file as a stream with a size cap, so a device or pipe without end (/dev/zero) cannot exhaust memory.
import { stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.js';
import { readCapped } from './read-bounded.js';

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

function tooLarge(path: string, maxBytes: number, seen: number): AppError {
  return new AppError('INPUT_TOO_LARGE', `${path} is larger than ${mb(maxBytes)}, the most a recording can be. Give a shorter WAV recording.`, {
    details: { path, maxBytes, bytesRead: seen },
  });
}

/**
 * The file's bytes, at most `maxBytes`: a regular file larger than that is refused before reading, anything else
 * (a device, a FIFO, a file still growing) is read in 1 MB chunks and abandoned as soon as it passes the cap.
 */
export async function readAudioFile(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const unreadable = (error: unknown): AppError =>
    new AppError('BAD_AUDIO', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  if (info.isFile() && info.size > maxBytes) throw tooLarge(path, maxBytes, info.size);
  const bytes = await readCapped(path, maxBytes, { tooLarge: (seen) => tooLarge(path, maxBytes, seen), unreadable }, signal);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
