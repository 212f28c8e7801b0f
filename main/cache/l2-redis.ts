// L2: the team's shared Redis tier (ioredis): signed entries in the team's namespace, TTL 5 min, SCAN+UNLINK invalidation, and a breaker.
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import { throwIfAborted } from '../core/abort.js';
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { Breaker } from './breaker.js';
import { capExpiry } from './envelope.js';
import type { CacheKey } from './keys.js';
import { EntrySigner, SIGNATURE_BYTES } from './team-secret.js';
import type { ByteTier } from './tier.js';

export interface L2Options {
  /** redis://[user:password@]host:port/db or rediss:// for TLS. */
  url: string;
  /** Put in front of the team's namespace; default 'vcg:'. Keys are `${prefix}${namespace}:${id}`. */
  prefix?: string;
  /**
   * The team secret: every entry is signed with it (HMAC-SHA256 over key and value) and an entry without a valid
   * signature is a miss, so whoever can write to Redis cannot choose another user's code. Its hash names the namespace.
   */
  secret: string;
  /** Entries larger than this (signed bytes) are neither written nor read: a miss, counted as rejected. Default 4 MiB. */
  maxEntryBytes?: number;
  ttlMs?: number;
  /** A command slower than this counts as a failure (opens the breaker). */
  commandTimeoutMs?: number;
  breakerCooldownMs?: number;
  /** Cap of the reconnect back-off; ioredis keeps reconnecting forever. */
  reconnectMaxDelayMs?: number;
  /** Extra TLS options for rediss:// (a private CA, for example). */
  tls?: RedisOptions['tls'];
  logger: Logger;
  clock?: Clock;
}

/**
 * ioredis is loaded when a Redis tier is first made (REDIS_URL and a team secret set), not at every start: its
 * import took ~100-450 ms of the web host's start to "ready to dictate" (test/bench/suites/footprint.ts), for users
 * who mostly have no Redis. The bundles define require (CommonJS, or the ESM banner); sources under tsx do not.
 */
function loadIoredis(): { Redis: typeof Redis } {
  try {
    // esbuild's CommonJS build (Electron) leaves import.meta empty, but has require and never evaluates it.
    const load = typeof require === 'function' ? require : createRequire(import.meta.url);
    return load('ioredis') as { Redis: typeof Redis };
  } catch (error) {
    throw new AppError('CACHE', `The Redis client (ioredis) could not be loaded: ${error instanceof Error ? error.message : String(error)}. Reinstall Voice CodeGen, or remove REDIS_URL.`, { cause: error });
  }
}

export class L2RedisTier implements ByteTier {
  readonly name = 'l2' as const;
  readonly prefix: string;
  readonly ttlMs: number;
  readonly breaker: Breaker;
  /** Entries read but not used: unsigned, badly signed (written without the team secret) or too large. */
  rejected = 0;
  private readonly redis: Redis;
  private readonly signer: EntrySigner;
  private readonly maxEntryBytes: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private closed = false;

  constructor(options: L2Options) {
    this.signer = new EntrySigner(options.secret);
    this.prefix = `${options.prefix ?? 'vcg:'}${this.signer.namespace}:`;
    this.maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 300_000;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'cache-l2' });
    this.breaker = new Breaker(options.breakerCooldownMs ?? 10_000, this.clock, {
      onOpen: (error) => this.logger.warn({ err: error, cooldownMs: options.breakerCooldownMs ?? 10_000 }, 'Redis cache unavailable: skipping it until it answers again'),
      onClose: () => this.logger.info({}, 'Redis cache answering again'),
    });
    const maxDelay = options.reconnectMaxDelayMs ?? 5_000;
    const { Redis: RedisClient } = loadIoredis();
    this.redis = new RedisClient(options.url, {
      // No offline queue: while disconnected a command fails at once instead of waiting for a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(maxDelay, 50 * 2 ** Math.min(times, 10)),
      lazyConnect: false,
      ...(options.tls ? { tls: options.tls } : {}),
    });
    // Without a listener ioredis prints every connection error; the breaker logs once per outage instead.
    this.redis.on('error', (error: unknown) => {
      if (this.breaker.current === 'closed') this.breaker.failure(error);
    });
    // A lost connection is an outage even before any command fails: open the breaker (and log once).
    this.redis.on('close', () => {
      if (!this.closed && this.breaker.current === 'closed') this.breaker.failure(new Error(`connection to Redis lost (status ${this.redis.status})`));
    });
  }

  /** Skipped while disconnected or while the breaker cools down: no command, no timeout, no cost. */
  available(): boolean {
    return this.redis.status === 'ready' && this.breaker.allows();
  }

  async get(key: CacheKey): Promise<Buffer | undefined> {
    const redisKey = this.prefix + key.id;
    let stored: Buffer;
    try {
      // GETRANGE bounds what a hostile entry can make us read; a missing key reads as empty.
      stored = await this.redis.getrangeBuffer(redisKey, 0, this.maxEntryBytes);
      this.breaker.success();
    } catch (error) {
      // Something other than a string planted under our key is a bad entry, not an outage: it must not open the breaker.
      if (error instanceof Error && error.message.startsWith('WRONGTYPE')) {
        this.breaker.success();
        this.rejected++;
        return undefined;
      }
      throw this.failed('get', error);
    }
    if (stored.length === 0) return undefined;
    const envelope = stored.length > this.maxEntryBytes ? undefined : this.signer.verify(redisKey, stored);
    if (envelope === undefined) this.rejected++;
    return envelope;
  }

  async set(key: CacheKey, envelope: Buffer, expiresAt: number): Promise<void> {
    const now = this.clock.now();
    const ttl = Math.min(this.ttlMs, Math.floor(expiresAt - now));
    if (ttl <= 0 || envelope.length + SIGNATURE_BYTES > this.maxEntryBytes) return;
    const redisKey = this.prefix + key.id;
    try {
      await this.redis.set(redisKey, this.signer.sign(redisKey, capExpiry(envelope, now + ttl)), 'PX', ttl);
      this.breaker.success();
    } catch (error) {
      throw this.failed('set', error);
    }
  }

  /** SCAN (never KEYS, which blocks a shared server) within our namespace (other teams' keys are never matched), UNLINK in batches (freed off Redis's main thread). */
  async invalidate(pattern: string, signal?: AbortSignal): Promise<number> {
    let cursor = '0';
    let removed = 0;
    try {
      // Bounded: a keyspace of 100 M keys at COUNT 1000 needs 100 k rounds; stop there regardless.
      for (let round = 0; round < 100_000; round++) {
        throwIfAborted(signal);
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.prefix + pattern, 'COUNT', 1000);
        if (keys.length > 0) removed += await this.redis.unlink(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      this.breaker.success();
      return removed;
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      throw this.failed('invalidate', error);
    }
  }

  get status(): string {
    return this.redis.status;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // Fall through to a hard disconnect.
      }
    }
    this.redis.disconnect();
  }

  private failed(op: string, error: unknown): AppError {
    this.breaker.failure(error);
    return new AppError('CACHE', `Redis ${op} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error, retryable: true });
  }
}
