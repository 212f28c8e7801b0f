// The systeminformation-backed reader on this machine: plausible numbers, and a monitor cycle that classifies them.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryMonitor } from '../../main/monitor/memory-monitor.js';
import { SystemMemoryReader } from '../../main/monitor/memory-reader.js';

const open: MemoryMonitor[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

describe('system memory reader', () => {
  it('reads system and process memory and the monitor classifies them', async () => {
    const reader = new SystemMemoryReader();
    const reading = await reader.read();
    expect(reading.system?.totalBytes).toBeGreaterThan(0);
    expect(reading.system?.availableBytes).toBeGreaterThan(0);
    expect(reading.system?.availableBytes).toBeLessThanOrEqual(reading.system?.totalBytes ?? 0);
    expect(reading.process.heapUsedBytes).toBeGreaterThan(0);
    expect(reading.process.heapUsedBytes).toBeLessThan(reading.process.heapLimitBytes);
    expect(reading.process.rssBytes).toBeGreaterThan(reading.process.heapUsedBytes / 2);

    const monitor = new MemoryMonitor({ settings: { warning: 0.8, critical: 0.9, intervalMs: 30_000, fastIntervalMs: 5_000 }, reader });
    open.push(monitor);
    const state = await monitor.check();
    expect(['normal', 'warning', 'critical']).toContain(state.level);
    expect(state.systemRatio).toBeGreaterThan(0);
    expect(state.systemRatio).toBeLessThan(1);
    expect(state.usage).toBe(Math.max(state.heapRatio, state.systemRatio ?? 0));
  });
});
