// First-use costs of the streamed REST transport, paid once at start instead of inside a user's first answer.

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
