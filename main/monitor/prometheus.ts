// Prometheus text (/metrics) from a private prom-client Registry that the performance monitor feeds.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STAGES, type Stage } from '../core/budgets.js';

/** The seed's buckets (10, 50, 100, 200, 500, 1000, 2000, 5000 ms), in seconds: Prometheus' base unit. */
export const STAGE_BUCKETS_SECONDS: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

export type CacheTier = 'l1' | 'l2' | 'l3' | 'miss';
export const CACHE_TIERS: readonly CacheTier[] = ['l1', 'l2', 'l3', 'miss'];

type Inc = { inc(value?: number): void };
type Observe = { observe(value: number): void };

/**
 * Owns one Registry (never prom-client's global one, so two apps in one process or a test never
 * share counts). Children for fixed labels are bound once: a bound child skips the label hashing,
 * which is most of what an observation costs.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;

  private readonly stageHistogram: Histogram<'stage'>;
  private readonly stageChildren: Record<Stage, Observe>;
  private readonly requests: Counter;
  private readonly errors: Counter<'code'>;
  private readonly errorChildren = new Map<string, Inc>();
  private readonly cache: Counter<'tier'>;
  private readonly cacheChildren: Record<CacheTier, Inc>;
  private readonly tokens: Counter<'model' | 'direction' | 'kind'>;
  private readonly tokenChildren = new Map<string, { input: Inc; output: Inc; cost: Inc }>();
  private readonly cost: Counter<'model' | 'kind'>;
  private readonly speculation: Counter<'outcome'>;
  private readonly speculationWastedTokens: Counter;
  private readonly alerts: Counter<'kind' | 'severity'>;
  private readonly cpu: Gauge;
  private readonly memory: Gauge<'kind'>;
  private readonly cacheHitRatio: Gauge;
  private readonly errorRate: Gauge;
  private readonly poolSize: Gauge<'pool' | 'state'>;
  private rejectedSource: () => Partial<Record<string, number>> = () => ({});

  constructor(prefix = 'voice_codegen_') {
    const registers = [this.registry];
    this.stageHistogram = new Histogram({
      name: `${prefix}stage_duration_seconds`,
      help: 'Time per request stage; stage="total" is end to end.',
      labelNames: ['stage'],
      buckets: [...STAGE_BUCKETS_SECONDS],
      registers,
    });
    const children = {} as Record<Stage, Observe>;
    for (const stage of STAGES) children[stage] = this.stageHistogram.labels(stage);
    this.stageChildren = children;
    this.requests = new Counter({ name: `${prefix}requests_total`, help: 'Requests finished (success or error).', registers });
    this.errors = new Counter({ name: `${prefix}errors_total`, help: 'Failed requests by error code.', labelNames: ['code'], registers });
    this.cache = new Counter({ name: `${prefix}cache_lookups_total`, help: 'Cache lookups by the tier that answered (miss: none).', labelNames: ['tier'], registers });
    const tiers = {} as Record<CacheTier, Inc>;
    for (const tier of CACHE_TIERS) tiers[tier] = this.cache.labels(tier);
    this.cacheChildren = tiers;
    this.tokens = new Counter({ name: `${prefix}gemini_tokens_total`, help: 'Gemini tokens from usageMetadata, by model, direction and kind (transcription, batch_transcription, intent_assist, generation, speculation).', labelNames: ['model', 'direction', 'kind'], registers });
    this.cost = new Counter({ name: `${prefix}gemini_estimated_cost_usd_total`, help: 'Estimated Gemini cost (token-prices.ts), by model and kind.', labelNames: ['model', 'kind'], registers });
    this.speculation = new Counter({ name: `${prefix}speculation_total`, help: 'Speculative generations by outcome.', labelNames: ['outcome'], registers });
    this.speculationWastedTokens = new Counter({ name: `${prefix}speculation_wasted_tokens_total`, help: 'Tokens spent on discarded speculative generations.', registers });
    this.alerts = new Counter({ name: `${prefix}alerts_total`, help: 'Alerts raised (before de-duplication).', labelNames: ['kind', 'severity'], registers });
    this.cpu = new Gauge({ name: `${prefix}process_cpu_percent`, help: 'Process CPU use over the last sample (100 = one core).', registers });
    this.memory = new Gauge({ name: `${prefix}process_memory_bytes`, help: 'Process memory.', labelNames: ['kind'], registers });
    this.cacheHitRatio = new Gauge({ name: `${prefix}cache_hit_ratio`, help: 'Cache hits / lookups since start.', registers });
    this.errorRate = new Gauge({ name: `${prefix}error_rate`, help: 'Errors / requests in the sliding alert window.', registers });
    const rejected = (): Partial<Record<string, number>> => this.rejectedSource();
    new Gauge({
      name: `${prefix}cache_rejected_entries`,
      help: 'Cache entries read but refused since start, by tier (l2: missing or bad team signature; any tier: malformed value).',
      labelNames: ['tier'],
      registers,
      // Read at scrape time from the cache's own counters, so nothing is counted twice.
      collect() {
        for (const [tier, n] of Object.entries(rejected())) if (n !== undefined) this.set({ tier }, n);
      },
    });
    this.poolSize = new Gauge({ name: `${prefix}pool_size`, help: 'Resource pool sizes, set by the app.', labelNames: ['pool', 'state'], registers });
  }

  observeStage(stage: Stage, ms: number): void {
    this.stageChildren[stage].observe(ms / 1000);
  }

  countRequest(): void {
    this.requests.inc();
  }

  countError(code: string): void {
    let child = this.errorChildren.get(code);
    if (!child) {
      child = this.errors.labels(code);
      this.errorChildren.set(code, child);
    }
    child.inc();
  }

  countCache(tier: CacheTier): void {
    this.cacheChildren[tier].inc();
  }

  countTokens(model: string, input: number, output: number, costUsd: number, kind = 'generation'): void {
    const key = `${model}\u0000${kind}`;
    let child = this.tokenChildren.get(key);
    if (!child) {
      child = { input: this.tokens.labels(model, 'input', kind), output: this.tokens.labels(model, 'output', kind), cost: this.cost.labels(model, kind) };
      this.tokenChildren.set(key, child);
    }
    if (input > 0) child.input.inc(input);
    if (output > 0) child.output.inc(output);
    if (costUsd > 0) child.cost.inc(costUsd);
  }

  countSpeculation(started: number, kept: number, wasted: number, wastedTokens: number): void {
    if (started > 0) this.speculation.inc({ outcome: 'started' }, started);
    if (kept > 0) this.speculation.inc({ outcome: 'kept' }, kept);
    if (wasted > 0) this.speculation.inc({ outcome: 'wasted' }, wasted);
    if (wastedTokens > 0) this.speculationWastedTokens.inc(wastedTokens);
  }

  countAlert(kind: string, severity: string): void {
    this.alerts.inc({ kind, severity });
  }

  setResources(cpuPercent: number, rssBytes: number, heapUsedBytes: number): void {
    this.cpu.set(cpuPercent);
    this.memory.set({ kind: 'rss' }, rssBytes);
    this.memory.set({ kind: 'heap_used' }, heapUsedBytes);
  }

  setCacheHitRatio(ratio: number): void {
    this.cacheHitRatio.set(ratio);
  }

  /** Where cache_rejected_entries comes from (the cache hierarchy's tier metrics). */
  setCacheRejectedSource(source: () => Partial<Record<string, number>>): void {
    this.rejectedSource = source;
  }

  setErrorRate(rate: number): void {
    this.errorRate.set(rate);
  }

  setPoolSize(pool: string, state: string, size: number): void {
    this.poolSize.set({ pool, state }, size);
  }

  /** The /metrics body (Prometheus text exposition format 0.0.4); serve it with `contentType`. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.registry.clear();
  }
}
