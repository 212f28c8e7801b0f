// Bounded latency samples with exact quantiles: a period reservoir for reports and a recent window for the dashboard.
//
// Why not hdr-histogram-js or prom-client's Summary: hdr-histogram-js is not a dependency, and
// prom-client's Summary keeps a t-digest whose insert costs several times a Float64Array write.
// prom-client's Histogram (fed alongside, see prometheus.ts) only knows the seed's 8 buckets, so
// its quantiles would read "p95 between 500 and 1000 ms". A desktop app makes at most a few
// hundred requests an hour, so a 4096-sample reservoir per stage is exact for any realistic report
// period (users see "p95 900 ms", not an interpolation) and degrades to a uniform random sample
// (Vitter's algorithm R) beyond that; count, sum, min and max stay exact. Inserts are O(1) into a
// preallocated typed array (no garbage on the hot path); sorting happens only when a report or
// the dashboard asks.

export interface LatencySummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

export const EMPTY_SUMMARY: Readonly<LatencySummary> = Object.freeze({ count: 0, mean: 0, min: 0, max: 0, p50: 0, p95: 0, p99: 0 });

/** Nearest-rank quantile of an ascending array (the same definition as the bench harness). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

function summarize(values: Float64Array, count: number, sum: number, min: number, max: number): LatencySummary {
  if (count === 0) return { ...EMPTY_SUMMARY };
  const sorted = values.slice().sort();
  return { count, mean: sum / count, min, max, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
}

/** Uniform sample of everything seen since the last reset (algorithm R); exact up to its capacity. */
export class Reservoir {
  private readonly values: Float64Array;
  private seen = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(readonly capacity = 4096, private readonly random: () => number = Math.random) {
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    const n = this.seen++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (n < this.capacity) {
      this.values[n] = value;
      return;
    }
    const j = Math.floor(this.random() * (n + 1));
    if (j < this.capacity) this.values[j] = value;
  }

  get count(): number {
    return this.seen;
  }

  summary(): LatencySummary {
    const kept = Math.min(this.seen, this.capacity);
    return summarize(this.values.subarray(0, kept), this.seen, this.sum, this.min, this.max);
  }

  reset(): void {
    this.seen = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

/** The last `capacity` values (a ring): what the dashboard shows, so old slow requests age out. */
export class RecentWindow {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 1000) {
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    this.values[this.next] = value;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.filled < this.capacity) this.filled++;
  }

  summary(): LatencySummary {
    const view = this.values.subarray(0, this.filled);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of view) {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return summarize(view, this.filled, sum, min, max);
  }
}
