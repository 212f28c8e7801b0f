// Alerts of the performance monitor: the seed's thresholds, de-duplication with a cool-down, the error-rate window, the token cap.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { AppError } from '../../main/core/errors.js';
import type { Alert } from '../../main/monitor/alerts.js';
import { ManualTimers } from '../../main/monitor/manual-timers.js';
import { PerformanceMonitor, type MonitorSettings } from '../../main/monitor/performance-monitor.js';

const sampler = { sample: () => ({ cpuPercent: 0, rssBytes: 0, heapUsedBytes: 0 }) };
const open: PerformanceMonitor[] = [];

function setup(overrides: Partial<MonitorSettings> = {}): { monitor: PerformanceMonitor; time: ManualTimers; alerts: Alert[] } {
  const time = new ManualTimers();
  const settings = { ...parseSettings({}).monitor, ...overrides };
  const monitor = new PerformanceMonitor({ settings, clock: time, timers: time, sampler });
  open.push(monitor);
  const alerts: Alert[] = [];
  monitor.on('alert', (a) => alerts.push(a));
  return { monitor, time, alerts };
}

afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

describe('response time alert', () => {
  it('warns above 2000 ms end to end, not at 2000 ms', () => {
    const { monitor, alerts } = setup();
    monitor.recordRequest({ stages: { total: 2000 } });
    expect(alerts).toEqual([]);
    monitor.recordRequest({ stages: { total: 2001 } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'response_time', severity: 'WARNING', value: 2001, threshold: 2000, suppressed: 0 });
    expect(alerts[0]?.message).toContain('2001 ms');
  });

  it('fires once per cool-down and then reports how many it held back', () => {
    const { monitor, time, alerts } = setup();
    monitor.recordRequest({ stages: { total: 2500 } });
    time.advance(60_000);
    monitor.recordRequest({ stages: { total: 2600 } });
    time.advance(60_000);
    monitor.recordRequest({ stages: { total: 4500 } });
    expect(alerts).toHaveLength(1);
    time.advance(300_000 - 120_000);
    monitor.recordRequest({ stages: { total: 2700 } });
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ kind: 'response_time', value: 2700, suppressed: 2 });
  });
});

describe('stage past its maximum', () => {
  it('warns for a stage past its maximum, each stage de-duplicated on its own', () => {
    const { monitor, alerts } = setup();
    monitor.recordRequest({ stages: { transcription: 1000, intent: 500, generation: 3000, total: 1900 } });
    expect(alerts).toEqual([]);
    monitor.recordRequest({ stages: { transcription: 1001, total: 1900 } });
    monitor.recordRequest({ stages: { transcription: 1500, total: 1900 } });
    monitor.recordRequest({ stages: { generation: 3001, total: 1900 } });
    monitor.recordRequest({ stages: { intent: 501, total: 1900 } });
    expect(alerts.map((a) => [a.kind, a.stage, a.severity, a.threshold])).toEqual([
      ['stage_over_max', 'transcription', 'WARNING', 1000],
      ['stage_over_max', 'generation', 'WARNING', 3000],
      ['stage_over_max', 'intent', 'WARNING', 500],
    ]);
  });
});

describe('error rate alert', () => {
  it('is CRITICAL above 5 % of the requests in the window, not at 5 %', () => {
    const { monitor, alerts } = setup();
    for (let i = 0; i < 19; i++) monitor.recordRequest({ stages: { total: 100 } });
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'NETWORK' });
    expect(alerts).toEqual([]);
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'TIMEOUT' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'error_rate', severity: 'CRITICAL', threshold: 0.05 });
    expect(alerts[0]?.value).toBeCloseTo(2 / 21, 10);
    expect(alerts[0]?.message).toContain('2 of the last 21 requests failed');
  });

  it('waits for enough requests: one failure out of two is not a trend', () => {
    const { monitor, alerts } = setup();
    monitor.recordRequest({ stages: { total: 100 } });
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'NETWORK' });
    expect(alerts).toEqual([]);
  });

  it('forgets failures once they leave the sliding window', () => {
    const { monitor, time, alerts } = setup();
    for (let i = 0; i < 10; i++) monitor.recordRequest({ stages: { total: 100 }, errorCode: 'UNAVAILABLE' });
    for (let i = 0; i < 10; i++) monitor.recordRequest({ stages: { total: 100 } });
    expect(alerts).toHaveLength(1);
    expect(monitor.dashboard().errorRate).toBe(0.5);

    // Past the 5-minute window (and the cool-down): 1 failure in 20 new requests is exactly 5 %.
    time.advance(300_000 + 10_000);
    expect(monitor.dashboard().errorRate).toBe(0);
    for (let i = 0; i < 19; i++) monitor.recordRequest({ stages: { total: 100 } });
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'UNAVAILABLE' });
    expect(monitor.dashboard().errorRate).toBe(0.05);
    expect(alerts).toHaveLength(1);
    expect(monitor.dashboard().errors).toBe(11);
  });

  it('does not count cancellations as errors', () => {
    const { monitor, alerts } = setup();
    for (let i = 0; i < 20; i++) monitor.recordRequest({ stages: { total: 100 }, errorCode: 'CANCELLED' });
    expect(alerts).toEqual([]);
    const report = monitor.saveReport();
    expect(report).toMatchObject({ requests: 20, errors: 0, cancelled: 20, errorRate: 0, errorsByCode: { CANCELLED: 20 } });
  });
});

describe('daily token cap', () => {
  it('refuses new generations with TOKEN_CAP once the cap is reached, until the next day', () => {
    const { monitor, time } = setup({ dailyTokenCap: 1000 });
    monitor.recordRequest({ stages: { total: 900 }, cache: 'miss', tokens: { model: 'gemini-3.5-flash', input: 500, output: 100 } });
    expect(() => monitor.checkTokenCap()).not.toThrow();
    monitor.recordRequest({ stages: { total: 900 }, cache: 'miss', tokens: [{ model: 'gemini-3.5-flash', input: 300, output: 50 }, { model: 'gemini-3.5-flash', input: 40, output: 10 }] });
    let caught: unknown;
    try {
      monitor.checkTokenCap();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'TOKEN_CAP', retryable: false });
    expect((caught as Error).message).toContain('1000 of 1000 tokens used today');
    expect(monitor.dashboard().tokens).toMatchObject({ today: 1000, dailyCap: 1000 });

    time.advance(24 * 3_600_000);
    expect(() => monitor.checkTokenCap()).not.toThrow();
    expect(monitor.dashboard().tokens.today).toBe(0);
  });

  it('never refuses when no cap is set', () => {
    const { monitor } = setup();
    monitor.recordRequest({ stages: { total: 900 }, tokens: { model: 'gemini-3.5-flash', input: 5_000_000, output: 1 } });
    expect(() => monitor.checkTokenCap()).not.toThrow();
  });
});

describe('bad input', () => {
  it('ignores NaN and negative stage times instead of poisoning the percentiles', () => {
    const { monitor } = setup();
    monitor.recordRequest({ stages: { transcription: Number.NaN, total: -5 } });
    monitor.recordRequest({ stages: { transcription: 300, total: 400 } });
    const report = monitor.saveReport();
    expect(report.requests).toBe(2);
    expect(report.stages.transcription).toMatchObject({ count: 1, p95: 300, mean: 300 });
    expect(report.stages.total).toMatchObject({ count: 1, min: 400 });
  });
});

describe('alerts a desktop user needs to see', () => {
  it('a quota error and Gemini refusing every request (breakers open) each raise an alert at once', () => {
    const { monitor, alerts } = setup();
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'QUOTA' });
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([['quota', 'WARNING']]);
    monitor.recordRequest({ stages: { total: 5 }, errorCode: 'NO_HEALTHY_INSTANCE' });
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([['quota', 'WARNING'], ['breaker_open', 'WARNING']]);
    expect(alerts[1]?.message).toMatch(/Gemini is failing/);
    expect(monitor.dashboard().recentAlerts.map((a) => a.kind)).toEqual(['quota', 'breaker_open']);
  });

  it('half of a few requests failing is an error-rate alert (a desktop user makes few requests)', () => {
    const { monitor, alerts } = setup();
    for (let i = 0; i < 3; i++) monitor.recordRequest({ stages: { total: 100 } });
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'UNAVAILABLE' });
    monitor.recordRequest({ stages: { total: 100 }, errorCode: 'UNAVAILABLE' });
    expect(alerts.some((a) => a.kind === 'error_rate' && a.severity === 'CRITICAL')).toBe(true);
  });
});
