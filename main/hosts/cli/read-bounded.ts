// Reads a file, a device or stdin as a stream up to a byte limit: /dev/zero or an endless pipe stops at the cap instead of filling memory.
import { createReadStream } from 'node:fs';
import { UsageError } from './args.js';

export interface CapErrors {
  tooLarge(bytesSeen: number): Error;
  unreadable(error: unknown): Error;
}

/** `source` is a path or a file descriptor (0 for stdin); read in 1 MB chunks and abandoned as soon as it passes `maxBytes`. */
export async function readCapped(source: string | number, maxBytes: number, errors: CapErrors, signal?: AbortSignal): Promise<Buffer> {
  const options = { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) };
  const stream = typeof source === 'number' ? createReadStream('', { ...options, fd: source, autoClose: false }) : createReadStream(source, options);
  const chunks: Buffer[] = [];
  let total = 0;
  let over: Error | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        over = errors.tooLarge(total);
        break;
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw errors.unreadable(error);
  } finally {
    stream.destroy();
  }
  if (over) throw over;
  return Buffer.concat(chunks);
}

/** Code given to a request (--code FILE, piped stdin) as UTF-8 text; `what` names it in the message ("--code app.py", "stdin"). */
export async function readBounded(source: string | number, maxBytes: number, what: string): Promise<string> {
  const bytes = await readCapped(source, maxBytes, {
    tooLarge: () => new UsageError(`${what} is over ${Math.round(maxBytes / 1024)} KB: give the part of the code the request is about.`),
    unreadable: (error) => new UsageError(`Cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (bytes.includes(0)) throw new UsageError(`${what} looks like a binary file, not code.`);
  return bytes.toString('utf8');
}
