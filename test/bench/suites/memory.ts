// Suite memory: a 2,000-request soak (typed and spoken, hits and misses, 8 at a time) in one app process under the
// instant profile, and the memory monitor's thresholds walked on a lowered heap limit in a child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startSimulatorProcess } from '../../support/simulator-process.js';
import { startHarness } from '../../support/app-harness.js';
import { speechPcm16, chunks100ms } from '../../support/speech-pcm.js';
import { SPOKEN_FIXTURES } from '../fixtures.js';
import type { BenchContext } from '../harness.js';

const TOTAL = 2000;
const WARMUP = 200;
const CONCURRENCY = 8;
const MB = 1024 * 1024;

function settle(): void {
  // Run with --expose-gc (npm run bench does): readings after a full collection are comparable.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  await soak(ctx);
  await pressure(ctx);
}

async function soak(ctx: BenchContext): Promise<void> {
  const sim = await startSimulatorProcess('instant');
  const spoken = SPOKEN_FIXTURES.slice(0, 6).map((f) => ({ ...f, chunks: chunks100ms(speechPcm16(f.spoken, { toneHz: f.script.toneHz })) }));
  await sim.setScripts(spoken.map((f) => f.script));
  const h = await startHarness({ remote: sim, prewarm: true, host: 'web' });
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  let done = 0;
  const one = async (i: number, worker: number): Promise<void> => {
    try {
      if (i % 10 < 3) {
        // Spoken; every fixture comes back again and again, so most are hits after the first round.
        const f = spoken[i % spoken.length] as (typeof spoken)[number];
        // One client per worker: a client has one dictation open at a time.
        const d = h.app.startDictation({ clientId: `soak-${worker}` });
        for (const c of f.chunks) d.push(c);
        await d.finish();
      } else {
        // Typed: 300 distinct requests, so the first use misses and later ones hit.
        await h.app.runText({ text: `write a function that adds ${i % 300} to a number in typescript` }, () => undefined);
      }
    } catch (error) {
      errors++;
      const code = (error as { code?: string }).code ?? 'UNKNOWN';
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    } finally {
      counted();
    }
  };
  let rssAfterWarmup = 0;
  /** RSS every 250 requests: a leak climbs steadily, a one-time allocation steps once. */
  const rssTrail: number[] = [];
  let heapAfterWarmup = 0;
  /**
   * Counts a finished request and takes the readings in the same step. Checked after a further await instead, with 8
   * workers finishing in one tick `done` could pass WARMUP before any worker looked: the warm-up reading stayed 0 and
   * the whole RSS (310 MB) was reported as growth.
   */
  const counted = (): void => {
    done++;
    if (done % 250 === 0) rssTrail.push(Math.round(process.memoryUsage().rss / MB));
    if (done === WARMUP) {
      settle();
      rssAfterWarmup = process.memoryUsage().rss;
      heapAfterWarmup = process.memoryUsage().heapUsed;
    }
  };
  try {
    let next = 0;
    const worker = async (w: number): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        await one(i, w);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    const seconds = (performance.now() - t0) / 1000;
    if (rssAfterWarmup === 0) throw new Error(`no reading after the ${WARMUP}-request warm-up (${done} requests counted)`);
    settle();
    const end = process.memoryUsage();
    const detail = { requests: TOTAL, warmup: WARMUP, concurrency: CONCURRENCY, errors, error_codes: errorCodes, seconds: Math.round(seconds), rss_after_warmup_mb: Math.round(rssAfterWarmup / MB), rss_end_mb: Math.round(end.rss / MB), heap_after_warmup_mb: Math.round(heapAfterWarmup / MB), heap_end_mb: Math.round(end.heapUsed / MB), rss_every_250_mb: rssTrail, gc_exposed: typeof (globalThis as { gc?: unknown }).gc === 'function' };
    ctx.record('memory.soak_rss_growth_mb', { value: (end.rss - rssAfterWarmup) / MB, unit: 'MB', better: 'lower', goal: 30, detail });
    ctx.record('memory.heap_growth_mb', { value: (end.heapUsed - heapAfterWarmup) / MB, unit: 'MB', better: 'lower', goal: null, detail });
  } finally {
    await h.close();
    await sim.close();
  }
}

/** A child with a 64 MiB heap allocates until the monitor's process reader leaves "normal"; reports where it fired. */
async function pressure(ctx: BenchContext): Promise<void> {
  const root = process.cwd();
  const monitorUrl = pathToFileURL(join(root, 'main/monitor/memory-monitor.ts')).href;
  const readerUrl = pathToFileURL(join(root, 'main/monitor/memory-reader.ts')).href;
  const script = `
const { MemoryMonitor } = await import(${JSON.stringify(monitorUrl)});
const { ProcessMemoryReader } = await import(${JSON.stringify(readerUrl)});
const monitor = new MemoryMonitor({ settings: { warning: 0.8, critical: 0.9, intervalMs: 30000, fastIntervalMs: 5000 }, reader: new ProcessMemoryReader() });
const kept = [];
const seen = {};
let refused = false;
monitor.registerAction('critical', 'clear test cache', () => { kept.length = 0; });
for (let step = 0; step < 4000 && !seen.critical; step++) {
  kept.push(new Array(32768).fill(step));
  const s = await monitor.check();
  if (s.level !== 'normal' && seen[s.level] === undefined) seen[s.level] = s.usage;
  if (s.level === 'critical') refused = !monitor.admitting;
}
let recovered = false;
for (let i = 0; i < 5 && !recovered; i++) { globalThis.gc?.(); recovered = (await monitor.check()).level === 'normal' && monitor.admitting; }
process.stdout.write(JSON.stringify({ warning: seen.warning ?? null, critical: seen.critical ?? null, refused, recovered }));
monitor.close();`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=64', '--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, timeout: 60_000 });
  const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { warning: number | null; critical: number | null; refused: boolean; recovered: boolean };
  ctx.record('memory.monitor_walk_ok', {
    value: r.warning !== null && r.critical !== null && r.refused && r.recovered ? 1 : 0, unit: 'bool', better: 'higher', goal: 1,
    detail: { heap_limit_mb: 64, warning_fired_at_usage: r.warning, critical_fired_at_usage: r.critical, requests_refused_at_critical: r.refused, accepted_again_after_cleanup: r.recovered },
  });
}
