// The memory monitor with an injected reading source: warning -> critical -> recovery, actions in order, admission.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { AppError } from '../../main/core/errors.js';
import { ManualTimers } from '../../main/monitor/manual-timers.js';
import { MemoryMonitor, type MemoryActionResult, type MemoryLevel } from '../../main/monitor/memory-monitor.js';
import { SystemMemoryReader, type MemoryReader, type MemoryReading } from '../../main/monitor/memory-reader.js';

const MiB = 1024 * 1024;

/** A reader whose heap use the test sets (out of a 100 MiB limit). */
class FakeReader implements MemoryReader {
  heapRatio = 0.5;
  fail = false;
  reads = 0;
  read(): Promise<MemoryReading> {
    this.reads++;
    if (this.fail) return Promise.reject(new Error('reader broke'));
    return Promise.resolve({ process: { heapUsedBytes: this.heapRatio * 100 * MiB, heapLimitBytes: 100 * MiB, rssBytes: 150 * MiB } });
  }
}

const open: MemoryMonitor[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

function setup(reader: MemoryReader = new FakeReader()): { monitor: MemoryMonitor; time: ManualTimers } {
  const time = new ManualTimers();
  const monitor = new MemoryMonitor({ settings: parseSettings({}).monitor.memory, reader, clock: time, timers: time });
  open.push(monitor);
  return { monitor, time };
}

/** Stand-ins for the app's caches and pools: real collections the actions empty. */
function appParts(): { l1: Map<string, string>; queryCache: Map<string, string>; idleWorkers: string[]; spareSessions: string[] } {
  return {
    l1: new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'] as [string, string])),
    queryCache: new Map([['q', 'rows']]),
    idleWorkers: ['w1', 'w2', 'w3'],
    spareSessions: ['s1', 's2'],
  };
}

describe('memory monitor', () => {
  it('walks warning -> critical -> recovery, running its actions in order and refusing requests while critical', async () => {
    const reader = new FakeReader();
    const { monitor } = setup(reader);
    const parts = appParts();
    const log: string[] = [];
    const levels: Array<[MemoryLevel, MemoryLevel]> = [];
    monitor.on('level', (s) => levels.push([s.previous, s.level]));
    monitor.on('action', (a: MemoryActionResult) => log.push(`${a.level}:${a.name}:${a.ok ? 'ok' : 'failed'}`));
    monitor.registerAction('warning', 'shrink L1', () => {
      for (const key of [...parts.l1.keys()].slice(0, 5)) parts.l1.delete(key);
    });
    monitor.registerAction('warning', 'drop query cache', () => parts.queryCache.clear());
    monitor.registerAction('warning', 'trim idle workers', async () => {
      await Promise.resolve();
      parts.idleWorkers.splice(1);
    });
    monitor.registerAction('warning', 'close spare sessions', () => {
      parts.spareSessions.splice(1);
    });
    monitor.registerAction('critical', 'clear all memory caches', () => {
      parts.l1.clear();
      parts.queryCache.clear();
    });
    monitor.registerAction('critical', 'terminate idle workers', () => {
      parts.idleWorkers.splice(0);
    });
    monitor.registerAction('critical', 'close spare sessions', () => {
      parts.spareSessions.splice(0);
    });

    await monitor.check();
    expect(monitor.state.level).toBe('normal');
    expect(log).toEqual([]);

    reader.heapRatio = 0.85;
    await monitor.check();
    expect(monitor.state).toMatchObject({ level: 'warning', source: 'heap', admitting: true });
    expect(log).toEqual(['warning:shrink L1:ok', 'warning:drop query cache:ok', 'warning:trim idle workers:ok', 'warning:close spare sessions:ok']);
    expect(parts).toEqual({ l1: expect.any(Map) as unknown, queryCache: new Map(), idleWorkers: ['w1'], spareSessions: ['s1'] });
    expect(parts.l1.size).toBe(5);
    expect(() => monitor.assertAdmission()).not.toThrow();

    log.length = 0;
    reader.heapRatio = 0.93;
    await monitor.check();
    expect(monitor.state).toMatchObject({ level: 'critical', admitting: false });
    expect(log).toEqual(['critical:clear all memory caches:ok', 'critical:terminate idle workers:ok', 'critical:close spare sessions:ok']);
    expect(parts.l1.size).toBe(0);
    expect(parts.idleWorkers).toEqual([]);
    expect(parts.spareSessions).toEqual([]);
    let refused: unknown;
    try {
      monitor.assertAdmission();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'MEMORY_PRESSURE', retryable: true });
    expect((refused as Error).message).toMatch(/^Memory pressure: .*93%.*close other apps or wait\.$/);

    // Back under critical but still above warning: still refused (no flapping).
    reader.heapRatio = 0.85;
    await monitor.check();
    expect(monitor.state).toMatchObject({ level: 'warning', admitting: false });
    expect(monitor.admission().admitted).toBe(false);

    reader.heapRatio = 0.6;
    await monitor.check();
    expect(monitor.state).toMatchObject({ level: 'normal', admitting: true });
    expect(() => monitor.assertAdmission()).not.toThrow();
    expect(levels).toEqual([
      ['normal', 'warning'],
      ['warning', 'critical'],
      ['critical', 'warning'],
      ['warning', 'normal'],
    ]);
  });

  it('checks every 30 s, every 5 s while above warning', async () => {
    const reader = new FakeReader();
    const { monitor, time } = setup(reader);
    monitor.start();
    await flush();
    expect(reader.reads).toBe(1);
    expect(time.pending()).toEqual([{ inMs: 30_000, every: null }]);
    reader.heapRatio = 0.82;
    time.advance(30_000);
    await flush();
    expect(reader.reads).toBe(2);
    expect(monitor.state.level).toBe('warning');
    expect(time.pending()).toEqual([{ inMs: 5_000, every: null }]);
    monitor.close();
    expect(time.pending()).toEqual([]);
  });

  it('runs the remaining actions when one fails, and reports the failure', async () => {
    const reader = new FakeReader();
    const { monitor } = setup(reader);
    const results: MemoryActionResult[] = [];
    monitor.on('action', (a) => results.push(a));
    monitor.registerAction('warning', 'broken', () => {
      throw new Error('nope');
    });
    monitor.registerAction('warning', 'fine', () => undefined);
    reader.heapRatio = 0.8;
    await monitor.check();
    expect(results).toEqual([
      { name: 'broken', level: 'warning', ok: false, error: 'nope' },
      { name: 'fine', level: 'warning', ok: true },
    ]);
  });

  it('keeps the last level when a reading fails', async () => {
    const reader = new FakeReader();
    const { monitor } = setup(reader);
    reader.heapRatio = 0.95;
    await monitor.check();
    reader.fail = true;
    await expect(monitor.check()).resolves.toMatchObject({ level: 'critical', admitting: false });
  });

  it('counts system memory pressure from si.mem() style readings (available, not free)', async () => {
    const source = { mem: () => Promise.resolve({ total: 16_000 * MiB, available: 1_000 * MiB }) };
    const { monitor } = setup(new SystemMemoryReader(source));
    const state = await monitor.check();
    expect(state).toMatchObject({ level: 'critical', source: 'system', admitting: false });
    expect(state.systemRatio).toBeCloseTo(0.9375, 10);
    expect(monitor.admission()).toMatchObject({ admitted: false });
  });
});

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
