// First-use costs of the streamed REST transport, paid once at start instead of inside a user's first answer.
import { findSourceMap } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The SDK releases its reader when an answer stream ends; Node builds the error a released reader would throw once,
 * lazily, stack trace included. With source maps on (the bench, tsx, a debugging run) formatting that stack parses the
 * SDK's source map: 85 ms on a quiet 2-core machine, 0.5-1 s on a busy one, all at the end of the first answer
 * (measured with --cpu-prof: prepareStackTrace < lazyReadableReleasingError < releaseLock < processStreamResponse).
 * Node's fetch (undici) also sets up its global dispatcher on first use; the SDK triggers that with `new Headers()`.
 */
export function warmStreamingTransport(): void {
  new ReadableStream().getReader().releaseLock();
  new Headers();
}

/**
 * With source maps on (tsx, the bench, a debugging run) the first stack trace that passes through the SDK parses its
 * source map: the first aborted stream (a discarded speculation: the abort's error stack is formatted) spent 47 ms of
 * the user's dictation on it, between the final transcript arriving and being used (measured with --cpu-prof:
 * #parseMap < findSourceMap < prepareStackTrace < discard). Parsed here instead, once, when maps are on; else nothing.
 */
export function warmSdkSourceMap(): void {
  if (!(process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return;
  try {
    findSourceMap(import.meta.resolve('@google/genai'));
  } catch {
    // A bundle without resolvable modules or maps: nothing to warm.
  }
}

/**
 * Node's fetch (undici) compiles its HTTP parser and sets up its connection pool on the first connection: a fresh
 * process's first fetch to a loopback server took 38 ms, the next ones 1-2 ms. A desktop or web app pays that at start,
 * against a throwaway server of its own on 127.0.0.1 that streams two events back (nothing leaves the machine), instead
 * of inside the user's first answer. Bounded in time; a failure only means the first answer pays it after all.
 */
export async function warmHttpClient(timeoutMs = 2_000): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"warm":1}\r\n\r\n');
    res.end('data: {"warm":2}\r\n\r\n');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
    const reader = res.body?.getReader();
    if (reader) while (!(await reader.read()).done);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
