// What the hierarchy needs from a byte-storing tier (L2 Redis, L3 SQLite): envelopes in, envelopes out.
import type { CacheKey } from './keys.js';

export type TierName = 'l1' | 'l2' | 'l3';

export interface ByteTier {
  readonly name: 'l2' | 'l3';
  /** False while the tier should be skipped (breaker open, not connected): costs nothing to ask. */
  available(): boolean;
  /** Entries the tier read but refused to return (L2: unsigned or badly signed); each was a miss. */
  readonly rejected?: number;
  /** The stored envelope, or undefined on a miss. Throws on a failure (the hierarchy counts it). */
  get(key: CacheKey, signal?: AbortSignal): Buffer | undefined | Promise<Buffer | undefined>;
  /** Stores the envelope until min(expiresAt, now + the tier's own TTL). */
  set(key: CacheKey, envelope: Buffer, expiresAt: number, signal?: AbortSignal): void | Promise<void>;
  /** Deletes keys whose id matches the glob; returns how many. */
  invalidate(pattern: string, signal?: AbortSignal): number | Promise<number>;
  close(): void | Promise<void>;
}
