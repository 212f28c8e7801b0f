// The tiered cache with a real redis-server and a real SQLite file: backfill order, TTL per tier, invalidate(pattern), compression, one key per request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheWorkerPool } from '../../main/cache/cache-worker-pool.js';
import { readHeader } from '../../main/cache/envelope.js';
import { HierarchicalCache } from '../../main/cache/hierarchy.js';
import { type CacheKey, createCacheKey } from '../../main/cache/keys.js';
import { L1MemoryTier } from '../../main/cache/l1-memory.js';
import { L2RedisTier } from '../../main/cache/l2-redis.js';
import { L3SqliteTier } from '../../main/cache/l3-sqlite.js';
import type { ByteTier } from '../../main/cache/tier.js';
import { InlineCodec, type ValueCodec } from '../../main/cache/value-codec.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';

interface Result {
  code: string;
  language: string;
}

let redis: RedisServerHandle;
let dir: string;
let db: Database;
let l1: L1MemoryTier<Result>;
let l2: L2RedisTier;
let l3: L3SqliteTier;
let cache: HierarchicalCache<Result>;

const key = (transcript: string, language = 'typescript'): CacheKey => createCacheKey({ transcript, intent: 'generate', language });
const value = (code: string): Result => ({ code, language: 'typescript' });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function build(ttl: { l1?: number; l2?: number; l3?: number; result?: number } = {}, codec: ValueCodec = new InlineCodec(), threshold = 16 * 1024): void {
  l1 = new L1MemoryTier<Result>({ maxBytes: 10 * 1024 * 1024, ttlMs: ttl.l1 ?? 60_000 });
  l2 = new L2RedisTier({ url: redis.url, secret: 'hierarchy test team secret', prefix: `test-${Math.random().toString(36).slice(2)}:`, ttlMs: ttl.l2 ?? 300_000, logger: silentLogger, commandTimeoutMs: 1000 });
  l3 = new L3SqliteTier(db, { ttlMs: ttl.l3 ?? 3_600_000 });
  cache = new HierarchicalCache<Result>({ l1, l2, l3, codec, compressThresholdBytes: threshold, resultTtlMs: ttl.result ?? 300_000, logger: silentLogger });
}

async function untilReady(tier: L2RedisTier): Promise<void> {
  for (let i = 0; i < 200 && tier.status !== 'ready'; i++) await sleep(10);
}

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis.stop();
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-cache-'));
  db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
});

afterEach(async () => {
  await cache.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tiered cache', () => {
  it('reads L1, then L2, then L3, and backfills the faster tiers from the tier that hit', async () => {
    build();
    await untilReady(l2);
    const k = key('reverse a string');
    await cache.set(k, value('s.split("").reverse().join("")'));
    expect((await cache.get(k))?.tier).toBe('l1');

    // Only L3 holds it: the hit comes from L3 and refills L2 and L1.
    l1.clear();
    await l2.invalidate('*');
    const fromL3 = await cache.get(k);
    expect(fromL3).toMatchObject({ tier: 'l3', value: value('s.split("").reverse().join("")') });
    await cache.drain();
    expect(l1.get(k)).toBeDefined();
    expect(await l2.get(k)).toBeDefined();
    expect((await cache.get(k))?.tier).toBe('l1');

    // L1 lost it again: L2 answers before L3 is asked.
    l1.clear();
    const l3Hits = cache.metrics().tiers.l3?.hits;
    expect((await cache.get(k))?.tier).toBe('l2');
    expect(cache.metrics().tiers.l3?.hits).toBe(l3Hits);
    expect((await cache.get(k))?.tier).toBe('l1');
  });

  it('reports how old a hit is, from the time it was first stored', async () => {
    build();
    await untilReady(l2);
    const k = key('age');
    await cache.set(k, value('x'));
    await sleep(30);
    l1.clear();
    const hit = await cache.get(k);
    expect(hit?.tier).toBe('l2');
    expect(hit?.ageMs).toBeGreaterThanOrEqual(25);
  });

  it('expires each tier after its own TTL, and a backfilled copy never outlives its source', async () => {
    build({ l1: 50, l2: 250, l3: 500 });
    await untilReady(l2);
    const k = key('ttl');
    const t0 = Date.now();
    await cache.set(k, value('ttl'));
    expect((await cache.get(k))?.tier).toBe('l1');
    await sleep(100 - (Date.now() - t0));
    expect((await cache.get(k))?.tier).toBe('l2');
    await sleep(330 - (Date.now() - t0));
    expect((await cache.get(k))?.tier).toBe('l3');
    await cache.drain();
    await sleep(560 - (Date.now() - t0));
    expect(await cache.get(k)).toBeUndefined();
  });

  it('lets the result TTL cap every tier', async () => {
    build();
    await untilReady(l2);
    const k = key('short');
    await cache.set(k, value('short'), { ttlMs: 40 });
    await sleep(80);
    expect(await cache.get(k)).toBeUndefined();
    expect(l3.get(k)).toBeUndefined();
    expect(await l2.get(k)).toBeUndefined();
  });

  it('invalidates a pattern on every tier and leaves the rest', async () => {
    build();
    await untilReady(l2);
    const py = [key('one', 'python'), key('two', 'python')];
    const ts = key('three', 'typescript');
    for (const k of [...py, ts]) await cache.set(k, value(k.id));
    expect(await cache.invalidate('python:*')).toEqual({ l1: 2, l2: 2, l3: 2 });
    for (const k of py) {
      expect(l1.get(k)).toBeUndefined();
      expect(await l2.get(k)).toBeUndefined();
      expect(l3.get(k)).toBeUndefined();
      expect(await cache.get(k)).toBeUndefined();
    }
    expect((await cache.get(ts))?.tier).toBe('l1');
  });

  it('hashes the key once per request: every tier receives the same key object', async () => {
    build();
    await untilReady(l2);
    const seen = new Set<CacheKey>();
    const recording = (tier: ByteTier): ByteTier => ({
      name: tier.name,
      available: () => tier.available(),
      get: (k, s) => (seen.add(k), tier.get(k, s)),
      set: (k, e, x, s) => (seen.add(k), tier.set(k, e, x, s)),
      invalidate: (p, s) => tier.invalidate(p, s),
      close: () => tier.close(),
    });
    const other = new HierarchicalCache<Result>({ l1, l2: recording(l2), l3: recording(l3), codec: new InlineCodec(), compressThresholdBytes: 1e6, resultTtlMs: 60_000, logger: silentLogger });
    const k = key('once');
    await other.get(k);
    await other.set(k, value('once'));
    l1.clear();
    await other.get(k);
    expect([...seen]).toEqual([k]);
  });

  it.each([
    ['inline codec', (): ValueCodec => new InlineCodec('gzip')],
    ['worker codec', (): ValueCodec => new CacheWorkerPool({ workerFile: resolve('dist/workers/cache.js'), databaseFile: join(dir, 'app.db') })],
  ])('compresses values above the threshold before L2/L3 (%s) and reads them back', async (_name, makeCodec) => {
    const codec = makeCodec();
    try {
      build({}, codec, 1024);
      await untilReady(l2);
      const big = value('const x = 1;\n'.repeat(2000));
      const small = value('y');
      const kb = key('big');
      const ks = key('small');
      await cache.set(kb, big);
      await cache.set(ks, small);
      expect(readHeader(l3.get(kb) as Buffer)?.codec).not.toBe(0);
      expect((l3.get(kb) as Buffer).length).toBeLessThan(JSON.stringify(big).length / 4);
      expect(readHeader(l3.get(ks) as Buffer)?.codec).toBe(0);
      l1.clear();
      expect(await cache.get(kb)).toMatchObject({ tier: 'l2', value: big });
      l1.clear();
      await l2.invalidate('*');
      expect(await cache.get(kb)).toMatchObject({ tier: 'l3', value: big });
    } finally {
      await cache.close();
      if (codec instanceof CacheWorkerPool) await codec.close();
    }
  });

  it('sheds L1 under memory pressure, least recently used first, and still answers from L2/L3', async () => {
    build();
    await untilReady(l2);
    const keys = Array.from({ length: 10 }, (_, i) => key(`pressure ${i}`));
    for (const k of keys) await cache.set(k, value('x'.repeat(1000)));
    await cache.get(keys[0]!);
    const before = cache.metrics().l1!.bytes;
    cache.shrinkMemory(0.5);
    expect(cache.metrics().l1!.bytes).toBeLessThanOrEqual(before / 2);
    expect(l1.get(keys[0]!)).toBeDefined();
    expect(l1.get(keys[1]!)).toBeUndefined();
    expect((await cache.get(keys[1]!))?.tier).toBe('l2');
    cache.shrinkMemory(0);
    expect(cache.metrics().l1!.entries).toBe(0);
  });

  it('answers from the remaining tiers when one fails, counting the error instead of throwing', async () => {
    build();
    await untilReady(l2);
    const k = key('survive');
    await cache.set(k, value('survive'));
    l1.clear();
    await l2.invalidate('*');
    db.close();
    // L3's connection is gone: the read fails inside the tier, and the caller just sees a miss.
    await expect(cache.get(k)).resolves.toBeUndefined();
    await expect(cache.set(key('after'), value('after'))).resolves.toBeUndefined();
    const m = cache.metrics().tiers.l3;
    expect(m?.errors).toBe(1);
    expect(m?.setErrors).toBe(1);
    db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
  });
});
