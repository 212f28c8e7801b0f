// The dashboard's last hour, minute by minute: kept by the monitor, so every page (and a reload) shows the same chart.
import { describe, expect, it } from 'vitest';
import { MinuteSeries } from '../../main/monitor/minute-series.js';
import { PerformanceMonitor } from '../../main/monitor/performance-monitor.js';
import { ManualTimers } from '../../main/monitor/manual-timers.js';
import { parseSettings } from '../../main/config/load.js';

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);
const MIN = 60_000;

describe('minute series', () => {
  it('counts requests and errors per minute and gives each stage its p50 and p95', () => {
    const series = new MinuteSeries();
    for (let i = 1; i <= 100; i++) series.add(T0 + i * 100, { total: i, generation: 2 * i }, i % 10 === 0);
    series.add(T0 + MIN + 5, { total: 7 }, false);
    const points = series.points(T0 + MIN + 10);
    expect(points.map((p) => [p.at, p.requests, p.errors])).toEqual([[T0, 100, 10], [T0 + MIN, 1, 0]]);
    expect(points[0]?.p50).toEqual({ total: 51, generation: 102 });
    expect(points[0]?.p95).toEqual({ total: 95, generation: 190 });
    expect(points[1]?.p50).toEqual({ total: 7 });
  });

  it('keeps an hour only, and skips minutes without requests', () => {
    const series = new MinuteSeries();
    series.add(T0, { total: 1 }, false);
    series.add(T0 + 30 * MIN, { total: 2 }, true);
    expect(series.points(T0 + 30 * MIN).map((p) => p.at)).toEqual([T0, T0 + 30 * MIN]);
    expect(series.points(T0 + 61 * MIN).map((p) => p.at)).toEqual([T0 + 30 * MIN]);
    expect(series.points(T0 + 120 * MIN)).toEqual([]);
  });

  it('holds bounded memory in a busy minute (a reservoir of samples) and its percentiles stay plausible', () => {
    let seed = 1;
    const series = new MinuteSeries(60, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    for (let i = 0; i < 50_000; i++) series.add(T0 + (i % 59_000), { total: i % 1000 }, false);
    const [point] = series.points(T0 + 59_500);
    expect(point?.requests).toBe(50_000);
    expect(point?.p50.total).toBeGreaterThan(350);
    expect(point?.p50.total).toBeLessThan(650);
    expect(point?.p95.total).toBeGreaterThan(850);
  });

  it('is in the dashboard snapshot, so a reload shows the same history', () => {
    let now = T0;
    const monitor = new PerformanceMonitor({ settings: parseSettings({}).monitor, clock: { now: () => now, monotonic: () => now }, timers: new ManualTimers() });
    monitor.recordRequest({ stages: { total: 120 } });
    now += MIN;
    monitor.recordRequest({ stages: { total: 80 }, errorCode: 'UNAVAILABLE' });
    monitor.recordRequest({ stages: { total: 5 }, errorCode: 'CANCELLED' });
    const first = monitor.dashboard().series;
    expect(first.map((p) => [p.requests, p.errors])).toEqual([[1, 0], [2, 1]]);
    expect(monitor.dashboard().series).toEqual(first);
    monitor.close();
  });
});
