// Suite quality: the syntax check's cost: a 200-line answer through the worker (grammar warm), and what it adds
// between the last streamed chunk and the result (check on vs off, interleaved in one run, through the real app and SDK).
import { join } from 'node:path';
import { QualityWorkerPool } from '../../../main/quality/quality-worker-pool.js';
import { startGeminiSimulator } from '../../../main/gemini-sim/index.js';
import type { PipelineEvent } from '../../../preload/contract.js';
import { startHarness, type Harness } from '../../support/app-harness.js';
import { stats, type BenchContext } from '../harness.js';

const WORKER_FILE = join(process.cwd(), 'dist', 'workers', 'quality.js');
const SUITE_LIMIT_MS = 240_000;

/** A 200-line TypeScript answer: ten small functions of twenty lines. */
export function answer200(): string {
  const lines: string[] = [];
  for (let f = 0; lines.length < 200; f++) {
    lines.push(
      `export function total${f}(items: readonly { price: number; qty: number }[]): number {`,
      '  let sum = 0;',
      '  for (const item of items) {',
      '    if (!Number.isFinite(item.price) || item.qty < 0) {',
      `      throw new Error('total${f}: bad item');`,
      '    }',
      '    sum += item.price * item.qty;',
      '  }',
      `  const rounded = Math.round(sum * 100) / 100;`,
      '  return rounded;',
      '}',
      '',
      `export const labels${f} = new Map<string, number>([`,
      "  ['net', 1],",
      "  ['gross', 2],",
      ']);',
      '',
      `export type Row${f} = { id: string; total: number };`,
      `export const empty${f}: Row${f}[] = [];`,
      '',
    );
  }
  return lines.slice(0, 200).join('\n');
}

/** Rejects with the step's name when it runs past the suite's limit, so a hang says where it hung. */
async function step<T>(name: string, work: Promise<T>, ms = SUITE_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench quality: step "${name}" hung (over ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkRoundTrip(ctx: BenchContext): Promise<void> {
  const pool = new QualityWorkerPool({ workerFile: WORKER_FILE });
  const code = answer200();
  try {
    await step('grammar warm-up', pool.warm(['typescript']));
    for (let i = 0; i < 50; i++) await pool.check(code, 'typescript', 'typescript');
    const samples: number[] = [];
    for (let i = 0; i < 600; i++) {
      const t0 = performance.now();
      const report = await step('check round trip', pool.check(code, 'typescript', 'typescript'), 10_000);
      samples.push(performance.now() - t0);
      if (report.status !== 'ok') throw new Error(`the 200-line sample did not parse: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    const s = stats(samples);
    const sorted = [...samples].sort((a, b) => a - b);
    ctx.record('quality.check_p99_ms', {
      value: s.p99, unit: 'ms', better: 'lower', goal: 10,
      detail: { lines: 200, chars: code.length, n: s.n, p50: s.median, p90: sorted[Math.floor(0.9 * sorted.length)], p99: s.p99, max: s.max },
    });
  } finally {
    await pool.close();
  }
}

/** Time from the last code chunk to the result event, for one request. */
async function lastChunkToResult(h: Harness, text: string): Promise<number> {
  let lastChunkAt = 0;
  let resultAt = 0;
  const onEvent = (e: PipelineEvent): void => {
    if (e.type === 'code.chunk') lastChunkAt = performance.now();
    else if (e.type === 'result') resultAt = performance.now();
  };
  await h.app.runText({ text, noCache: true }, onEvent);
  return resultAt - lastChunkAt;
}

async function addedLatency(ctx: BenchContext): Promise<void> {
  const sim = await startGeminiSimulator({ profile: 'instant' });
  sim.setCodeAnswer(`Here is the code.\n\n\`\`\`typescript\n${answer200()}\n\`\`\`\n`);
  const on = await startHarness({ simulator: sim, settings: { quality: { check: true, repair: false } } });
  const off = await startHarness({ simulator: sim, settings: { quality: { check: false } } });
  try {
    const text = 'write a typescript function that totals the invoice lines';
    for (let i = 0; i < 20; i++) {
      await lastChunkToResult(on, text);
      await lastChunkToResult(off, text);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 300; i++) {
      a.push(await step('dictation with the check on', lastChunkToResult(on, text), 10_000));
      b.push(await step('dictation with the check off', lastChunkToResult(off, text), 10_000));
    }
    const A = stats(a);
    const B = stats(b);
    ctx.record('quality.check_added_latency_p99_ms', {
      value: Math.max(0, A.p99 - B.p99), unit: 'ms', better: 'lower', goal: 5,
      detail: { n: A.n, lines: 200, on: { p50: A.median, p99: A.p99, max: A.max }, off: { p50: B.median, p99: B.p99, max: B.max }, addedP50: A.median - B.median },
    });
  } finally {
    await on.close();
    await off.close();
    await sim.close();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  await checkRoundTrip(ctx);
  await addedLatency(ctx);
}
