// The seed's PerformanceMonitor: per-request observations, counters, gauges, alerts, the dashboard and the hourly report.
import { DEFAULT_BUDGETS, STAGES, type Budget, type Stage } from '../core/budgets.js';
import { systemClock, type Clock } from '../core/clock.js';
import { AppError, type ErrorCode } from '../core/errors.js';
import { TypedEmitter, type Disposable, type Listener } from '../core/events.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Settings } from '../config/schema.js';
import { AlertGate, type Alert, type AlertInput } from './alerts.js';
import { RecentWindow, type LatencySummary } from './latency-samples.js';
import { MinuteSeries } from './minute-series.js';
import { SlidingRate } from './sliding-rate.js';
import { PeriodStats } from './period-stats.js';
import { PrometheusMetrics, type CacheTier } from './prometheus.js';
import { recommend } from './recommendations.js';
import type { DashboardSnapshot } from './dashboard.js';
import type { PoolSize, Report, ReportStore } from './report.js';
import type { RequestObservation, SpeculationCounts, TokenUsage } from './request-observation.js';
import { ProcessResourceSampler, type ResourceSample, type ResourceSampler } from './resource-sampler.js';
import { systemTimers, type TimerHandle, type Timers } from './timers.js';
import { DEFAULT_TOKEN_PRICES, type PriceTable } from './token-prices.js';
import { TokenLedger } from './token-ledger.js';

export type MonitorSettings = Settings['monitor'];

export interface PerformanceMonitorEvents {
  alert: Alert;
  dashboard: DashboardSnapshot;
  report: Report;
}

export interface PerformanceMonitorOptions {
  settings: MonitorSettings;
  budgets?: Readonly<Record<Stage, Budget>>;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  reportStore?: ReportStore;
  sampler?: ResourceSampler;
  /** Pass one to serve it yourself; otherwise the monitor creates (and closes) its own. */
  prometheus?: PrometheusMetrics;
  prices?: PriceTable;
  /** The error-rate alert waits for this many requests in the window: 1 failure out of 2 is not a trend, but a desktop user makes few requests. */
  minRequestsForErrorRate?: number;
  random?: () => number;
}

const RECENT_ALERTS = 10;

export class PerformanceMonitor {
  readonly prometheus: PrometheusMetrics;
  private readonly settings: MonitorSettings;
  private readonly budgets: Readonly<Record<Stage, Budget>>;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly store: ReportStore | undefined;
  private readonly sampler: ResourceSampler;
  private readonly ownsPrometheus: boolean;
  private readonly minRequestsForErrorRate: number;
  private readonly emitter: TypedEmitter<PerformanceMonitorEvents>;
  private readonly gate: AlertGate;
  private readonly errorWindow: SlidingRate;
  private readonly period: PeriodStats;
  private readonly recent: Record<Stage, RecentWindow>;
  /** The last hour minute by minute, for the dashboard's charts. */
  private readonly minutes = new MinuteSeries();
  private readonly startedAt: number;
  private readonly life = { requests: 0, errors: 0, cache: { l1: 0, l2: 0, l3: 0, miss: 0 } as Record<CacheTier, number> };
  private readonly speculation = { started: 0, kept: 0, wasted: 0, wastedTokens: 0, wastedPromptTokens: 0, wastedOutputTokens: 0 };
  private readonly ledger: TokenLedger;
  private readonly pools: Record<string, PoolSize> = {};
  private readonly recentAlerts: Alert[] = [];
  private lastResources: ResourceSample | null = null;
  private handles: TimerHandle[] = [];

  constructor(options: PerformanceMonitorOptions) {
    this.settings = options.settings;
    this.budgets = options.budgets ?? DEFAULT_BUDGETS;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.logger = (options.logger ?? silentLogger).child({ component: 'performance-monitor' });
    this.store = options.reportStore;
    this.sampler = options.sampler ?? new ProcessResourceSampler();
    this.ownsPrometheus = options.prometheus === undefined;
    this.prometheus = options.prometheus ?? new PrometheusMetrics();
    this.minRequestsForErrorRate = options.minRequestsForErrorRate ?? 5;
    this.emitter = new TypedEmitter((error, event) => this.logger.error({ err: error, event }, 'monitor listener failed'));
    this.gate = new AlertGate(this.settings.alertCooldownMs, this.clock);
    this.errorWindow = new SlidingRate(this.settings.errorWindowMs);
    this.startedAt = this.clock.now();
    this.period = new PeriodStats(this.startedAt, this.budgets, options.random);
    this.recent = { transcription: new RecentWindow(), intent: new RecentWindow(), generation: new RecentWindow(), total: new RecentWindow() };
    this.ledger = new TokenLedger(options.prices ?? DEFAULT_TOKEN_PRICES, this.startedAt);
  }

  on<K extends keyof PerformanceMonitorEvents>(event: K, listener: Listener<PerformanceMonitorEvents[K]>): Disposable {
    return this.emitter.on(event, listener);
  }

  /** Starts the dashboard push (every dashboardIntervalMs) and the report (every reportIntervalMs). */
  start(): void {
    if (this.handles.length > 0) return;
    this.handles.push(
      this.timers.setInterval(() => this.emitter.emit('dashboard', this.dashboard()), this.settings.dashboardIntervalMs),
      this.timers.setInterval(() => this.saveReport(), this.settings.reportIntervalMs),
    );
  }

  /** Restarts the dashboard and report timers with the current intervals (settings.update changed them). */
  reschedule(): void {
    if (this.handles.length === 0) return;
    for (const handle of this.handles.splice(0)) this.timers.clear(handle);
    this.start();
  }

  /** The hot path: a few counter increments and typed-array writes per request (see the monitor bench). */
  recordRequest(obs: RequestObservation): void {
    const now = this.clock.now();
    const period = this.period;
    period.requests++;
    this.life.requests++;
    this.prometheus.countRequest();
    this.minutes.add(now, obs.stages, obs.errorCode !== undefined && obs.errorCode !== 'CANCELLED');

    for (const stage of STAGES) {
      const ms = obs.stages[stage];
      // Also skips NaN and negative times (a stage that never started), which would poison the samples.
      if (ms === undefined || !(ms >= 0)) continue;
      const max = this.budgets[stage].maxMs;
      period.addStage(stage, ms, ms > max);
      this.recent[stage].add(ms);
      this.prometheus.observeStage(stage, ms);
      if (stage === 'total') {
        if (ms > this.settings.responseTimeAlertMs) this.raise({ kind: 'response_time', severity: 'WARNING', key: 'response_time', stage, value: ms, threshold: this.settings.responseTimeAlertMs, message: `Response took ${Math.round(ms)} ms (alert above ${this.settings.responseTimeAlertMs} ms${ms > max ? `, maximum ${max} ms` : ''}).` });
      } else if (ms > max) {
        this.raise({ kind: 'stage_over_max', severity: 'WARNING', key: `stage_over_max:${stage}`, stage, value: ms, threshold: max, message: `${stage} took ${Math.round(ms)} ms, past its maximum of ${max} ms.` });
      }
    }

    if (obs.cache !== undefined) {
      period.cache[obs.cache]++;
      this.life.cache[obs.cache]++;
      this.prometheus.countCache(obs.cache);
    }
    if (obs.tokens !== undefined) {
      if ('model' in obs.tokens) this.addTokens(obs.tokens as TokenUsage, now);
      else for (const usage of obs.tokens as readonly TokenUsage[]) this.addTokens(usage, now);
    }
    if (obs.speculation !== undefined) this.addSpeculation(obs.speculation);

    const code = obs.errorCode;
    if (code === 'CANCELLED') {
      period.cancelled++;
      period.addError(code);
      this.prometheus.countError(code);
      return;
    }
    const failed = code !== undefined;
    this.errorWindow.add(now, failed);
    if (failed) this.recordFailure(code, now);
  }

  /**
   * Tokens of a Gemini call that is not a request of its own (Live transcription usage arrives with turnComplete,
   * batch transcription, intent assist): they count toward the cost, the daily cap and the by-kind totals.
   */
  recordTokens(usage: TokenUsage | readonly TokenUsage[]): void {
    const now = this.clock.now();
    if ('model' in usage) this.addTokens(usage as TokenUsage, now);
    else for (const u of usage as readonly TokenUsage[]) this.addTokens(u, now);
  }

  /** Throws TOKEN_CAP when today's tokens reached monitor.dailyTokenCap; call before starting a generation. */
  checkTokenCap(): void {
    const cap = this.settings.dailyTokenCap;
    if (cap === null) return;
    const today = this.ledger.todayAt(this.clock.now());
    if (today >= cap) {
      throw new AppError('TOKEN_CAP', `Daily Gemini token cap reached: ${today} of ${cap} tokens used today. Cached answers still work; new generations resume after midnight, or raise monitor.dailyTokenCap in settings.`, {
        retryable: false,
        details: { used: today, cap },
      });
    }
  }

  /** Set by the app whenever a pool grows or shrinks (the session pool under SESSION_POOL). */
  setPoolSize(pool: string, size: PoolSize): void {
    this.pools[pool] = { ...size };
    this.prometheus.setPoolSize(pool, 'size', size.size);
    if (size.idle !== undefined) this.prometheus.setPoolSize(pool, 'idle', size.idle);
  }

  /** Samples CPU and memory (off the hot path: the dashboard timer calls it). */
  sampleResources(): ResourceSample {
    const sample = this.sampler.sample();
    this.lastResources = sample;
    this.period.addResources(sample);
    this.prometheus.setResources(sample.cpuPercent, sample.rssBytes, sample.heapUsedBytes);
    return sample;
  }

  /** A snapshot for the UI: pushed every dashboardIntervalMs once started, and on demand. */
  dashboard(): DashboardSnapshot {
    const now = this.clock.now();
    this.sampleResources();
    const window = this.errorWindow.read(now);
    this.prometheus.setErrorRate(window.rate);
    const stages = {} as Record<Stage, LatencySummary>;
    for (const stage of STAGES) stages[stage] = this.recent[stage].summary();
    return {
      at: now,
      uptimeMs: now - this.startedAt,
      requests: this.life.requests,
      errors: this.life.errors,
      errorRate: window.rate,
      cache: { ...this.life.cache, hitRate: this.hitRate() },
      stages,
      tokens: { today: this.ledger.todayAt(now), dailyCap: this.settings.dailyTokenCap, estimatedCostUsd: this.ledger.costUsd, byKind: this.ledger.byKind() },
      speculation: { ...this.speculation },
      resources: this.lastResources,
      pools: structuredClone(this.pools),
      recentAlerts: [...this.recentAlerts],
      series: this.minutes.points(now),
    };
  }

  /** Builds the report of the period since the last one, saves it, emits it and starts a new period. */
  saveReport(): Report {
    const now = this.clock.now();
    this.sampleResources();
    const base = this.period.build(now, this.pools);
    const report: Report = { ...base, recommendations: recommend(base) };
    this.period.reset(now);
    if (this.store) {
      try {
        this.store.save(report);
      } catch (error) {
        this.logger.error({ err: error, from: report.period.from, to: report.period.to }, 'saving the monitor report failed');
      }
    }
    this.logger.info({ requests: report.requests, errorRate: report.errorRate, p95: report.stages.total.p95, recommendations: report.recommendations }, 'monitor report');
    this.emitter.emit('report', report);
    return report;
  }

  close(): void {
    for (const handle of this.handles.splice(0)) this.timers.clear(handle);
    this.emitter.clear();
    if (this.ownsPrometheus) this.prometheus.close();
  }

  private recordFailure(code: ErrorCode, now: number): void {
    this.period.errors++;
    this.period.addError(code);
    this.life.errors++;
    this.prometheus.countError(code);
    // Gemini refusing requests is worth an alert the first time, not only once the error rate says so.
    if (code === 'QUOTA') this.raise({ kind: 'quota', severity: 'WARNING', key: 'quota', value: 1, threshold: 0, message: "Gemini quota reached: requests wait for Google's retry delay. If it keeps happening, the key's plan is too small." });
    if (code === 'NO_HEALTHY_INSTANCE') this.raise({ kind: 'breaker_open', severity: 'WARNING', key: 'breaker_open', value: 1, threshold: 0, message: 'Gemini is failing: after repeated errors no instance takes requests for now; the app tries again by itself.' });
    const window = this.errorWindow.read(now);
    const threshold = this.settings.errorRateAlert;
    if (window.total >= this.minRequestsForErrorRate && window.rate > threshold) {
      const minutes = Math.round(this.settings.errorWindowMs / 60_000);
      this.raise({ kind: 'error_rate', severity: 'CRITICAL', key: 'error_rate', value: window.rate, threshold, message: `${window.errors} of the last ${window.total} requests failed (${(window.rate * 100).toFixed(1)}% in ${minutes} min, alert above ${threshold * 100}%); last error ${code}.` });
    }
  }

  private addTokens(usage: TokenUsage, now: number): void {
    const added = this.ledger.add(usage, now);
    this.period.addTokens(usage.model, added.input, added.output, added.costUsd, added.kind);
    this.prometheus.countTokens(usage.model, added.input, added.output, added.costUsd, added.kind);
  }

  private addSpeculation(s: SpeculationCounts): void {
    for (const target of [this.period.speculation, this.speculation]) {
      target.started += s.started;
      target.kept += s.kept;
      target.wasted += s.wasted;
      target.wastedTokens += s.wastedTokens;
    }
    this.speculation.wastedPromptTokens += s.wastedPromptTokens ?? 0;
    this.speculation.wastedOutputTokens += s.wastedOutputTokens ?? s.wastedTokens - (s.wastedPromptTokens ?? 0);
    this.prometheus.countSpeculation(s.started, s.kept, s.wasted, s.wastedTokens);
  }

  private raise(input: AlertInput): void {
    this.prometheus.countAlert(input.kind, input.severity);
    const alert = this.gate.offer(input);
    this.period.addAlert(alert, input.kind);
    if (!alert) return;
    this.recentAlerts.push(alert);
    if (this.recentAlerts.length > RECENT_ALERTS) this.recentAlerts.shift();
    const log = alert.severity === 'CRITICAL' ? this.logger.error : this.logger.warn;
    log.call(this.logger, { alert: alert.kind, value: alert.value, threshold: alert.threshold, suppressed: alert.suppressed }, alert.message);
    this.emitter.emit('alert', alert);
  }

  private hitRate(): number {
    const c = this.life.cache;
    const hits = c.l1 + c.l2 + c.l3;
    const rate = hits + c.miss === 0 ? 0 : hits / (hits + c.miss);
    this.prometheus.setCacheHitRatio(rate);
    return rate;
  }
}
