// Latency samples and the sliding error window: exact quantiles within capacity, bounded memory beyond, time slots.
import { describe, expect, it } from 'vitest';
import { quantile, RecentWindow, Reservoir } from '../../main/monitor/latency-samples.js';
import { SlidingRate } from '../../main/monitor/sliding-rate.js';

describe('reservoir', () => {
  it('gives exact nearest-rank percentiles while within capacity', () => {
    const r = new Reservoir(100);
    for (let v = 100; v >= 1; v--) r.add(v);
    expect(r.summary()).toEqual({ count: 100, mean: 50.5, min: 1, max: 100, p50: 50, p95: 95, p99: 99 });
  });

  it('keeps count, mean, min and max exact and a uniform sample beyond capacity', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const r = new Reservoir(1000, random);
    for (let v = 1; v <= 100_000; v++) r.add(v);
    const s = r.summary();
    expect(s).toMatchObject({ count: 100_000, mean: 50_000.5, min: 1, max: 100_000 });
    expect(s.p50).toBeGreaterThan(45_000);
    expect(s.p50).toBeLessThan(55_000);
    expect(s.p95).toBeGreaterThan(93_000);
  });

  it('starts over after reset', () => {
    const r = new Reservoir(10);
    r.add(5);
    r.reset();
    expect(r.summary().count).toBe(0);
    r.add(7);
    expect(r.summary()).toMatchObject({ count: 1, p50: 7, p99: 7, mean: 7 });
  });
});

describe('recent window', () => {
  it('summarises only the last values', () => {
    const w = new RecentWindow(3);
    for (const v of [1000, 1000, 10, 20, 30]) w.add(v);
    expect(w.summary()).toEqual({ count: 3, mean: 20, min: 10, max: 30, p50: 20, p95: 30, p99: 30 });
  });
});

describe('quantile', () => {
  it('is 0 for no data', () => {
    expect(quantile([], 0.95)).toBe(0);
  });
});

describe('sliding rate', () => {
  it('counts requests of the last window only, moving in slot steps', () => {
    const w = new SlidingRate(60_000, 6);
    w.add(0, true);
    w.add(5_000, false);
    w.add(30_000, false);
    w.add(30_000, false);
    expect(w.read(30_000)).toEqual({ total: 4, errors: 1, rate: 0.25 });
    // The first slot (0-10 s) leaves the window once time reaches 60 s.
    expect(w.read(59_999)).toEqual({ total: 4, errors: 1, rate: 0.25 });
    expect(w.read(60_000)).toEqual({ total: 2, errors: 0, rate: 0 });
    expect(w.read(200_000)).toEqual({ total: 0, errors: 0, rate: 0 });
  });
});
