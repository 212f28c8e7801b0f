// L1: the in-process tier, an lru-cache bounded in bytes (default 100 MB) with a TTL (default 1 min).
import { LRUCache } from 'lru-cache';
import { type CacheKey, globToRegExp } from './keys.js';

export interface L1Entry<V> {
  readonly value: V;
  readonly storedAt: number;
  readonly expiresAt: number;
}

export interface L1Options {
  maxBytes: number;
  ttlMs: number;
}

/** The lru-cache options L1 uses, exported so the benchmark compares against a bare cache built the same way. */
export function l1LruOptions(options: L1Options): LRUCache.Options<string, L1Entry<unknown>, unknown> {
  return { maxSize: options.maxBytes, ttl: options.ttlMs, updateAgeOnGet: false, allowStale: false };
}

export class L1MemoryTier<V> {
  readonly name = 'l1' as const;
  readonly ttlMs: number;
  private readonly lru: LRUCache<string, L1Entry<V>>;

  constructor(options: L1Options) {
    this.ttlMs = options.ttlMs;
    this.lru = new LRUCache<string, L1Entry<V>>(l1LruOptions(options) as LRUCache.Options<string, L1Entry<V>, unknown>);
  }

  /** Synchronous and allocation-free: the hot path of a repeated request. lru-cache drops expired entries itself. */
  get(key: CacheKey): L1Entry<V> | undefined {
    return this.lru.get(key.id);
  }

  /** `sizeBytes` is the encoded value's length, the closest cheap measure of what the entry holds. */
  set(key: CacheKey, entry: L1Entry<V>, sizeBytes: number, ttlMs: number): void {
    const ttl = Math.min(this.ttlMs, ttlMs);
    if (ttl <= 0) return;
    this.lru.set(key.id, entry, { size: Math.max(1, sizeBytes), ttl });
  }

  invalidate(pattern: string): number {
    const match = globToRegExp(pattern);
    let removed = 0;
    // Collect first: deleting while iterating an lru-cache skips entries.
    const doomed: string[] = [];
    for (const id of this.lru.keys()) if (match.test(id)) doomed.push(id);
    for (const id of doomed) if (this.lru.delete(id)) removed++;
    return removed;
  }

  /** Evicts least recently used entries until at most `fraction` of the current bytes remain (memory pressure). */
  shrink(fraction: number): number {
    const target = Math.max(0, Math.min(1, fraction)) * this.lru.calculatedSize;
    let evicted = 0;
    // Bounded by the entry count: each pop removes one entry.
    for (let n = this.lru.size; n > 0 && this.lru.calculatedSize > target; n--) {
      if (this.lru.pop() === undefined) break;
      evicted++;
    }
    return evicted;
  }

  clear(): void {
    this.lru.clear();
  }

  get entries(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
