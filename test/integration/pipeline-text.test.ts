// The pipeline from the transcript stage on, with the real SDK against the simulator and a real SQLite file.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';

describe('typed requests through the pipeline', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ settings: { intent: { timeoutMs: 150, assistBelowConfidence: 0.45 } } });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
  });

  it('answers a miss with events in order, streams the code, and saves it in history', async () => {
    const log = eventLog();
    const result = await h.app.runText({ text: 'write a debounce function in typescript' }, log.sink);
    const types = log.types();
    expect(types[0]).toBe('transcript.final');
    expect(types[1]).toBe('intent');
    expect(types.filter((t) => t === 'code.chunk').length).toBeGreaterThan(1);
    expect(types.slice(-2)).toEqual(['result', 'timings']);
    expect(result.complete).toBe(true);
    expect(result.cached).toBeNull();
    expect(result.language).toBe('typescript');
    expect(result.code).toMatch(/debounce/i);
    expect(result.code).not.toContain('```');
    const intentEvent = log.events[1];
    expect(intentEvent).toMatchObject({ type: 'intent', intent: 'generate_function' });
    expect(h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent')).toHaveLength(1);
    const entry = await call(h, 'history.get', { id: result.historyId });
    expect(entry).toMatchObject({ transcript: 'write a debounce function in typescript', intent: 'generate_function', language: 'typescript', code: result.code, errorCode: null });
    expect((entry as { timings: { total: number } }).timings.total).toBeGreaterThan(0);
  });

  it('answers the same request again from the cache without calling Gemini', async () => {
    await h.app.runText({ text: 'write a throttle function in python' }, () => undefined);
    h.sim.resetStats();
    const log = eventLog();
    const again = await h.app.runText({ text: 'Write a throttle function in Python.' }, log.sink);
    expect(again.cached).toMatchObject({ tier: 'l1' });
    expect(again.complete).toBe(true);
    expect(h.sim.stats().rest.requests).toHaveLength(0);
    expect(log.types()).not.toContain('code.chunk');
  });

  it('cancelling mid-stream closes the stream at the server', async () => {
    h.sim.setCodeAnswer(`Here it is.\n\n\`\`\`typescript\n${'export const x = 1;\n'.repeat(400)}\`\`\`\n`);
    const controller = new AbortController();
    let chunks = 0;
    const run = h.app.runText({ text: 'write a big lookup table in typescript', noCache: true }, (e) => {
      if (e.type === 'code.chunk' && ++chunks === 2) controller.abort();
    }, controller.signal);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    h.sim.setCodeAnswer(null);
    await expect.poll(() => h.sim.stats().rest.streamsCancelled, { timeout: 5000 }).toBe(1);
  });

  it('falls back to generic when the model-assisted intent takes longer than the timeout', async () => {
    h.sim.injectFault({ kind: 'delay', ms: 3000, model: 'gemini-3.5-flash-lite' });
    const log = eventLog();
    const result = await h.app.runText({ text: 'hmm something about the thing', noCache: true }, log.sink);
    expect(log.events.find((e) => e.type === 'intent')).toMatchObject({ intent: 'generic' });
    expect(result.intent).toBe('generic');
    // The assist was asked and then stopped by the timeout.
    expect(h.sim.stats().rest.requestsByModel['gemini-3.5-flash-lite']).toBe(1);
    await expect.poll(() => h.sim.stats().rest.requests.find((r) => r.model === 'gemini-3.5-flash-lite')?.cancelled, { timeout: 5000 }).toBe(true);
  });

  it('keeps the transcript in history and returns a retryable error when Gemini fails mid-stream', async () => {
    h.sim.injectFault({ kind: 'sse-cut', count: 5 });
    const log = eventLog();
    const failure = await h.app.runText({ text: 'write a binary search function in go', noCache: true }, log.sink).catch((e: unknown) => e);
    expect(failure).toMatchObject({ retryable: true });
    const errorEvent = log.events.find((e) => e.type === 'error');
    expect(errorEvent).toBeDefined();
    const found = (await call(h, 'history.search', { query: 'binary search' })) as { entries: Array<Record<string, unknown>> };
    expect(found.entries[0]).toMatchObject({ transcript: 'write a binary search function in go', code: null, errorCode: (failure as { code: string }).code });
  });
});

async function call(h: Harness, method: string, params: unknown): Promise<unknown> {
  const outcome = await h.app.router.call(method, params, { clientId: 'test' });
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.result;
}

describe('history holds each answer once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { intent: { timeoutMs: 150, assistBelowConfidence: 0.45 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a cache hit updates the entry it repeats (uses, last used) instead of adding a copy', async () => {
    const first = await h.app.runText({ text: 'write a function that sorts users by age in python' }, () => undefined);
    const again = await h.app.runText({ text: 'Write a function that sorts users by age in Python.' }, () => undefined);
    expect(again.cached).toMatchObject({ tier: 'l1' });
    expect(again.historyId).toBe(first.historyId);
    const page = await call(h, 'history.search', {});
    const entries = (page as { entries: Array<{ id: number; transcript: string; uses?: number; lastUsedAt?: number | null }>; total: number }).entries;
    expect(entries.filter((e) => /sorts users by age/i.test(e.transcript))).toHaveLength(1);
    const entry = (await call(h, 'history.get', { id: first.historyId })) as { uses: number; lastUsedAt: number | null };
    expect(entry.uses).toBe(2);
    expect(entry.lastUsedAt).toBeGreaterThan(0);
  });
});
