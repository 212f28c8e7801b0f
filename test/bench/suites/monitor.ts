// Suite monitor: what recording one request costs (the hot path) and what one collection cycle costs (off it).
// monitor.overhead_ratio divides that cost by the CPU time of a typed cache-miss request through the app
// (simulator in its own process, instant profile).
import { parseSettings } from '../../../main/config/load.js';
import type { ErrorCode } from '../../../main/core/errors.js';
import { MemoryMonitor } from '../../../main/monitor/memory-monitor.js';
import { ProcessMemoryReader, SystemMemoryReader } from '../../../main/monitor/memory-reader.js';
import { PerformanceMonitor } from '../../../main/monitor/performance-monitor.js';
import type { RequestObservation } from '../../../main/monitor/request-observation.js';
import { stats, type BenchContext } from '../harness.js';
import { startSimulatorProcess } from '../../support/simulator-process.js';
import { startHarness } from '../../support/app-harness.js';
import si from 'systeminformation';

/**
 * A mix shaped like a day's use: 60 % generated (cache miss, tokens, some speculation), 30 % L1/L3
 * hits, 3 % slow (alert path, de-duplicated), 2 % failures (error-rate path), 5 % cancelled.
 */
function syntheticRequests(n: number): RequestObservation[] {
  const out: RequestObservation[] = [];
  const codes: ErrorCode[] = ['QUOTA', 'NETWORK', 'TIMEOUT'];
  for (let i = 0; i < n; i++) {
    const r = (i * 7919) % 100;
    const jitter = (i * 31) % 97;
    if (r < 60) {
      out.push({
        stages: { transcription: 300 + jitter, intent: 1 + (jitter % 3), generation: 900 + jitter * 5, total: 1300 + jitter * 6 },
        cache: 'miss',
        tokens: { model: 'gemini-3.5-flash', input: 800 + jitter, output: 250 + jitter },
        ...(r < 10 ? { speculation: { started: 1, kept: r < 7 ? 1 : 0, wasted: r < 7 ? 0 : 1, wastedTokens: r < 7 ? 0 : 300 } } : {}),
      });
    } else if (r < 90) {
      out.push({ stages: { transcription: 280 + jitter, intent: 1, total: 300 + jitter }, cache: r < 80 ? 'l1' : 'l3' });
    } else if (r < 93) {
      out.push({ stages: { transcription: 1100 + jitter, intent: 2, generation: 3100 + jitter, total: 4300 + jitter }, cache: 'miss', tokens: { model: 'gemini-3.5-flash', input: 900, output: 700 } });
    } else if (r < 95) {
      out.push({ stages: { transcription: 320, intent: 1, total: 500 + jitter }, cache: 'miss', errorCode: codes[i % codes.length] as ErrorCode });
    } else {
      out.push({ stages: { transcription: 200 + jitter, total: 250 + jitter }, errorCode: 'CANCELLED' });
    }
  }
  return out;
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export async function run(ctx: BenchContext): Promise<void> {
  const settings = parseSettings({}).monitor;

  // 1. The hot path: recordRequest with the real clock, real prom-client registry, real samples.
  const monitor = new PerformanceMonitor({ settings: { ...settings, dailyTokenCap: 1_000_000_000 } });
  let recordUs = 0;
  try {
    const requests = syntheticRequests(1000);
    let i = 0;
    const record = (): void => {
      monitor.recordRequest(requests[i] as RequestObservation);
      i = i + 1 === requests.length ? 0 : i + 1;
    };
    // 1000 samples x 100 requests = 100,000 synthetic requests (after 20,000 warm-up ones).
    const s = ctx.sampleSyncNs(record, { warmup: 20_000, samples: 1000, batch: 100 });
    recordUs = s.median / 1000;
    ctx.record('monitor.record_request_us', {
      value: s.median / 1000,
      unit: 'us',
      better: 'lower',
      goal: 10,
      detail: { median: r3(s.median / 1000), p99: r3(s.p99 / 1000), mean: r3(s.mean / 1000), requests: s.n * 100, mix: '60% generated, 30% cache hits, 3% slow (alerts), 2% errors, 5% cancelled', includes: 'stage histograms (prom-client + reservoir + recent window), counters, tokens/cost/cap, error window, alert checks' },
    });
  } finally {
    monitor.close();
  }

  // 1b. That cost against the CPU time of a typed cache-miss request (instant profile, simulator in its own process).
  await overheadRatio(ctx, recordUs);

  // 2. One collection cycle (off the hot path): a memory check with systeminformation + the process, and the resource sample.
  const memory = new MemoryMonitor({ settings: settings.memory, reader: new SystemMemoryReader() });
  const perf = new PerformanceMonitor({ settings });
  try {
    const cycles: number[] = [];
    const siMem: number[] = [];
    const processOnly: number[] = [];
    const processReader = new ProcessMemoryReader();
    for (let k = 0; k < 200; k++) {
      let t0 = performance.now();
      await memory.check();
      perf.sampleResources();
      cycles.push(performance.now() - t0);
      t0 = performance.now();
      await si.mem();
      siMem.push(performance.now() - t0);
      t0 = performance.now();
      await processReader.read();
      processOnly.push(performance.now() - t0);
    }
    const c = stats(cycles);
    const m = stats(siMem);
    const p = stats(processOnly);
    ctx.record('monitor.sample_ms', {
      value: c.median,
      unit: 'ms',
      better: 'lower',
      goal: null,
      detail: { median: r3(c.median), p99: r3(c.p99), max: r3(c.max), cycles: c.n, si_mem_median_ms: r3(m.median), si_mem_p99_ms: r3(m.p99), si_mem_max_ms: r3(m.max), process_reader_median_ms: r3(p.median), process_reader_p99_ms: r3(p.p99), platform: process.platform },
    });
  } finally {
    memory.close();
    perf.close();
  }
}

async function overheadRatio(ctx: BenchContext, recordUs: number): Promise<void> {
  const sim = await startSimulatorProcess('instant');
  const h = await startHarness({ remote: sim, prewarm: false });
  try {
    const cpuUs: number[] = [];
    for (let i = 0; i < 120; i++) {
      const before = process.cpuUsage();
      await h.app.runText({ text: `write a function that multiplies ${i} numbers in go`, noCache: true }, () => undefined);
      const used = process.cpuUsage(before);
      if (i >= 20) cpuUs.push(used.user + used.system);
    }
    const c = stats(cpuUs);
    ctx.record('monitor.overhead_ratio', {
      value: recordUs / c.median, unit: 'ratio', better: 'lower', goal: 0.01,
      detail: { record_request_us: r3(recordUs), request_cpu_median_us: Math.round(c.median), request_cpu_p99_us: Math.round(c.p99), requests: c.n, note: 'median monitor cost of one request / median process CPU time (process.cpuUsage) of a typed cache miss, instant profile' },
    });
  } finally {
    await h.close();
    await sim.close();
  }
}
