// First-use costs of the streamed REST transport, paid once at start instead of inside a user's first answer.
import { findSourceMap } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeGenerator } from './code-generator.js';
import type { GeminiModels } from '../config/schema.js';

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

/** What the throwaway server streams for a generate call: Google's SSE framing, three events, the last with finishReason. */
const WARM_ANSWER_EVENTS = [
  { candidates: [{ content: { parts: [{ text: '```ts\n' }], role: 'model' }, index: 0 }], modelVersion: 'warm-up', responseId: 'warm-up' },
  { candidates: [{ content: { parts: [{ text: 'export const warm = 1;\n' }], role: 'model' }, index: 0 }], modelVersion: 'warm-up', responseId: 'warm-up' },
  {
    candidates: [{ content: { parts: [{ text: '```\n' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 3, totalTokenCount: 4 },
    modelVersion: 'warm-up',
    responseId: 'warm-up',
  },
];

export interface HttpWarmUpOptions {
  timeoutMs?: number;
  /**
   * Streams answers from `baseUrl` the way the app does (the SDK, the app's own generator), with a throwaway key.
   * The throwaway server answers every POST with a short Gemini-shaped SSE stream.
   */
  stream?: (baseUrl: string, signal: AbortSignal) => Promise<void>;
}

/**
 * Node's fetch (undici) compiles its HTTP parser and sets up its connection pool on the first connection: a fresh
 * process's first fetch to a loopback server took 38 ms, the next ones 1-2 ms. The SDK's streamed answer (its request
 * building, SSE parsing, response classes) and the app's generator are compiled on their first answers too: a fresh
 * web host's first three typed answers had 45-55 ms of overhead against 5 at the median. A desktop or web app pays that
 * at start, against a throwaway server of its own on 127.0.0.1 (nothing leaves the machine, no real key is sent),
 * instead of inside the user's first answers. Bounded in time; a failure only means the first answer pays it after all.
 */
export async function warmHttpClient(options: HttpWarmUpOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (req.method !== 'POST') {
      res.write('data: {"warm":1}\r\n\r\n');
      res.end('data: {"warm":2}\r\n\r\n');
      return;
    }
    for (const event of WARM_ANSWER_EVENTS.slice(0, -1)) res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
    res.end(`data: ${JSON.stringify(WARM_ANSWER_EVENTS.at(-1))}\r\n\r\n`);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal });
    const reader = res.body?.getReader();
    if (reader) while (!(await reader.read()).done);
    if (options.stream) await options.stream(`http://127.0.0.1:${port}`, signal);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * The `stream` of warmHttpClient for the app: its own generator (the SDK's streamed call, the chunk handling) with the
 * app's models and output settings, a throwaway key and no retry, `rounds` times (V8 optimises a function only after
 * it has run a few times). Measured on a fresh web host, three typed requests at once 1 s after start: they reached
 * the simulator 33-40 ms after they began without it, 15-22 ms with it (later requests: 5-8 ms).
 */
export function streamLikeTheApp(settings: { models: GeminiModels; temperature: number; maxOutputTokens: number }, rounds = 8): (baseUrl: string, signal: AbortSignal) => Promise<void> {
  return async (baseUrl, signal) => {
    const generator = new CodeGenerator({
      endpoint: { name: 'warm-up', apiKey: 'warm-up', baseUrl, models: settings.models },
      temperature: settings.temperature,
      maxOutputTokens: settings.maxOutputTokens,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    for (let i = 0; i < rounds; i++) {
      for await (const chunk of generator.generate({ systemInstruction: 'warm-up', prompt: `warm-up ${i}`, signal })) void chunk;
    }
  };
}
