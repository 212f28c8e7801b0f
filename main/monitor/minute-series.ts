// The last hour minute by minute, kept by the monitor in memory (so a page reload shows the same chart): requests, errors, stage p50/p95.
import { STAGES, type Stage } from '../core/budgets.js';

export interface MinutePoint {
  /** Start of the minute, wall-clock ms. */
  at: number;
  requests: number;
  errors: number;
  /** Per stage, over the requests of that minute (absent: no sample). */
  p50: Partial<Record<Stage, number>>;
  p95: Partial<Record<Stage, number>>;
}

const MINUTE_MS = 60_000;
/** Samples kept per stage and minute: a reservoir, so a busy minute costs the same memory as a quiet one. */
const SAMPLES_PER_MINUTE = 256;

interface OpenMinute {
  at: number;
  requests: number;
  errors: number;
  samples: Record<Stage, Float64Array>;
  counts: Record<Stage, number>;
}

export class MinuteSeries {
  private readonly closed: MinutePoint[] = [];
  private open: OpenMinute | null = null;

  constructor(
    private readonly minutes = 60,
    private readonly random: () => number = Math.random,
  ) {}

  /** One finished request: a few writes into the current minute. */
  add(now: number, stages: Partial<Record<Stage, number>>, failed: boolean): void {
    const minute = this.minuteAt(now);
    minute.requests++;
    if (failed) minute.errors++;
    for (const stage of STAGES) {
      const ms = stages[stage];
      if (ms === undefined || !(ms >= 0)) continue;
      const seen = minute.counts[stage]++;
      if (seen < SAMPLES_PER_MINUTE) minute.samples[stage][seen] = ms;
      else {
        const slot = Math.floor(this.random() * (seen + 1));
        if (slot < SAMPLES_PER_MINUTE) minute.samples[stage][slot] = ms;
      }
    }
  }

  /** The minutes of the last hour that had requests, oldest first, the current one included. */
  points(now: number): MinutePoint[] {
    this.roll(now);
    const from = Math.floor(now / MINUTE_MS) * MINUTE_MS - (this.minutes - 1) * MINUTE_MS;
    const out = this.closed.filter((p) => p.at >= from);
    if (this.open && this.open.requests > 0) out.push(summarise(this.open));
    return out;
  }

  private minuteAt(now: number): OpenMinute {
    this.roll(now);
    if (this.open === null) this.open = newMinute(Math.floor(now / MINUTE_MS) * MINUTE_MS);
    return this.open;
  }

  /** Closes the open minute once time has moved past it, and forgets minutes older than the window. */
  private roll(now: number): void {
    const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    if (this.open && this.open.at !== start) {
      if (this.open.requests > 0) this.closed.push(summarise(this.open));
      this.open = null;
    }
    const oldest = start - (this.minutes - 1) * MINUTE_MS;
    while (this.closed.length > 0 && (this.closed[0] as MinutePoint).at < oldest) this.closed.shift();
  }
}

function newMinute(at: number): OpenMinute {
  const samples = {} as Record<Stage, Float64Array>;
  const counts = {} as Record<Stage, number>;
  for (const stage of STAGES) {
    samples[stage] = new Float64Array(SAMPLES_PER_MINUTE);
    counts[stage] = 0;
  }
  return { at, requests: 0, errors: 0, samples, counts };
}

function summarise(minute: OpenMinute): MinutePoint {
  const p50: Partial<Record<Stage, number>> = {};
  const p95: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    const n = Math.min(minute.counts[stage], SAMPLES_PER_MINUTE);
    if (n === 0) continue;
    const sorted = minute.samples[stage].slice(0, n).sort();
    p50[stage] = sorted[Math.min(n - 1, Math.floor(0.5 * n))] as number;
    p95[stage] = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)] as number;
  }
  return { at: minute.at, requests: minute.requests, errors: minute.errors, p50, p95 };
}
