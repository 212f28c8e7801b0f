// L3: the cache table in the app's SQLite file (TTL 1 h, indexed expiry; expired rows ignored on read, pruned in the worker).
import { type Clock, systemClock } from '../core/clock.js';
import type { Database, ReadQuery, WriteStatement } from '../store/database.js';
import { capExpiry } from './envelope.js';
import type { CacheKey } from './keys.js';
import type { ByteTier } from './tier.js';

export interface L3Options {
  ttlMs: number;
  clock?: Clock;
}

export class L3SqliteTier implements ByteTier {
  readonly name = 'l3' as const;
  readonly ttlMs: number;
  private readonly select: ReadQuery<Buffer>;
  private readonly upsert: WriteStatement;
  private readonly pruneExpired: WriteStatement;
  private readonly clock: Clock;

  constructor(private readonly db: Database, options: L3Options) {
    this.ttlMs = options.ttlMs;
    this.clock = options.clock ?? systemClock;
    // pluck: the envelope alone, no row object. The expiry test keeps a row not yet pruned from being served.
    this.select = db.prepareRead<Buffer>(`SELECT value FROM cache_entries WHERE key = ? AND expires_at > ?`, { pluck: true });
    this.upsert = db.prepareWrite(
      `INSERT INTO cache_entries (key, value, stored_at, expires_at, size) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at, expires_at = excluded.expires_at, size = excluded.size`,
    );
    this.pruneExpired = db.prepareWrite(`DELETE FROM cache_entries WHERE expires_at <= ?`);
  }

  available(): boolean {
    return true;
  }

  /** Synchronous (better-sqlite3); the hierarchy awaits it like any tier. */
  get(key: CacheKey): Buffer | undefined {
    return this.select.get(key.id, this.clock.now());
  }

  async set(key: CacheKey, envelope: Buffer, expiresAt: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const until = Math.min(expiresAt, now + this.ttlMs);
    if (until <= now) return;
    const stored = capExpiry(envelope, until);
    await this.upsert.run([key.id, stored, now, until, stored.length], signal);
  }

  /** GLOB has the same * ? [..] syntax as Redis MATCH, so one pattern means the same on every tier. */
  async invalidate(pattern: string, signal?: AbortSignal): Promise<number> {
    return (await this.db.run(`DELETE FROM cache_entries WHERE key GLOB ?`, [pattern], signal)).changes;
  }

  /** Prune on the main connection; the app normally prunes in the cache worker (CacheWorkerPool.prune). */
  async prune(signal?: AbortSignal): Promise<number> {
    return (await this.pruneExpired.run([this.clock.now()], signal)).changes;
  }

  async clear(signal?: AbortSignal): Promise<void> {
    await this.db.run(`DELETE FROM cache_entries`, [], signal);
  }

  close(): void {
    // The Database belongs to the composition root, which closes it after the cache.
  }
}
