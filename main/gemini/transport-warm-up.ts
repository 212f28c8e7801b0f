// First-use costs of the streamed REST transport, paid once at start instead of inside a user's first answer.
import { findSourceMap } from 'node:module';

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
