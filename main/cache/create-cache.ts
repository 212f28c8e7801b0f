// Builds the cache hierarchy from the cache settings: L1 always, L2 only with a Redis URL and a team secret, L3 on the app's database.
import type { Settings } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../store/database.js';
import { HierarchicalCache } from './hierarchy.js';
import { L1MemoryTier } from './l1-memory.js';
import { L2RedisTier } from './l2-redis.js';
import { L3SqliteTier } from './l3-sqlite.js';
import type { ValueCodec } from './value-codec.js';

export interface CreateCacheDeps<V> {
  /** Absent: no L3 (the CLI's --no-cache path builds no cache at all). */
  db?: Database;
  codec: ValueCodec;
  logger: Logger;
  clock?: Clock;
  /** Signs and namespaces L2 entries. Absent: no L2 even with a Redis URL (anyone who can write to Redis could choose our code). */
  teamSecret?: string;
  /** Checks values read from L2/L3 before they are used. */
  validate?: (value: unknown) => value is V;
}

/** The L2 tier for these settings and secret, or undefined when the cache or Redis is not configured. */
export function createL2Tier(settings: Settings['cache'], teamSecret: string | undefined, deps: { logger: Logger; clock?: Clock }): L2RedisTier | undefined {
  if (!settings.enabled || !settings.l2.url || teamSecret === undefined) return undefined;
  return new L2RedisTier({
    url: settings.l2.url,
    prefix: settings.l2.prefix,
    secret: teamSecret,
    ttlMs: settings.l2.ttlMs,
    commandTimeoutMs: settings.l2.commandTimeoutMs,
    breakerCooldownMs: settings.l2.breakerCooldownMs,
    logger: deps.logger,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}

/** A disabled cache is a hierarchy with no tiers: every get misses, every set is a no-op. */
export function createTieredCache<V>(settings: Settings['cache'], deps: CreateCacheDeps<V>): HierarchicalCache<V> {
  const clock = deps.clock ? { clock: deps.clock } : {};
  const enabled = settings.enabled;
  const l2 = createL2Tier(settings, deps.teamSecret, deps);
  return new HierarchicalCache<V>({
    ...(enabled ? { l1: new L1MemoryTier<V>({ maxBytes: settings.l1.maxBytes, ttlMs: settings.l1.ttlMs }) } : {}),
    ...(l2 ? { l2 } : {}),
    ...(enabled && deps.db ? { l3: new L3SqliteTier(deps.db, { ttlMs: settings.l3.ttlMs, ...clock }) } : {}),
    codec: deps.codec,
    compressThresholdBytes: settings.compressThresholdBytes,
    // Read at each write: settings.update applies a new result TTL at once.
    get resultTtlMs() {
      return settings.resultTtlMs;
    },
    logger: deps.logger,
    ...(deps.validate ? { validate: deps.validate } : {}),
    ...clock,
  });
}
