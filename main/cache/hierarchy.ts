// The seed's HierarchicalCacheManager: read L1 -> L2 -> L3 with backfill, write-through, invalidate(pattern), metrics, degrade on error.
import { throwIfAborted } from '../core/abort.js';
import { type Clock, systemClock } from '../core/clock.js';
import { AppError, isAbortError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { CODEC_IDS, type CodecId, type CompressionAlgorithm, type EnvelopeHeader, HEADER_BYTES, encodeEnvelope, parsePlainPayload, readHeader } from './envelope.js';
import type { CacheKey } from './keys.js';
import type { L1MemoryTier } from './l1-memory.js';
import type { ByteTier, TierName } from './tier.js';
import { TierMetrics, type TierMetricsSnapshot } from './tier-metrics.js';
import type { ValueCodec } from './value-codec.js';

/** What a get returns, so the pipeline can say "cached, 12 s old, from L2". */
export interface CacheHit<V> {
  value: V;
  tier: TierName;
  ageMs: number;
}

export interface HierarchyOptions<V> {
  l1?: L1MemoryTier<V>;
  l2?: ByteTier;
  l3?: ByteTier;
  /** Compresses values above compressThresholdBytes before L2/L3 (the Piscina pool in the app). */
  codec: ValueCodec;
  compressThresholdBytes: number;
  /** The seed's result TTL: caps every tier's own TTL (each tier keeps the shorter). */
  resultTtlMs: number;
  logger: Logger;
  clock?: Clock;
  /**
   * Checks a value read from L2/L3 before it is used: whatever is stored there (even signed by the team) may be
   * malformed; a value that fails is a miss, counted as rejected. Absent: any JSON value is accepted.
   */
  validate?: (value: unknown) => value is V;
}

export interface CacheMetricsSnapshot {
  tiers: Partial<Record<TierName, TierMetricsSnapshot>>;
  l1: { entries: number; bytes: number } | undefined;
  backfills: number;
}

const ALGORITHM_OF: Record<number, CompressionAlgorithm | undefined> = { [CODEC_IDS.gzip]: 'gzip', [CODEC_IDS.brotli]: 'brotli', [CODEC_IDS.zstd]: 'zstd' };

/**
 * Owns the tiers it is given: close() drains background backfills, then closes them.
 * Values must be JSON-serialisable and are treated as immutable once stored (L1 keeps the object).
 */
export class HierarchicalCache<V> {
  private readonly l1: L1MemoryTier<V> | undefined;
  private tiers: ByteTier[];
  private readonly m: Record<TierName, TierMetrics> = { l1: new TierMetrics(), l2: new TierMetrics(), l3: new TierMetrics() };
  private readonly pending = new Set<Promise<void>>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly loggedErrors: Record<TierName, number> = { l1: 0, l2: 0, l3: 0 };
  private backfills = 0;

  constructor(private readonly options: HierarchyOptions<V>) {
    this.l1 = options.l1;
    this.tiers = [options.l2, options.l3].filter((t): t is ByteTier => t !== undefined);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'cache' });
  }

  /**
   * L1 hits resolve without touching a slower tier or awaiting anything; a miss walks L2 then L3,
   * backfilling the faster tiers from the first hit. Tier failures are counted, never thrown.
   */
  get(key: CacheKey, signal?: AbortSignal): Promise<CacheHit<V> | undefined> {
    const hit = this.peek(key);
    if (hit !== undefined || this.tiers.length === 0) return Promise.resolve(hit);
    return this.getFromTiers(key, signal);
  }

  /** L1 only, synchronously: for callers that can use a hit without awaiting (speculation). */
  peek(key: CacheKey): CacheHit<V> | undefined {
    const l1 = this.l1;
    if (l1 === undefined) return undefined;
    const m = this.m.l1;
    const t0 = this.clock.monotonic();
    const entry = l1.get(key);
    m.latency(this.clock.monotonic() - t0);
    if (entry === undefined) {
      m.misses++;
      return undefined;
    }
    m.hits++;
    return { value: entry.value, tier: 'l1', ageMs: this.clock.now() - entry.storedAt };
  }

  /** Write-through to every tier; each tier keeps min(its own TTL, ttlMs, resultTtlMs). Never throws for a tier's failure. */
  async set(key: CacheKey, value: V, options: { ttlMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    const ttl = Math.min(this.options.resultTtlMs, options.ttlMs ?? Number.POSITIVE_INFINITY);
    if (!(ttl > 0)) return;
    const json = JSON.stringify(value);
    if (json === undefined) throw new AppError('VALIDATION', 'A cache value must be JSON-serialisable.');
    const storedAt = this.clock.now();
    const expiresAt = storedAt + ttl;
    const payload = Buffer.from(json, 'utf8');
    if (this.l1) {
      this.l1.set(key, { value, storedAt, expiresAt }, payload.length, ttl);
      this.m.l1.sets++;
    }
    if (this.tiers.length === 0) return;
    const envelope = await this.encode(json, payload, storedAt, expiresAt, options.signal);
    await Promise.all(this.tiers.map((tier) => this.setOn(tier, key, envelope, expiresAt, options.signal)));
  }

  /** Deletes matching ids (glob: * ? [..]) on every tier; returns how many each removed (-1: skipped or failed). */
  async invalidate(pattern: string, signal?: AbortSignal): Promise<Record<TierName, number>> {
    const out: Record<TierName, number> = { l1: 0, l2: 0, l3: 0 };
    if (this.l1) out.l1 = this.l1.invalidate(pattern);
    for (const tier of this.tiers) {
      throwIfAborted(signal);
      if (!tier.available()) {
        this.m[tier.name].setSkips++;
        out[tier.name] = -1;
        continue;
      }
      try {
        out[tier.name] = await tier.invalidate(pattern, signal);
      } catch (error) {
        if (isAbortError(error)) throw error;
        this.m[tier.name].setErrors++;
        this.noteError(tier.name, 'invalidate', error);
        out[tier.name] = -1;
      }
    }
    return out;
  }

  /**
   * Turns on (or replaces) the L2 tier while running: a team secret entered in Settings enables the shared cache
   * without a restart. Reads already walking the old tier list finish on it; the replaced tier is closed.
   */
  async attachL2(tier: ByteTier): Promise<void> {
    const old = this.tiers.find((t) => t.name === 'l2');
    this.tiers = [tier, ...this.tiers.filter((t) => t.name !== 'l2')];
    this.m.l2 = new TierMetrics();
    if (old) await old.close();
  }

  /** Memory pressure: keep at most `fraction` of L1's bytes (0 empties it); L2/L3 are not in this process's memory. */
  shrinkMemory(fraction: number): void {
    if (!this.l1) return;
    const evicted = this.l1.shrink(fraction);
    this.logger.info({ fraction, evicted, bytes: this.l1.bytes }, 'shrank the memory cache');
  }

  metrics(): CacheMetricsSnapshot {
    const tiers: Partial<Record<TierName, TierMetricsSnapshot>> = {};
    if (this.l1) tiers.l1 = this.m.l1.snapshot();
    for (const tier of this.tiers) tiers[tier.name] = this.m[tier.name].snapshot(tier.rejected ?? 0);
    return { tiers, l1: this.l1 ? { entries: this.l1.entries, bytes: this.l1.bytes } : undefined, backfills: this.backfills };
  }

  /** Waits for background backfills (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    await this.drain();
    this.l1?.clear();
    for (const tier of this.tiers) await tier.close();
  }

  private async getFromTiers(key: CacheKey, signal: AbortSignal | undefined): Promise<CacheHit<V> | undefined> {
    const tiers = this.tiers;
    for (let i = 0; i < tiers.length; i++) {
      throwIfAborted(signal);
      const tier = tiers[i] as ByteTier;
      const m = this.m[tier.name];
      if (!tier.available()) {
        m.skips++;
        continue;
      }
      const t0 = this.clock.monotonic();
      let bytes: Buffer | undefined;
      try {
        bytes = await tier.get(key, signal);
      } catch (error) {
        m.latency(this.clock.monotonic() - t0);
        if (isAbortError(error)) throw error;
        m.errors++;
        this.noteError(tier.name, 'get', error);
        continue;
      }
      m.latency(this.clock.monotonic() - t0);
      const now = this.clock.now();
      const header = bytes === undefined ? undefined : readHeader(bytes);
      // Redis and SQLite enforce their own expiry; the header check covers clock skew between machines sharing L2.
      if (bytes === undefined || header === undefined || header.expiresAt <= now) {
        if (bytes !== undefined && header === undefined) m.rejected++;
        m.misses++;
        continue;
      }
      let value: V;
      try {
        value = await this.decode(bytes, header, signal);
        if (this.options.validate && !this.options.validate(value)) throw new AppError('CACHE', 'A cached value does not have the expected shape; it is ignored.');
      } catch (error) {
        if (isAbortError(error)) throw error;
        // Stored bytes we cannot use are a miss, never a crash: counted, logged (sampled), and the next tier is asked.
        m.rejected++;
        m.misses++;
        this.noteError(tier.name, 'decode', error);
        continue;
      }
      m.hits++;
      this.backfill(key, value, bytes, header, i, now);
      return { value, tier: tier.name, ageMs: now - header.storedAt };
    }
    return undefined;
  }

  /** Faster tiers get the entry with its original stored-at and expiry, so age and TTL stay true across tiers. */
  private backfill(key: CacheKey, value: V, envelope: Buffer, header: EnvelopeHeader, hitIndex: number, now: number): void {
    const remaining = header.expiresAt - now;
    if (this.l1) {
      this.l1.set(key, { value, storedAt: header.storedAt, expiresAt: header.expiresAt }, envelope.length - HEADER_BYTES, remaining);
      this.backfills++;
    }
    for (let i = 0; i < hitIndex; i++) {
      const tier = this.tiers[i] as ByteTier;
      this.backfills++;
      // In the background: the caller has its value; the write is tracked so close() waits for it.
      const work = this.setOn(tier, key, envelope, header.expiresAt, undefined);
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    }
  }

  private async setOn(tier: ByteTier, key: CacheKey, envelope: Buffer, expiresAt: number, signal: AbortSignal | undefined): Promise<void> {
    const m = this.m[tier.name];
    if (!tier.available()) {
      m.setSkips++;
      return;
    }
    try {
      await tier.set(key, envelope, expiresAt, signal);
      m.sets++;
    } catch (error) {
      m.setErrors++;
      if (!isAbortError(error)) this.noteError(tier.name, 'set', error);
    }
  }

  /** The worker codec may take ownership of (move) `payload`; `json` rebuilds it if compression fails. */
  private async encode(json: string, payload: Buffer, storedAt: number, expiresAt: number, signal: AbortSignal | undefined): Promise<Buffer> {
    let body: Uint8Array = payload;
    let codec: CodecId = CODEC_IDS.none;
    if (payload.length > this.options.compressThresholdBytes) {
      try {
        body = await this.options.codec.compress(payload, signal);
        codec = CODEC_IDS[this.options.codec.algorithm];
      } catch (error) {
        if (isAbortError(error)) throw error;
        // Storing it uncompressed is better than not storing it.
        this.noteError('l3', 'compress', error);
        body = Buffer.from(json, 'utf8');
        codec = CODEC_IDS.none;
      }
    }
    return encodeEnvelope(body, codec, storedAt, expiresAt);
  }

  private async decode(bytes: Buffer, header: EnvelopeHeader, signal: AbortSignal | undefined): Promise<V> {
    if (header.codec === CODEC_IDS.none) return parsePlainPayload(bytes) as V;
    const algorithm = ALGORITHM_OF[header.codec];
    if (!algorithm) throw new AppError('CACHE', `Unknown cache codec ${header.codec}.`);
    const plain = await this.options.codec.decompress(bytes.subarray(HEADER_BYTES), algorithm, signal);
    return JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8')) as V;
  }

  /** The first failure of a kind is logged with its cause; later ones every 100th, since metrics count them all. */
  private noteError(tier: TierName, op: string, error: unknown): void {
    const n = this.loggedErrors[tier]++;
    if (n === 0 || n % 100 === 0) this.logger.warn({ tier, op, err: error, occurrences: n + 1 }, 'cache tier failed; skipped');
  }
}
