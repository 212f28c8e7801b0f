// Reads a file or stdin as UTF-8 up to a byte limit, as a stream: /dev/zero or a huge pipe stops at the cap instead of filling memory.
import { createReadStream } from 'node:fs';
import { UsageError } from './args.js';

/** `source` is a path or a file descriptor (0 for stdin); `what` names it in the message ("--code app.py", "stdin"). */
export async function readBounded(source: string | number, maxBytes: number, what: string): Promise<string> {
  const stream = typeof source === 'number' ? createReadStream('', { fd: source, autoClose: false }) : createReadStream(source);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new UsageError(`${what} is over ${Math.round(maxBytes / 1024)} KB: give the part of the code the request is about.`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new UsageError(`${what} looks like a binary file, not code.`);
  return bytes.toString('utf8');
}
