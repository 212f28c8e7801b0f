// Memory pressure: while the memory monitor reports critical, new requests are refused with a clear error, then accepted again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { MemoryReading } from '../../main/monitor/memory-reader.js';

const MB = 1024 * 1024;

describe('admission under memory pressure', () => {
  let h: Harness;
  let heapUsed = 100 * MB;
  const reader = { read: async (): Promise<MemoryReading> => ({ process: { heapUsedBytes: heapUsed, heapLimitBytes: 1000 * MB, rssBytes: 300 * MB } }) };

  beforeAll(async () => {
    h = await startHarness({ host: 'web', memoryReader: reader, settings: { monitor: { memory: { intervalMs: 1_000, fastIntervalMs: 1_000 } } } }); // 1 s: the shortest repeating check settings allow
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses typed and spoken requests while critical and accepts them once usage falls below the warning line', async () => {
    await expect(h.app.runText({ text: 'write a hello world function in go', noCache: true }, () => undefined)).resolves.toMatchObject({ complete: true });

    heapUsed = 950 * MB;
    await expect.poll(async () => (await h.app.runText({ text: 'write a hello world function in go', noCache: true }, () => undefined).catch((e: { code: string }) => e)).code ?? 'ok', { timeout: 5000 }).toBe('MEMORY_PRESSURE');
    const refused = await h.app.runText({ text: 'write a sorting function', noCache: true }, () => undefined).catch((e: { code: string; message: string }) => e);
    expect((refused as { message: string }).message).toMatch(/memory/i);
    expect(() => h.app.startDictation()).toThrow(expect.objectContaining({ code: 'MEMORY_PRESSURE' }));

    heapUsed = 100 * MB;
    await expect.poll(async () => (await h.app.runText({ text: 'write a hello world function in go', noCache: true }, () => undefined).catch(() => ({ complete: false }))).complete, { timeout: 5000 }).toBe(true);
  });
});
