// Per-tier counters and a latency window for the hierarchy's metrics() snapshot; recording allocates nothing.

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface TierMetricsSnapshot {
  hits: number;
  misses: number;
  /** Reads that failed (counted, skipped, never surfaced to the caller). */
  errors: number;
  /** Reads not attempted because the tier was unavailable (breaker open, disconnected). */
  skips: number;
  /** Entries read but not used: a bad signature (L2), a value that fails validation or does not decode. Each is also a miss. */
  rejected: number;
  sets: number;
  setErrors: number;
  setSkips: number;
  hitRate: number;
  /** Read latency over the last WINDOW reads. */
  latency: LatencySummary;
}

const WINDOW = 1024;

export class TierMetrics {
  hits = 0;
  misses = 0;
  errors = 0;
  skips = 0;
  rejected = 0;
  sets = 0;
  setErrors = 0;
  setSkips = 0;
  private readonly window = new Float64Array(WINDOW);
  private count = 0;
  private total = 0;
  private max = 0;

  latency(ms: number): void {
    this.window[this.count % WINDOW] = ms;
    this.count++;
    this.total += ms;
    if (ms > this.max) this.max = ms;
  }

  /** `extraRejected`: what the tier itself refused before the hierarchy saw it. */
  snapshot(extraRejected = 0): TierMetricsSnapshot {
    const n = Math.min(this.count, WINDOW);
    const recent = Array.from(this.window.subarray(0, n)).sort((a, b) => a - b);
    const q = (p: number): number => (n === 0 ? 0 : (recent[Math.min(n - 1, Math.ceil(p * n) - 1)] ?? 0));
    const reads = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      errors: this.errors,
      skips: this.skips,
      rejected: this.rejected + extraRejected,
      sets: this.sets,
      setErrors: this.setErrors,
      setSkips: this.setSkips,
      hitRate: reads === 0 ? 0 : this.hits / reads,
      latency: { count: this.count, meanMs: this.count === 0 ? 0 : this.total / this.count, p50Ms: q(0.5), p99Ms: q(0.99), maxMs: this.max },
    };
  }
}
