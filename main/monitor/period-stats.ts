// What one report period accumulates (latency samples, counters, resource samples, alerts) and the report built from it.
import { STAGES, type Budget, type Stage } from '../core/budgets.js';
import type { Alert, AlertKind } from './alerts.js';
import { Reservoir } from './latency-samples.js';
import type { CacheTier } from './prometheus.js';
import type { PoolSize, Report, StageReport, TokenTotals } from './report.js';
import type { ResourceSample } from './resource-sampler.js';

/** Alerts kept verbatim per period; beyond that only the counts grow. */
const MAX_ALERTS_KEPT = 50;

export class PeriodStats {
  from: number;
  requests = 0;
  errors = 0;
  cancelled = 0;
  readonly errorsByCode = new Map<string, number>();
  readonly cache: Record<CacheTier, number> = { l1: 0, l2: 0, l3: 0, miss: 0 };
  readonly tokensByModel = new Map<string, TokenTotals>();
  readonly tokensByKind = new Map<string, TokenTotals>();
  readonly speculation = { started: 0, kept: 0, wasted: 0, wastedTokens: 0 };
  private readonly samples: Record<Stage, Reservoir>;
  private readonly overMax: Record<Stage, number> = { transcription: 0, intent: 0, generation: 0, total: 0 };
  private resourceSamples = 0;
  private cpuSum = 0;
  private cpuMax = 0;
  private rssSum = 0;
  private rssMax = 0;
  private heapMax = 0;
  private alertsEmitted = 0;
  private alertsSuppressed = 0;
  private readonly alertsByKind: Record<AlertKind, number> = { response_time: 0, stage_over_max: 0, error_rate: 0, quota: 0, breaker_open: 0 };
  private readonly alerts: Alert[] = [];

  constructor(from: number, private readonly budgets: Readonly<Record<Stage, Budget>>, random?: () => number) {
    this.from = from;
    this.samples = {
      transcription: new Reservoir(4096, random),
      intent: new Reservoir(4096, random),
      generation: new Reservoir(4096, random),
      total: new Reservoir(4096, random),
    };
  }

  addStage(stage: Stage, ms: number, overMax: boolean): void {
    this.samples[stage].add(ms);
    if (overMax) this.overMax[stage]++;
  }

  addError(code: string): void {
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + 1);
  }

  addTokens(model: string, input: number, output: number, costUsd: number, kind = 'generation'): void {
    let k = this.tokensByKind.get(kind);
    if (!k) this.tokensByKind.set(kind, (k = { input: 0, output: 0, costUsd: 0 }));
    k.input += input;
    k.output += output;
    k.costUsd += costUsd;
    let t = this.tokensByModel.get(model);
    if (!t) {
      t = { input: 0, output: 0, costUsd: 0 };
      this.tokensByModel.set(model, t);
    }
    t.input += input;
    t.output += output;
    t.costUsd += costUsd;
  }

  addResources(sample: ResourceSample): void {
    this.resourceSamples++;
    this.cpuSum += sample.cpuPercent;
    this.cpuMax = Math.max(this.cpuMax, sample.cpuPercent);
    this.rssSum += sample.rssBytes;
    this.rssMax = Math.max(this.rssMax, sample.rssBytes);
    this.heapMax = Math.max(this.heapMax, sample.heapUsedBytes);
  }

  addAlert(alert: Alert | undefined, kind: AlertKind): void {
    this.alertsByKind[kind]++;
    if (!alert) {
      this.alertsSuppressed++;
      return;
    }
    this.alertsEmitted++;
    if (this.alerts.length < MAX_ALERTS_KEPT) this.alerts.push(alert);
  }

  /** The report without recommendations (recommend() derives those from it). */
  build(to: number, pools: Record<string, PoolSize>): Omit<Report, 'recommendations'> {
    const durationMs = Math.max(0, to - this.from);
    const stages = {} as Record<Stage, StageReport>;
    for (const stage of STAGES) {
      const b = this.budgets[stage];
      stages[stage] = { ...this.samples[stage].summary(), targetMs: b.targetMs, maxMs: b.maxMs, overMax: this.overMax[stage] };
    }
    const hits = this.cache.l1 + this.cache.l2 + this.cache.l3;
    const lookups = hits + this.cache.miss;
    const byModel: Record<string, TokenTotals> = {};
    const tokens = { input: 0, output: 0, costUsd: 0 };
    for (const [model, t] of this.tokensByModel) {
      byModel[model] = { ...t };
      tokens.input += t.input;
      tokens.output += t.output;
      tokens.costUsd += t.costUsd;
    }
    const n = this.resourceSamples;
    return {
      period: { from: this.from, to, durationMs },
      requests: this.requests,
      errors: this.errors,
      cancelled: this.cancelled,
      errorRate: this.requests === 0 ? 0 : this.errors / this.requests,
      errorsByCode: Object.fromEntries(this.errorsByCode),
      throughputPerMinute: durationMs === 0 ? 0 : this.requests / (durationMs / 60_000),
      stages,
      cache: { ...this.cache, hitRate: lookups === 0 ? 0 : hits / lookups },
      tokens: { ...tokens, byModel, byKind: Object.fromEntries([...this.tokensByKind].map(([kind, t]) => [kind, { ...t }])), estimated: true },
      speculation: { ...this.speculation },
      resources: {
        samples: n,
        cpuPercentAvg: n === 0 ? 0 : this.cpuSum / n,
        cpuPercentMax: this.cpuMax,
        rssBytesAvg: n === 0 ? 0 : this.rssSum / n,
        rssBytesMax: this.rssMax,
        heapUsedBytesMax: this.heapMax,
      },
      pools: structuredClone(pools),
      alerts: { emitted: this.alertsEmitted, suppressed: this.alertsSuppressed, byKind: { ...this.alertsByKind }, recent: [...this.alerts] },
    };
  }

  reset(from: number): void {
    this.from = from;
    this.requests = this.errors = this.cancelled = 0;
    this.errorsByCode.clear();
    this.cache.l1 = this.cache.l2 = this.cache.l3 = this.cache.miss = 0;
    this.tokensByModel.clear();
    this.tokensByKind.clear();
    this.speculation.started = this.speculation.kept = this.speculation.wasted = this.speculation.wastedTokens = 0;
    for (const stage of STAGES) {
      this.samples[stage].reset();
      this.overMax[stage] = 0;
    }
    this.resourceSamples = this.cpuSum = this.cpuMax = this.rssSum = this.rssMax = this.heapMax = 0;
    this.alertsEmitted = this.alertsSuppressed = 0;
    this.alertsByKind.response_time = this.alertsByKind.stage_over_max = this.alertsByKind.error_rate = 0;
    this.alerts.length = 0;
  }
}
