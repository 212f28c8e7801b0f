// A Live transcript ends at inputTranscription.finished or turnComplete, whichever comes first (gemini-protocol.md).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import type { LiveSession } from '../../main/gemini/types.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startHarness } from '../support/app-harness.js';
import { simulatorEndpoint, startSimulator } from '../support/simulator.js';
import { chunksOf } from '../support/wav.js';

let sim: GeminiSimulator;
const sessions: LiveSession[] = [];

/** A tone then a warble: non-silent audio that opens with an identifying tone. */
function synthetic(toneHz: number, seconds = 1): Int16Array {
  const out = new Int16Array(Math.round(16000 * seconds));
  for (let i = 0; i < out.length; i++) {
    const t = i / 16000;
    const f = t < 0.15 ? toneHz : 300 + 200 * Math.sin(2 * Math.PI * 3 * t);
    out[i] = Math.round(9000 * Math.sin(2 * Math.PI * f * t));
  }
  return out;
}

async function connect(): Promise<LiveSession> {
  const session = await new LiveTranscriber({ endpoint: simulatorEndpoint(sim), connectTimeoutMs: 5_000 }).connect();
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  sim.clearFaults();
  sim.setScripts([]);
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
});

describe('the end of a Live transcript', () => {
  it('is inputTranscription.finished when turnComplete comes 3 s later: the final is in before turnComplete is sent', async () => {
    sim.setScripts([{ toneHz: 1200, final: 'write a function that reverses a string' }]);
    sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 3_000 });
    const session = await connect();
    const utterance = session.startUtterance();
    for (const chunk of chunksOf(synthetic(1200, 1.2), 100)) utterance.push(chunk);
    const final = await utterance.finish(AbortSignal.timeout(10_000));
    expect(final).toBe('write a function that reverses a string');
    // The simulator records a turn when it sends turnComplete: it has not yet.
    expect(sim.stats().live.turns).toHaveLength(0);
  });

  it('the late turnComplete of one turn does not end the next turn on the same session', async () => {
    sim.setScripts([{ toneHz: 1200, final: 'first request' }, { toneHz: 1700, final: 'second request' }]);
    sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 300 });
    const session = await connect();
    const first = session.startUtterance();
    for (const chunk of chunksOf(synthetic(1200), 100)) first.push(chunk);
    expect(await first.finish(AbortSignal.timeout(10_000))).toBe('first request');
    const second = session.startUtterance();
    for (const chunk of chunksOf(synthetic(1700), 100)) second.push(chunk);
    // The first turn's turnComplete arrives while the second is still being spoken.
    await expect.poll(() => sim.stats().live.turns.length, { timeout: 5_000 }).toBe(1);
    expect(await second.finish(AbortSignal.timeout(10_000))).toBe('second request');
  });

  it('ends a dictation at finished: the code is generated before the late turnComplete arrives', async () => {
    const h = await startHarness({ simulator: sim, prewarm: true, settings: { speculation: { enabled: false }, cache: { enabled: false } } });
    try {
      sim.setScripts([{ toneHz: 1200, final: 'write a function that reverses a string in python' }]);
      sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 3_000 });
      const dictation = h.app.startDictation();
      for (const chunk of chunksOf(synthetic(1200, 1.2), 100)) dictation.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      const result = await dictation.finish();
      expect(result).toMatchObject({ transcript: 'write a function that reverses a string in python', complete: true });
      expect(sim.stats().live.turns).toHaveLength(0);
      // Live answered it: no REST fallback was needed.
      expect(sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
