// L2 against a real redis-server: a Redis killed mid-test costs the caller nothing, Redis back is used again; AUTH and the key prefix.
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HierarchicalCache } from '../../main/cache/hierarchy.js';
import { createCacheKey } from '../../main/cache/keys.js';
import { L1MemoryTier } from '../../main/cache/l1-memory.js';
import { L2RedisTier } from '../../main/cache/l2-redis.js';
import { L3SqliteTier } from '../../main/cache/l3-sqlite.js';
import { teamNamespace } from '../../main/cache/team-secret.js';
import { InlineCodec } from '../../main/cache/value-codec.js';
import type { Logger } from '../../main/core/logger.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';

const SECRET = 'team a shared cache secret';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Records warnings so a test can check that an outage is logged once, not per request. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = { ...silentLogger, warnings, warn: (_f, m) => void warnings.push(m ?? ''), child: () => logger };
  return logger;
}

async function setup(options: { password?: string; urlPassword?: string } = {}): Promise<{
  redis: RedisServerHandle;
  l1: L1MemoryTier<string>;
  l2: L2RedisTier;
  cache: HierarchicalCache<string>;
  logger: ReturnType<typeof recordingLogger>;
}> {
  const redis = await startRedisServer(options.password ? { password: options.password } : {});
  cleanups.push(() => redis.stop());
  const dir = mkdtempSync(join(tmpdir(), 'vcg-l2-'));
  const db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = options.urlPassword === undefined ? redis.url : `redis://:${options.urlPassword}@127.0.0.1:${redis.port}`;
  const logger = recordingLogger();
  const l1 = new L1MemoryTier<string>({ maxBytes: 1 << 20, ttlMs: 60_000 });
  const l2 = new L2RedisTier({ url, prefix: 'team-a:', secret: SECRET, logger, breakerCooldownMs: 100, reconnectMaxDelayMs: 100, commandTimeoutMs: 500 });
  const cache = new HierarchicalCache<string>({ l1, l2, l3: new L3SqliteTier(db, { ttlMs: 3_600_000 }), codec: new InlineCodec(), compressThresholdBytes: 1 << 20, resultTtlMs: 300_000, logger });
  cleanups.push(() => cache.close());
  return { redis, l1, l2, cache, logger };
}

const key = (t: string) => createCacheKey({ transcript: t, intent: 'generate', language: 'go' });

describe('L2 Redis tier', () => {
  it('keeps answering from L1 and L3 while Redis is dead, counts the skips, and uses Redis again once it is back', async () => {
    const { redis, l1, l2, cache, logger } = await setup();
    await waitFor(() => l2.status === 'ready', 'redis ready');
    const keys = [key('a'), key('b'), key('c')];
    for (const k of keys) await cache.set(k, `value ${k.hash}`);

    await redis.kill();
    await waitFor(() => l2.status !== 'ready', 'ioredis to notice');

    // L1 still answers; with L1 emptied, L3 does. No error reaches the caller.
    expect((await cache.get(keys[0]!))?.tier).toBe('l1');
    l1.clear();
    for (const k of keys) expect(await cache.get(k)).toMatchObject({ tier: 'l3', value: `value ${k.hash}` });
    await expect(cache.set(key('during outage'), 'x')).resolves.toBeUndefined();
    expect(await cache.invalidate('nothing:*')).toMatchObject({ l2: -1 });
    const during = cache.metrics().tiers.l2!;
    expect(during.skips).toBeGreaterThanOrEqual(3);
    expect(during.setSkips).toBeGreaterThanOrEqual(1);
    expect(logger.warnings.filter((w) => w.includes('Redis cache unavailable'))).toHaveLength(1);

    await redis.restart();
    await waitFor(() => l2.status === 'ready', 'ioredis to reconnect by itself');
    await sleep(150); // past the breaker's cool-down
    const k = key('after outage');
    await cache.set(k, 'back');
    l1.clear();
    expect(await cache.get(k)).toMatchObject({ tier: 'l2', value: 'back' });
    // The restarted server is empty; backfill from L3 repopulates it.
    l1.clear();
    expect((await cache.get(keys[1]!))?.tier).toBe('l3');
    await cache.drain();
    l1.clear();
    expect((await cache.get(keys[1]!))?.tier).toBe('l2');
  });

  it('authenticates with the password in the URL and keeps keys under the prefix and the namespace of the team secret', async () => {
    const { redis, l2, cache } = await setup({ password: 's3cret pass' });
    await waitFor(() => l2.status === 'ready', 'redis ready');
    const k = key('auth');
    await cache.set(k, 'hello');
    const raw = new Redis(redis.url);
    cleanups.push(() => void raw.disconnect());
    const stored = `team-a:${teamNamespace(SECRET)}:${k.id}`;
    expect(l2.prefix).toBe(`team-a:${teamNamespace(SECRET)}:`);
    expect(await raw.keys('*')).toEqual([stored]);
    const ttl = await raw.pttl(stored);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it('with a wrong password the tier is skipped, and requests are still answered', async () => {
    const { l2, cache } = await setup({ password: 'right', urlPassword: 'wrong' });
    const k = key('wrong password');
    await sleep(200);
    expect(l2.status).not.toBe('ready');
    await cache.set(k, 'still cached');
    expect(await cache.get(k)).toMatchObject({ tier: 'l1', value: 'still cached' });
    expect(cache.metrics().tiers.l2?.setSkips).toBeGreaterThanOrEqual(1);
  });
});
