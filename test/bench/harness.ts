// The bench harness: warm-up, samples, median/p99, and results merged into latest.json + latest.md (ARCHITECTURE.md contract).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, arch, release } from 'node:os';
import { dirname, join } from 'node:path';

export type Better = 'lower' | 'higher';

export interface MetricResult {
  value: number;
  unit: string;
  better: Better;
  goal: number | null;
  met: boolean | null;
  at: string;
  detail: Record<string, unknown>;
}

export interface ResultsFile {
  machine: Record<string, unknown>;
  results: Record<string, MetricResult>;
}

export interface SampleStats {
  n: number;
  median: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

export function stats(samples: readonly number[]): SampleStats {
  if (samples.length === 0) return { n: 0, median: NaN, p90: NaN, p99: NaN, mean: NaN, min: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
  return {
    n: sorted.length,
    median: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** The tail of a sample set as a metric's detail (ARCHITECTURE.md: absolute times report p50, p90, p99 and max). */
export function tail(samples: readonly number[]): { samples: number; p50: number; p90: number; p99: number; max: number } {
  const s = stats(samples);
  return { samples: s.n, p50: round(s.median), p90: round(s.p90), p99: round(s.p99), max: round(s.max) };
}

export interface MetricInput {
  value: number;
  unit: string;
  better: Better;
  /** null for a metric that only reports. */
  goal: number | null;
  detail?: Record<string, unknown>;
}

/** What a suite gets: record metrics, and time things. */
export class BenchContext {
  readonly metrics = new Map<string, MetricResult>();
  /** What the suite is doing now: a hung suite is reported with it (runner.ts). */
  currentStep = 'starting';

  constructor(
    readonly suite: string,
    private readonly log: (line: string) => void = (l) => console.log(l),
    private readonly onStep: (label: string) => void = () => undefined,
    private readonly onMetric: (name: string, result: MetricResult) => void = () => undefined,
  ) {}

  /** Names the step the suite is in (e.g. "dictation 7 of 20, speculation on"), so a hang says where it hung. */
  step(label: string): void {
    this.currentStep = label;
    this.onStep(label);
  }

  record(name: string, input: MetricInput): void {
    const met = input.goal === null ? null : input.better === 'lower' ? input.value <= input.goal : input.value >= input.goal;
    const result: MetricResult = { value: round(input.value), unit: input.unit, better: input.better, goal: input.goal, met, at: new Date().toISOString(), detail: input.detail ?? {} };
    this.metrics.set(name, result);
    this.onMetric(name, result);
    const goal = input.goal === null ? 'report only' : `goal ${input.better === 'lower' ? '<=' : '>='} ${input.goal}: ${met ? 'met' : 'NOT met'}`;
    this.log(`  ${name} = ${result.value} ${input.unit} (${goal})`);
  }

  /**
   * Times fn() `samples` times after `warmup` untimed calls; each sample runs fn `batch` times and
   * reports the per-call time in nanoseconds.
   */
  async sampleNs(fn: () => unknown | Promise<unknown>, opts: { warmup?: number; samples?: number; batch?: number } = {}): Promise<SampleStats & { samples: number[] }> {
    const warmup = opts.warmup ?? 1000;
    const n = opts.samples ?? 200;
    const batch = opts.batch ?? 100;
    for (let i = 0; i < warmup; i++) await fn();
    const out: number[] = [];
    for (let s = 0; s < n; s++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await fn();
      out.push(Number(process.hrtime.bigint() - t0) / batch);
    }
    return { ...stats(out), samples: out };
  }

  /** Same as sampleNs for synchronous functions, without awaiting (await costs more than a Map get). */
  sampleSyncNs(fn: () => unknown, opts: { warmup?: number; samples?: number; batch?: number } = {}): SampleStats & { samples: number[] } {
    const warmup = opts.warmup ?? 1000;
    const n = opts.samples ?? 200;
    const batch = opts.batch ?? 100;
    for (let i = 0; i < warmup; i++) fn();
    const out: number[] = [];
    for (let s = 0; s < n; s++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) fn();
      out.push(Number(process.hrtime.bigint() - t0) / batch);
    }
    return { ...stats(out), samples: out };
  }

  /**
   * Interleaves two sync measurements (A, B, A, B, ...) so machine noise hits both alike, and
   * returns each side's stats and the ratio of medians A/B.
   */
  compareSync(a: () => unknown, b: () => unknown, opts: { warmup?: number; samples?: number; batch?: number } = {}): { a: SampleStats; b: SampleStats; ratio: number } {
    const warmup = opts.warmup ?? 2000;
    const n = opts.samples ?? 200;
    const batch = opts.batch ?? 200;
    for (let i = 0; i < warmup; i++) {
      a();
      b();
    }
    const sa: number[] = [];
    const sb: number[] = [];
    for (let s = 0; s < n; s++) {
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) a();
      sa.push(Number(process.hrtime.bigint() - t0) / batch);
      t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) b();
      sb.push(Number(process.hrtime.bigint() - t0) / batch);
    }
    const A = stats(sa);
    const B = stats(sb);
    return { a: A, b: B, ratio: A.median / B.median };
  }

  /** Async version of compareSync. */
  async compare(a: () => Promise<unknown>, b: () => Promise<unknown>, opts: { warmup?: number; samples?: number; batch?: number } = {}): Promise<{ a: SampleStats; b: SampleStats; ratio: number }> {
    const warmup = opts.warmup ?? 200;
    const n = opts.samples ?? 100;
    const batch = opts.batch ?? 10;
    for (let i = 0; i < warmup; i++) {
      await a();
      await b();
    }
    const sa: number[] = [];
    const sb: number[] = [];
    for (let s = 0; s < n; s++) {
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await a();
      sa.push(Number(process.hrtime.bigint() - t0) / batch);
      t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await b();
      sb.push(Number(process.hrtime.bigint() - t0) / batch);
    }
    const A = stats(sa);
    const B = stats(sb);
    return { a: A, b: B, ratio: A.median / B.median };
  }
}

function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 3 : 5;
  return Number(v.toFixed(digits));
}

export function machineDescription(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: platform(),
    arch: arch(),
    kernel: release(),
    node: process.version,
  };
}

export function mergeResults(file: string, fresh: Map<string, MetricResult>): ResultsFile {
  let current: ResultsFile = { machine: {}, results: {} };
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
    } catch {
      current = { machine: {}, results: {} };
    }
  }
  const results = { ...current.results };
  for (const [name, r] of fresh) results[name] = r;
  const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
  const merged: ResultsFile = { machine: machineDescription(), results: sorted };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(tmp, file);
  return merged;
}

export function renderMarkdown(data: ResultsFile): string {
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${Object.entries(data.machine).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
    '',
    'median and p99 are of the raw samples, in the unit each suite sampled (ns, us or ms per call; for ratios, our side); latest.json names them in each detail.',
    '',
    '| metric | value | unit | goal | met | median | p99 | measured at |',
    '|---|---:|---|---|---|---:|---:|---|',
  ];
  for (const [name, r] of Object.entries(data.results)) {
    const goal = r.goal === null ? 'report only' : `${r.better === 'lower' ? '<=' : '>='} ${r.goal}`;
    const met = r.met === null ? '-' : r.met ? 'met' : '**not met**';
    const med = typeof r.detail.median === 'number' ? String(round(r.detail.median)) : '';
    const p99 = typeof r.detail.p99 === 'number' ? String(round(r.detail.p99)) : '';
    lines.push(`| ${name} | ${r.value} | ${r.unit} | ${goal} | ${met} | ${med} | ${p99} | ${r.at} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeResults(dir: string, fresh: Map<string, MetricResult>): ResultsFile {
  const merged = mergeResults(join(dir, 'latest.json'), fresh);
  writeFileSync(join(dir, 'latest.md'), renderMarkdown(merged));
  return merged;
}
