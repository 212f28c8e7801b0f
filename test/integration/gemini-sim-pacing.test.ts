// The realistic simulator paces Live increments against the audio it heard: a speaker's pause lets the whole hypothesis out before release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import type { LiveSession } from '../../main/gemini/types.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { simulatorEndpoint, startSimulator } from '../support/simulator.js';
import { chunksOf } from '../support/wav.js';

let sim: GeminiSimulator;
let session: LiveSession;

/** An identifying tone, `speechS` seconds of voice-like warble, then `pauseS` of silence. */
function utterance(toneHz: number, speechS: number, pauseS: number): Int16Array {
  const voiced = Math.round(16000 * (0.15 + speechS));
  const out = new Int16Array(voiced + Math.round(16000 * pauseS));
  for (let i = 0; i < voiced; i++) {
    const t = i / 16000;
    const f = t < 0.15 ? toneHz : 300 + 200 * Math.sin(2 * Math.PI * 3 * t);
    out[i] = Math.round(9000 * Math.sin(2 * Math.PI * f * t));
  }
  return out;
}

beforeAll(async () => {
  sim = await startSimulator();
  sim.setProfile('realistic');
  session = await new LiveTranscriber({ endpoint: simulatorEndpoint(sim), connectTimeoutMs: 5_000 }).connect({ vocabulary: [] });
});

afterAll(async () => {
  session.close();
  await sim.close();
});

describe('realistic Live pacing', () => {
  it('sends the complete partial during the speaker\'s pause before release, when eleven words took 3 s (220 words a minute)', async () => {
    const final = 'write a function that counts words in a file in python';
    sim.setScripts([{ toneHz: 1700, partials: ['write a function ', 'that counts words ', 'in a file in python'], final }]);
    const partials: Array<{ text: string; at: number }> = [];
    const u = session.startUtterance({ onPartial: (text) => partials.push({ text, at: performance.now() }) });
    const t0 = performance.now();
    const chunks = chunksOf(utterance(1700, 3.0, 0.4), 100);
    for (const [i, chunk] of chunks.entries()) {
      u.push(chunk);
      const wait = t0 + (i + 1) * 100 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const releasedAt = performance.now();
    expect(await u.finish(AbortSignal.timeout(5_000))).toBe(final);
    const complete = partials.find((p) => p.text === final);
    expect(complete, `partials: ${JSON.stringify(partials.map((p) => p.text))}`).toBeDefined();
    expect(complete?.at).toBeLessThan(releasedAt);
  });

  it('still never runs ahead of the audio while the speaker keeps talking', async () => {
    const final = 'write a function that merges two sorted lists in go';
    sim.setScripts([{ toneHz: 1800, partials: ['write a function ', 'that merges two ', 'sorted lists in go'], final }]);
    const partials: string[] = [];
    const u = session.startUtterance({ onPartial: (text) => partials.push(text) });
    const t0 = performance.now();
    // One second of voice holds at most five words even from a fast speaker: a pause does not let ten out.
    const chunks = chunksOf(utterance(1800, 1.0, 0.4), 100);
    for (const [i, chunk] of chunks.entries()) {
      u.push(chunk);
      const wait = t0 + (i + 1) * 100 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    expect(partials).not.toContain(final);
    expect(await u.finish(AbortSignal.timeout(5_000))).toBe(final);
  });
});
