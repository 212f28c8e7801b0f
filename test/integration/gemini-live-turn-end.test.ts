// A Live transcript ends at inputTranscription.finished or turnComplete, whichever comes first (gemini-protocol.md).
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/app-harness.js';
import { toneThenWarble, useLiveSimulator } from '../support/live-simulator.js';
import { chunksOf } from '../support/wav.js';

const live = useLiveSimulator();

describe('the end of a Live transcript', () => {
  it('is inputTranscription.finished when turnComplete comes 3 s later: the final is in before turnComplete is sent', async () => {
    live.sim.setScripts([{ toneHz: 1200, final: 'write a function that reverses a string' }]);
    live.sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 3_000 });
    const session = await live.connect();
    const utterance = session.startUtterance();
    for (const chunk of chunksOf(toneThenWarble(1200, 1.2), 100)) utterance.push(chunk);
    const final = await utterance.finish(AbortSignal.timeout(10_000));
    expect(final).toBe('write a function that reverses a string');
    // The simulator records a turn when it sends turnComplete: it has not yet.
    expect(live.sim.stats().live.turns).toHaveLength(0);
  });

  it('the late turnComplete of one turn does not end the next turn on the same session', async () => {
    live.sim.setScripts([{ toneHz: 1200, final: 'first request' }, { toneHz: 1700, final: 'second request' }]);
    live.sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 300 });
    const session = await live.connect();
    const first = session.startUtterance();
    for (const chunk of chunksOf(toneThenWarble(1200), 100)) first.push(chunk);
    expect(await first.finish(AbortSignal.timeout(10_000))).toBe('first request');
    const second = session.startUtterance();
    for (const chunk of chunksOf(toneThenWarble(1700), 100)) second.push(chunk);
    // The first turn's turnComplete arrives while the second is still being spoken.
    await expect.poll(() => live.sim.stats().live.turns.length, { timeout: 5_000 }).toBe(1);
    expect(await second.finish(AbortSignal.timeout(10_000))).toBe('second request');
  });

  it('ends a dictation at finished: the code is generated before the late turnComplete arrives', async () => {
    const h = await startHarness({ simulator: live.sim, prewarm: true, settings: { speculation: { enabled: false }, cache: { enabled: false } } });
    try {
      live.sim.setScripts([{ toneHz: 1200, final: 'write a function that reverses a string in python' }]);
      live.sim.injectFault({ kind: 'live-late-turn-complete', delayMs: 3_000 });
      const dictation = h.app.startDictation();
      for (const chunk of chunksOf(toneThenWarble(1200, 1.2), 100)) dictation.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      const result = await dictation.finish();
      expect(result).toMatchObject({ transcript: 'write a function that reverses a string in python', complete: true });
      expect(live.sim.stats().live.turns).toHaveLength(0);
      // Live answered it: no REST fallback was needed.
      expect(live.sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
