// Part of suite e2e: what the pipeline adds to a typed cache miss (500+ samples, simulator in its own process) and what a cache hit costs.
import { startSimulatorProcess } from '../../support/simulator-process.js';
import { startHarness, type Harness } from '../../support/app-harness.js';
import { stats, tail, type BenchContext } from '../harness.js';

/** Typed cache misses measured: enough that p99 is not simply the maximum (ARCHITECTURE.md's bench contract). */
const MISSES = 520;
/**
 * Requests in flight at once. One user sends one request at a time, but 520 sequential realistic answers take about
 * 6 minutes; three lanes take 2, and each lane waits for its own answer, so they meet only when two requests need the
 * event loop in the same millisecond (the overhead then holds real time the app spent on the other one).
 */
const LANES = 3;

export async function typedMetrics(ctx: BenchContext): Promise<void> {
  ctx.step('starting the simulator in its own process (typed requests)');
  // Google's servers are not in the app's event loop: the simulator's work must not land on our side of the clock.
  const sim = await startSimulatorProcess('realistic');
  let h: Harness | undefined;
  try {
    await sim.warm();
    // Host 'web': the app as the desktop and web hosts run it (the CLI host runs one request per process and skips the warm-up).
    h = await startHarness({ remote: sim, prewarm: false, host: 'web' });
    // As in the load suite: the first request comes after the app has settled (no one asks within 0 ms of launch);
    // whatever is still cold then is paid inside the first request, and counted.
    await new Promise((r) => setTimeout(r, 1000));
    const app = h.app;
    // Pipeline overhead on a miss: client time minus the simulator's own time for the generate call.
    const samples: Array<{ text: string; totalMs: number; order: number }> = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < MISSES) {
        const i = next++;
        if (i % 50 === 0) ctx.step(`typed cache miss ${i + 1} of ${MISSES}`);
        const text = `write a function that adds ${i + 2} numbers in typescript`;
        const t0 = performance.now();
        await app.runText({ text, noCache: true }, () => undefined);
        samples.push({ text, totalMs: performance.now() - t0, order: i });
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    ctx.step('reading the simulator\'s request times');
    const requests = (await sim.stats()).rest.requests.filter((r) => r.kind === 'streamGenerateContent');
    // The prompt holds the request's text; "adds 12 numbers" never matches "adds 123 numbers".
    const serverMs = new Map<string, number>();
    for (const r of requests) {
      const m = /adds (\d+) numbers in typescript/.exec(r.prompt);
      if (!m || r.serverMs === null) continue;
      serverMs.set(m[0], (serverMs.get(m[0]) ?? 0) + r.serverMs);
    }
    const overhead: number[] = [];
    const byOrder: number[] = [];
    for (const s of samples) {
      const server = serverMs.get(s.text.slice('write a function that '.length));
      if (server === undefined) throw new Error(`the simulator did not report the generate call of "${s.text}"`);
      overhead.push(s.totalMs - server);
      byOrder[s.order] = s.totalMs - server;
    }
    const o = tail(overhead);
    const slowest = byOrder.map((ms, order) => ({ order, ms })).sort((a, b) => b.ms - a.ms).slice(0, 8).map((x) => `#${x.order}: ${round1(x.ms)}`);
    const detail = {
      ...o, first_request_ms: round1(byOrder[0] ?? NaN), slowest_by_order: slowest, source_maps: process.sourceMapsEnabled, client_total_p50_ms: round1(stats(samples.map((s) => s.totalMs)).median), lanes: LANES,
      note: 'typed cache misses, realistic profile, simulator in its own process: pipeline start -> result, minus the simulator-reported time of its generate call(s); the first request (a fresh app) is included',
    };
    ctx.record('e2e.pipeline_overhead_p50_ms', { value: o.p50, unit: 'ms', better: 'lower', goal: 15, detail });
    ctx.record('e2e.pipeline_overhead_p99_ms', { value: o.p99, unit: 'ms', better: 'lower', goal: 15, detail });

    // Cache hit: the same request again.
    ctx.step('typed cache hits');
    const text = 'write a function that reverses a linked list in typescript';
    await app.runText({ text }, () => undefined);
    const hits: number[] = [];
    for (let i = 0; i < 550; i++) {
      const t0 = performance.now();
      const r = await app.runText({ text }, () => undefined);
      hits.push(performance.now() - t0);
      if (!r.cached) throw new Error('expected a cache hit');
    }
    const c = tail(hits.slice(50));
    ctx.record('e2e.cache_hit_p50_ms', { value: c.p50, unit: 'ms', better: 'lower', goal: 5, detail: { ...c, median: c.p50 } });
  } finally {
    await h?.close();
    await sim.close();
  }
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
