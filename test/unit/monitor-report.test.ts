// The hourly report from known inputs (exact numbers), its store and recommendations; the dashboard push and its timer.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import type { DashboardSnapshot } from '../../main/monitor/dashboard.js';
import { ManualTimers } from '../../main/monitor/manual-timers.js';
import { PerformanceMonitor } from '../../main/monitor/performance-monitor.js';
import { SESSION_POOL } from '../../main/monitor/recommendations.js';
import type { Report, ReportStore } from '../../main/monitor/report.js';
import type { ResourceSample } from '../../main/monitor/resource-sampler.js';

const open: PerformanceMonitor[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

/** Returns the given samples in turn. */
function scriptedSampler(samples: ResourceSample[]): { sample(): ResourceSample } {
  let i = 0;
  return { sample: () => samples[i++ % samples.length] as ResourceSample };
}

function setup(store?: ReportStore): { monitor: PerformanceMonitor; time: ManualTimers } {
  const time = new ManualTimers();
  const sampler = scriptedSampler([
    { cpuPercent: 10, rssBytes: 100e6, heapUsedBytes: 40e6 },
    { cpuPercent: 30, rssBytes: 300e6, heapUsedBytes: 60e6 },
  ]);
  const monitor = new PerformanceMonitor({ settings: parseSettings({}).monitor, clock: time, timers: time, sampler, ...(store ? { reportStore: store } : {}) });
  open.push(monitor);
  return { monitor, time };
}

const flash = { model: 'gemini-3.5-flash', input: 1000, output: 200 };

/** 21 requests, one every 30 s: 4 L1 hits, 16 generations (2 of them slow), 1 QUOTA failure. */
function playKnownHour(monitor: PerformanceMonitor, time: ManualTimers): void {
  const step = (): void => time.advance(30_000);
  for (let i = 0; i < 4; i++) {
    step();
    monitor.recordRequest({ stages: { transcription: 400, intent: 1, total: 420 }, cache: 'l1' });
  }
  for (let i = 0; i < 14; i++) {
    step();
    const speculation = i < 2 ? { started: 1, kept: 1, wasted: 0, wastedTokens: 0 } : i === 2 ? { started: 1, kept: 0, wasted: 1, wastedTokens: 150 } : undefined;
    monitor.recordRequest({ stages: { transcription: 400, intent: 1, generation: 1200, total: 1700 }, cache: 'miss', tokens: flash, ...(speculation ? { speculation } : {}) });
    if (i === 6) monitor.dashboard();
  }
  for (let i = 0; i < 2; i++) {
    step();
    monitor.recordRequest({ stages: { transcription: 900, intent: 1, generation: 1200, total: 2200 }, cache: 'miss', tokens: flash });
  }
  step();
  monitor.recordRequest({ stages: { transcription: 400, intent: 1, total: 500 }, errorCode: 'QUOTA' });
}

describe('hourly report', () => {
  it('is computed exactly from known inputs and saved to the store', () => {
    const saved: Report[] = [];
    const { monitor, time } = setup({ save: (r) => saved.push(r) });
    monitor.setPoolSize(SESSION_POOL, { size: 1, idle: 1, min: 1, max: 4 });
    const start = time.now();
    playKnownHour(monitor, time);

    const report = monitor.saveReport();
    expect(saved).toEqual([report]);
    expect(report.period).toEqual({ from: start, to: start + 630_000, durationMs: 630_000 });
    expect(report.requests).toBe(21);
    expect(report.errors).toBe(1);
    expect(report.errorRate).toBeCloseTo(1 / 21, 12);
    expect(report.errorsByCode).toEqual({ QUOTA: 1 });
    expect(report.throughputPerMinute).toBe(2);

    const { transcription, intent, generation, total } = report.stages;
    expect(transcription).toMatchObject({ count: 21, min: 400, max: 900, p50: 400, p95: 900, p99: 900, targetMs: 500, maxMs: 1000, overMax: 0 });
    expect(transcription.mean).toBeCloseTo(9400 / 21, 9);
    expect(intent).toMatchObject({ count: 21, mean: 1, p50: 1, p95: 1, p99: 1 });
    expect(generation).toMatchObject({ count: 16, mean: 1200, p50: 1200, p95: 1200, p99: 1200, overMax: 0 });
    expect(total).toMatchObject({ count: 21, min: 420, max: 2200, p50: 1700, p95: 2200, p99: 2200 });
    expect(total.mean).toBeCloseTo(30380 / 21, 9);

    expect(report.cache).toEqual({ l1: 4, l2: 0, l3: 0, miss: 16, hitRate: 0.2 });
    expect(report.tokens.input).toBe(16_000);
    expect(report.tokens.output).toBe(3_200);
    // $0.30 per 1M input and $2.50 per 1M output (token-prices.ts).
    expect(report.tokens.costUsd).toBeCloseTo(0.0128, 12);
    expect(Object.keys(report.tokens.byModel)).toEqual(['gemini-3.5-flash']);
    expect(report.speculation).toEqual({ started: 3, kept: 2, wasted: 1, wastedTokens: 150 });
    expect(report.resources).toEqual({ samples: 2, cpuPercentAvg: 20, cpuPercentMax: 30, rssBytesAvg: 200e6, rssBytesMax: 300e6, heapUsedBytesMax: 60e6 });
    expect(report.pools).toEqual({ [SESSION_POOL]: { size: 1, idle: 1, min: 1, max: 4 } });
    // The failure is 1 of the 10 requests in the 5-minute window (one every 30 s): 10 % > 5 %; a quota error is its own alert too.
    expect(report.alerts).toMatchObject({ emitted: 3, suppressed: 1, byKind: { response_time: 2, stage_over_max: 0, error_rate: 1, quota: 1, breaker_open: 0 } });
    expect(report.alerts.recent.map((a) => [a.kind, a.severity, a.value])).toEqual([
      ['response_time', 'WARNING', 2200],
      ['quota', 'WARNING', 1],
      ['error_rate', 'CRITICAL', 0.1],
    ]);
    expect(report.recommendations).toEqual(['transcription p95 900 ms (target 500 ms): raise the warm session pool from 1 to 2']);
  });

  it('starts a new period after each report, every reportIntervalMs once started', () => {
    const saved: Report[] = [];
    const { monitor, time } = setup({ save: (r) => saved.push(r) });
    monitor.start();
    monitor.recordRequest({ stages: { total: 300 }, cache: 'l1' });
    time.advance(3_600_000);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.requests).toBe(1);
    time.advance(3_600_000);
    expect(saved).toHaveLength(2);
    expect(saved[1]).toMatchObject({ requests: 0, recommendations: ['no requests in this period'] });
    expect(saved[1]?.period.from).toBe(saved[0]?.period.to);
  });

  it('recommends from the data: slow generation, a cold cache, frequent errors', () => {
    const { monitor } = setup();
    for (let i = 0; i < 20; i++) {
      monitor.recordRequest({ stages: { transcription: 300, generation: 2500, total: 2900 }, cache: 'miss', tokens: { model: 'gemini-3.5-flash', input: 500, output: 1500 } });
    }
    for (let i = 0; i < 3; i++) monitor.recordRequest({ stages: { total: 50 }, errorCode: 'QUOTA' });
    const advice = monitor.saveReport().recommendations;
    expect(advice).toEqual([
      'generation p95 2500 ms (target 1500 ms): choose a faster model in gemini.models.codegen or send less context (about 1500 output tokens each: lower gemini.maxOutputTokens)',
      'cache hit rate 0%: repeated requests are rare or expire first; raise cache.resultTtlMs if you repeat requests over longer spans',
      'error rate 13% (mostly QUOTA, 3 times): the Gemini quota is being hit: add another Gemini instance (gemini.instances) or slow down',
    ]);
  });

  it('keeps running when the store fails to save, and still emits the report', () => {
    const { monitor } = setup({
      save: () => {
        throw new Error('disk full');
      },
    });
    const emitted: Report[] = [];
    monitor.on('report', (r) => emitted.push(r));
    monitor.recordRequest({ stages: { total: 100 } });
    expect(() => monitor.saveReport()).not.toThrow();
    expect(emitted).toHaveLength(1);
  });
});

describe('dashboard', () => {
  it('is pushed every 30 s once started, is available on demand, and stops on close', () => {
    const { monitor, time } = setup();
    const pushed: DashboardSnapshot[] = [];
    monitor.on('dashboard', (d) => pushed.push(d));
    monitor.start();
    monitor.recordRequest({ stages: { transcription: 200, total: 800 }, cache: 'l2' });
    monitor.recordRequest({ stages: { transcription: 400, total: 1200 }, cache: 'miss' });
    time.advance(29_999);
    expect(pushed).toHaveLength(0);
    time.advance(1);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ requests: 2, errors: 0, cache: { l2: 1, miss: 1, hitRate: 0.5 }, resources: { cpuPercent: 10 } });
    expect(pushed[0]?.stages.transcription).toMatchObject({ count: 2, p50: 200, p95: 400, max: 400 });
    time.advance(60_000);
    expect(pushed).toHaveLength(3);

    expect(monitor.dashboard().uptimeMs).toBe(90_000);
    monitor.close();
    expect(time.pending()).toEqual([]);
    time.advance(60_000);
    expect(pushed).toHaveLength(3);
  });
});
