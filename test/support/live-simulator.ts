// A simulator for a file of Live transcriber tests: the identifying tone audio, and sessions closed after each test.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import type { LiveSession } from '../../main/gemini/types.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { simulatorEndpoint, startSimulator } from './simulator.js';

/** A tone then a warble: non-silent 16 kHz audio that opens with an identifying tone (none for null), without espeak-ng. */
export function toneThenWarble(toneHz: number | null, seconds = 1): Int16Array {
  const out = new Int16Array(Math.round(16000 * seconds));
  for (let i = 0; i < out.length; i++) {
    const t = i / 16000;
    const f = toneHz !== null && t < 0.15 ? toneHz : 300 + 200 * Math.sin(2 * Math.PI * 3 * t);
    out[i] = Math.round(9000 * Math.sin(2 * Math.PI * f * t));
  }
  return out;
}

export interface LiveSimulator {
  /** The file's simulator (started in beforeAll). */
  readonly sim: GeminiSimulator;
  /** Opens a Live session on the simulator through a LiveTranscriber; it is closed after the test. */
  connect(vocabulary?: string[], timeoutMs?: number): Promise<LiveSession>;
  /** Closes `session` after the test too (one opened through the test's own LiveTranscriber). */
  track(session: LiveSession): void;
}

/**
 * One simulator for the file: started before all; after each test its Live sessions are closed and its faults,
 * scripts and stats cleared; stopped after all. Call it at the top level of the test file.
 */
export function useLiveSimulator(): LiveSimulator {
  let sim: GeminiSimulator | undefined;
  const sessions: LiveSession[] = [];
  const started = (): GeminiSimulator => {
    if (!sim) throw new Error('the simulator starts in beforeAll');
    return sim;
  };
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
    started().clearFaults();
    started().setScripts([]);
    started().resetStats();
  });
  afterAll(async () => {
    await started().close();
  });
  return {
    get sim() {
      return started();
    },
    async connect(vocabulary = [], timeoutMs = 5_000) {
      const session = await new LiveTranscriber({ endpoint: simulatorEndpoint(started()), connectTimeoutMs: timeoutMs }).connect({ vocabulary });
      sessions.push(session);
      return session;
    },
    track(session) {
      sessions.push(session);
    },
  };
}
