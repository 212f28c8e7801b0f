// Suite pool: what a pre-warmed Live session saves at hotkey down (cold connect vs pooled acquire), against the simulator's realistic profile.
import { startGeminiSimulator, type GeminiSimulator } from '../../../main/gemini-sim/index.js';
import { LiveTranscriber } from '../../../main/gemini/live-transcriber.js';
import { SessionPool, type SessionUse } from '../../../main/gemini/session-pool.js';
import type { GeminiEndpoint, LiveSession, LiveSessionFactory } from '../../../main/gemini/types.js';
import { stats, type BenchContext } from '../harness.js';

const CHUNK_MS = 100;
/** 100 ms of a 440 Hz tone as 16 kHz PCM16: the simulator "hears" it as speech. */
const CHUNK = (() => {
  const bytes = new Uint8Array(3200);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 1600; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), true);
  return bytes;
})();
const UTTERANCE_CHUNKS = 6;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One push-to-talk request as the app runs it: the microphone delivers a chunk every 100 ms from
 * hotkey down; chunks captured before a session is ready are kept and sent at once when it is.
 * Returns ms from hotkey down to the session being ready and to the first partial transcript.
 */
async function hotkeyRequest(getSession: () => Promise<{ session: LiveSession; done(clean: boolean): void }>): Promise<{ readyMs: number; firstPartialMs: number }> {
  const t0 = performance.now();
  const captured: Uint8Array[] = [];
  let push: ((chunk: Uint8Array) => void) | undefined;
  let produced = 0;
  const mic = setInterval(() => {
    if (produced >= UTTERANCE_CHUNKS) return;
    produced++;
    if (push) push(CHUNK);
    else captured.push(CHUNK);
  }, CHUNK_MS);
  let firstPartialMs = -1;
  let gotPartial: () => void = () => undefined;
  const partial = new Promise<void>((r) => (gotPartial = r));
  try {
    const lease = await getSession();
    const readyMs = performance.now() - t0;
    const utterance = lease.session.startUtterance({
      onPartial: () => {
        if (firstPartialMs < 0) {
          firstPartialMs = performance.now() - t0;
          gotPartial();
        }
      },
    });
    push = (chunk) => utterance.push(chunk);
    for (const chunk of captured.splice(0)) utterance.push(chunk);
    await partial;
    while (produced < UTTERANCE_CHUNKS) await sleep(CHUNK_MS / 2);
    const text = await utterance.finish();
    lease.done(text.length > 0);
    return { readyMs, firstPartialMs };
  } finally {
    clearInterval(mic);
  }
}

function poolOf(factory: LiveSessionFactory, use: SessionUse): SessionPool {
  return new SessionPool({
    factory,
    use,
    settings: { min: 1, max: 4, acquireTimeoutMs: 30_000, idleTimeoutMs: 300_000, maxLifetimeMs: 540_000, maintenanceIntervalMs: 0 },
  });
}

async function warm(pool: SessionPool): Promise<void> {
  for (let i = 0; i < 400 && pool.sizes().warm < 1; i++) await sleep(10);
}

const fromPool = (pool: SessionPool) => async () => {
  const lease = await pool.acquire();
  return { session: lease.session, done: (clean: boolean) => (clean ? lease.release() : lease.discard()) };
};

export async function run(ctx: BenchContext): Promise<void> {
  const sim: GeminiSimulator = await startGeminiSimulator({ profile: 'realistic' });
  const endpoint: GeminiEndpoint = {
    name: 'sim',
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    models: { live: 'gemini-3.5-transcribe-live', batchTranscribe: 'gemini-3.5-transcribe', codegen: 'gemini-3.5-flash', intentAssist: 'gemini-3.5-flash-lite' },
  };
  const factory = new LiveTranscriber({ endpoint, connectTimeoutMs: 5_000 });
  const reuse = poolOf(factory, 'reuse');
  const single = poolOf(factory, 'single-utterance');
  try {
    // Hotkey down -> a session that completed setup: cold connect vs pooled acquire, interleaved.
    const coldReady: number[] = [];
    const warmReady: number[] = [];
    const coldFirst: number[] = [];
    const warmFirst: number[] = [];
    const singleFirst: number[] = [];
    const cold = async () => {
      const session = await factory.connect({});
      return { session, done: () => session.close() };
    };
    for (let i = 0; i < 8; i++) {
      const c = await hotkeyRequest(cold);
      coldReady.push(c.readyMs);
      coldFirst.push(c.firstPartialMs);
      await warm(reuse);
      const w = await hotkeyRequest(fromPool(reuse));
      warmReady.push(w.readyMs);
      warmFirst.push(w.firstPartialMs);
      await warm(single);
      singleFirst.push((await hotkeyRequest(fromPool(single))).firstPartialMs);
    }
    const setupsBefore = sim.stats().live.setups.length;
    for (let i = 0; i < 4; i++) {
      await warm(single);
      await hotkeyRequest(fromPool(single));
    }
    await warm(single);
    const singleConnectionsPerUtterance = (sim.stats().live.setups.length - setupsBefore) / 4;

    const C = stats(coldReady);
    const W = stats(warmReady);
    ctx.record('pool.cold_vs_warm_ready', {
      value: C.median / W.median,
      unit: 'ratio',
      better: 'higher',
      goal: 20,
      detail: { median: C.median / W.median, cold_median_ms: C.median, cold_p99_ms: C.p99, warm_median_ms: W.median, warm_p99_ms: W.p99, samples: C.n },
    });
    const WF = stats(warmFirst);
    const SF = stats(singleFirst);
    ctx.record('pool.warm_first_transcript_ms', {
      value: WF.median,
      unit: 'ms',
      better: 'lower',
      goal: null,
      detail: {
        median: WF.median,
        p99: WF.p99,
        samples: WF.n,
        // The reuse-vs-single-utterance decision (session-pool.ts): a reused session's later turn vs a fresh one.
        reused_session_median_ms: WF.median,
        fresh_session_median_ms: SF.median,
        fresh_session_p99_ms: SF.p99,
        single_use_connections_per_utterance: singleConnectionsPerUtterance,
      },
    });
    const CF = stats(coldFirst);
    ctx.record('pool.cold_first_transcript_ms', {
      value: CF.median,
      unit: 'ms',
      better: 'lower',
      goal: null,
      detail: { median: CF.median, p99: CF.p99, samples: CF.n },
    });

    // Warm acquire on its own: acquire + release of a warm session, each acquire timed alone.
    await warm(reuse);
    const us: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const t = process.hrtime.bigint();
      const lease = await reuse.acquire();
      const elapsed = Number(process.hrtime.bigint() - t) / 1000;
      lease.release();
      if (i >= 500) us.push(elapsed);
      // Let the pool's deferred bookkeeping run between presses, as it would between real ones.
      if (i % 50 === 0) await sleep(1);
    }
    const A = stats(us);
    ctx.record('pool.acquire_p99_us', {
      value: A.p99,
      unit: 'us',
      better: 'lower',
      goal: 200,
      detail: { median: A.median, p99: A.p99, max: A.max, samples: A.n, pool_reported: reuse.metrics().acquireLatencyUs },
    });
  } finally {
    await reuse.close();
    await single.close();
    await sim.close();
  }
}
