// CodeGenerator and FileTranscriber against the simulator through the real SDK: streaming, cancel, faults, retry.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodeGenerator } from '../../main/gemini/code-generator.js';
import { FileTranscriber } from '../../main/gemini/file-transcriber.js';
import type { GenerationChunk } from '../../main/gemini/types.js';
import type { Fault, GeminiSimulator } from '../../main/gemini-sim/index.js';
import { freePort } from '../support/net.js';
import { simulatorEndpoint, startSimulator, TEST_RETRY, rejectionOf } from '../support/simulator.js';
import { speechWav } from '../support/speech.js';

let sim: GeminiSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.clearFaults();
  sim.setCodeAnswer(null);
  sim.setScripts([]);
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
});

function generator(overrides: { maxOutputTokens?: number; maxAttempts?: number } = {}): CodeGenerator {
  return new CodeGenerator({
    endpoint: simulatorEndpoint(sim),
    temperature: 0.2,
    maxOutputTokens: overrides.maxOutputTokens ?? 2048,
    retry: { ...TEST_RETRY, maxAttempts: overrides.maxAttempts ?? TEST_RETRY.maxAttempts },
  });
}

const REQUEST = { systemInstruction: 'You write code. Language: python', prompt: 'Request: write a function that sorts users by age' };

async function collect(gen: CodeGenerator, signal?: AbortSignal): Promise<GenerationChunk[]> {
  const chunks: GenerationChunk[] = [];
  for await (const chunk of gen.generate({ ...REQUEST, signal: signal ?? AbortSignal.timeout(10_000) })) chunks.push(chunk);
  return chunks;
}


describe('CodeGenerator', () => {
  it('streams a code answer in several chunks, then done with STOP, usage and the responseId', async () => {
    const chunks = await collect(generator());
    const texts = chunks.filter((c) => c.type === 'text');
    const done = chunks.at(-1);
    expect(texts.length).toBeGreaterThan(2);
    const text = texts.map((c) => (c.type === 'text' ? c.text : '')).join('');
    expect(text).toMatch(/^Here is a python implementation[\s\S]*```python\n[\s\S]*def \w+\([\s\S]*```\n$/);
    expect(done).toMatchObject({ type: 'done', finishReason: 'STOP', usage: { model: 'gemini-3.5-flash' } });
    const request = sim.stats().rest.requests[0];
    expect(done?.type === 'done' && done.responseId).toBe(request?.responseId);
    expect(request?.cancelled).toBe(false);
    // The simulator's own time per request, which benchmarks subtract from what the client measured.
    expect(request?.serverMs).toBeGreaterThanOrEqual(0);
    expect(request?.lastByteAt).toBeGreaterThanOrEqual(request?.receivedAt ?? Infinity);
    expect(sim.stats().rest.streamsCompleted).toBe(1);
  });

  it('asks for the least thinking on every call (MINIMAL on a Gemini 3 Flash model), so no thinking tokens are billed', async () => {
    await collect(generator());
    await collect(generator());
    const requests = sim.stats().rest.requests;
    expect(requests).toHaveLength(2);
    for (const r of requests) expect(r).toMatchObject({ kind: 'streamGenerateContent', thinkingLevel: 'MINIMAL', thinkingBudget: null, thoughtsTokens: 0, maxOutputTokens: 2048 });
  });

  it('cancels the HTTP stream when the signal aborts, and the simulator sees it cancelled', async () => {
    sim.setProfile('realistic');
    try {
      const controller = new AbortController();
      const chunks: GenerationChunk[] = [];
      const run = (async () => {
        for await (const chunk of generator().generate({ ...REQUEST, signal: controller.signal })) {
          chunks.push(chunk);
          controller.abort();
        }
      })();
      expect((await rejectionOf(run)).code).toBe('CANCELLED');
      expect(chunks).toHaveLength(1);
      await expect.poll(() => sim.stats().rest.streamsCancelled).toBe(1);
      expect(sim.stats().rest.requests[0]?.cancelled).toBe(true);
    } finally {
      sim.setProfile('instant');
    }
  });

  it('cancels the stream when the caller stops reading early', async () => {
    sim.setProfile('realistic');
    try {
      for await (const chunk of generator().generate({ ...REQUEST, signal: AbortSignal.timeout(10_000) })) {
        expect(chunk.type).toBe('text');
        break;
      }
      await expect.poll(() => sim.stats().rest.requests[0]?.cancelled).toBe(true);
    } finally {
      sim.setProfile('instant');
    }
  });

  it.each(['MAX_TOKENS', 'SAFETY', 'RECITATION'] as const)('ends with a %s done chunk, never a STOP', async (reason) => {
    sim.injectFault({ kind: 'finish-reason', reason });
    const done = (await collect(generator())).at(-1);
    expect(done).toMatchObject({ type: 'done', finishReason: reason });
  });

  it('reports MAX_TOKENS when the answer outgrows maxOutputTokens', async () => {
    const done = (await collect(generator({ maxOutputTokens: 20 }))).at(-1);
    expect(done).toMatchObject({ type: 'done', finishReason: 'MAX_TOKENS' });
  });

  const httpCases: Array<[Fault & { kind: 'http-error' }, string, number]> = [
    [{ kind: 'http-error', status: 400 }, 'BAD_REQUEST', 1],
    [{ kind: 'http-error', status: 403 }, 'INVALID_KEY', 1],
    [{ kind: 'http-error', status: 404 }, 'BAD_REQUEST', 1],
    [{ kind: 'http-error', status: 429, retryDelaySeconds: 60, count: 3 }, 'QUOTA', 1],
    [{ kind: 'http-error', status: 500, count: 3 }, 'UNAVAILABLE', 3],
    [{ kind: 'http-error', status: 503, count: 3 }, 'UNAVAILABLE', 3],
    [{ kind: 'http-error', status: 504, count: 3 }, 'TIMEOUT', 3],
  ];
  it.each(httpCases)('maps %o to %s after %i request(s)', async (fault, code, requests) => {
    sim.injectFault(fault);
    const error = await rejectionOf(collect(generator()));
    expect(error.code).toBe(code);
    expect(sim.stats().rest.requestsByModel['gemini-3.5-flash']).toBe(requests);
    if (code === 'QUOTA') expect(error.retryAfterMs).toBe(60_000);
  });

  it('maps a bad key to INVALID_KEY without retrying', async () => {
    const gen = new CodeGenerator({ endpoint: simulatorEndpoint(sim, { apiKey: 'nope' }), temperature: 0.2, maxOutputTokens: 256, retry: TEST_RETRY });
    expect((await rejectionOf(collect(gen))).code).toBe('INVALID_KEY');
    expect(sim.stats().rest.requests).toHaveLength(1);
  });

  it('retries a 429 after the delay its RetryInfo names, then succeeds', async () => {
    sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 1 });
    const done = (await collect(generator())).at(-1);
    expect(done).toMatchObject({ type: 'done', finishReason: 'STOP' });
    const [first, second] = sim.stats().rest.requests;
    expect(first?.status).toBe(429);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('maps an SSE stream cut mid-event to NETWORK, and does not retry once text was shown', async () => {
    sim.injectFault({ kind: 'sse-cut' });
    const chunks: GenerationChunk[] = [];
    const run = (async () => {
      for await (const c of generator().generate({ ...REQUEST, signal: AbortSignal.timeout(10_000) })) chunks.push(c);
    })();
    expect((await rejectionOf(run)).code).toBe('NETWORK');
    expect(chunks.length).toBeGreaterThan(0);
    expect(sim.stats().rest.requests).toHaveLength(1);
  });

  it('maps a dropped socket and an error event inside the stream', async () => {
    sim.injectFault({ kind: 'sse-cut', mode: 'socket' });
    expect((await rejectionOf(collect(generator()))).code).toBe('NETWORK');
    expect(sim.stats().rest.requests).toHaveLength(1);
    sim.injectFault({ kind: 'stream-error-event', status: 503 });
    expect((await rejectionOf(collect(generator()))).code).toBe('UNAVAILABLE');
  });

  it('maps an unreachable endpoint to NETWORK after its retries', async () => {
    const port = await freePort();
    const gen = new CodeGenerator({ endpoint: simulatorEndpoint(sim, { baseUrl: `http://127.0.0.1:${port}` }), temperature: 0.2, maxOutputTokens: 256, retry: TEST_RETRY });
    expect((await rejectionOf(collect(gen))).code).toBe('NETWORK');
  });

  it('sends a thinking-only model its smallest budget, which Google accepts (budget 0 would be a 400)', async () => {
    const gen = new CodeGenerator({
      endpoint: simulatorEndpoint(sim, { models: { ...simulatorEndpoint(sim).models, codegen: 'gemini-2.5-pro' } }),
      temperature: 0.2,
      maxOutputTokens: 2048,
      retry: TEST_RETRY,
    });
    expect((await collect(gen)).at(-1)).toMatchObject({ type: 'done', finishReason: 'STOP' });
    expect(sim.stats().rest.requests[0]).toMatchObject({ status: 200, thinkingBudget: 128, thinkingLevel: null });
  });

  it('still answers after an injected delay', async () => {
    sim.injectFault({ kind: 'delay', ms: 50 });
    expect((await collect(generator())).at(-1)).toMatchObject({ finishReason: 'STOP' });
  });

  it('answers with a custom code answer', async () => {
    sim.setCodeAnswer(({ prompt }) => `echo: ${prompt}`);
    const text = (await collect(generator())).flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('');
    expect(text).toBe(`echo: ${REQUEST.prompt}`);
  });
});

describe('FileTranscriber', () => {
  it('transcribes a recorded WAV by REST from the same scripts', async () => {
    sim.setScripts([{ toneHz: 1300, final: 'open the settings file' }]);
    const wav = readFileSync(speechWav('open the settings file', { rate: 16000, toneHz: 1300 }));
    const transcriber = new FileTranscriber({ endpoint: simulatorEndpoint(sim), retry: TEST_RETRY });
    const result = await transcriber.transcribe({ audio: wav, mimeType: 'audio/wav', signal: AbortSignal.timeout(10_000) });
    expect(result.text).toBe('open the settings file');
    expect(sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBe(1);
  });

  it('transcribes an Ogg/Opus recording (the compressed Live fallback) from the same scripts', async () => {
    sim.setScripts([{ toneHz: 1700, final: 'close the database connection' }]);
    const wav = speechWav('close the database connection', { rate: 48000, toneHz: 1700 });
    const opus = `${wav}.opus`;
    if (!existsSync(opus)) execFileSync('opusenc', ['--quiet', wav, opus]);
    const transcriber = new FileTranscriber({ endpoint: simulatorEndpoint(sim), retry: TEST_RETRY });
    const result = await transcriber.transcribe({ audio: readFileSync(opus), mimeType: 'audio/ogg', signal: AbortSignal.timeout(10_000) });
    expect(result.text).toBe('close the database connection');
  });

  it('refuses a non-audio mime type before calling Gemini, and honours its AbortSignal', async () => {
    const transcriber = new FileTranscriber({ endpoint: simulatorEndpoint(sim), retry: TEST_RETRY });
    expect((await rejectionOf(transcriber.transcribe({ audio: new Uint8Array(10), mimeType: 'text/plain' }))).code).toBe('BAD_AUDIO');
    expect((await rejectionOf(transcriber.transcribe({ audio: new Uint8Array(10), mimeType: 'audio/wav', signal: AbortSignal.abort() }))).code).toBe('CANCELLED');
    expect(sim.stats().rest.requests).toHaveLength(0);
  });
});
