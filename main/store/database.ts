// The one SQLite file: a writer and N read-only connections (the seed's read replicas), migrations, query cache, batches, BUSY retry.
import BetterSqlite3 from 'better-sqlite3';
import { sleep, throwIfAborted } from '../core/abort.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { type CorruptionReport, openCheckedFile } from './open-file.js';
import { QueryCache } from './query-cache.js';
import { isBusyError, toStorageError } from './sqlite-errors.js';
import { ReadQuery, type RunResult, type SqlParams, type StatementHost, WriteStatement } from './statements.js';

export type { CorruptionReport } from './open-file.js';
export { ReadQuery, WriteStatement } from './statements.js';
export type { RunResult, SqlParams } from './statements.js';

export interface DatabaseOptions {
  file: string;
  logger: Logger;
  /** Read-only connections; defaults to settings store.readConnections (2). */
  readConnections?: number;
  busyRetries?: number;
  busyBaseDelayMs?: number;
  busyMaxDelayMs?: number;
  /** Entries in the hot-SELECT cache; 0 turns it off. */
  queryCacheEntries?: number;
  migrations?: readonly Migration[];
  /**
   * Caps the file's size: past it a write fails with DISK_FULL, as on a full disk. Unset: only the
   * disk limits it.
   */
  maxSizeBytes?: number;
  /** Under Electron: better-sqlite3 built for Electron's ABI (its `nativeBinding` option). */
  nativeBinding?: string;
  /** Told when a damaged file was moved aside at open, so the UI can tell the user. */
  onCorrupt?: (report: CorruptionReport) => void;
  clock?: Clock;
}

interface Reader {
  readonly db: BetterSqlite3.Database;
  /** Open iterators on this connection: a statement being iterated cannot run again until done. */
  active: number;
}

/** Runs a passive WAL checkpoint on a connection of its own, off this thread (the cache worker's). */
export type Checkpointer = () => Promise<unknown>;

/**
 * Writes between checkpoints once a checkpointer is in use. SQLite's own automatic checkpoint comes at 1,000 pages of
 * WAL; a request writes a few to a dozen pages in three or four writes, so this asks about as often.
 */
export const CHECKPOINT_EVERY_WRITES = 100;
/** Checkpointer failures in a row after which SQLite's automatic checkpoint (on this thread) is turned back on. */
const CHECKPOINT_FAILURES_BEFORE_FALLBACK = 3;

export interface DatabaseStats {
  reads: number;
  writes: number;
  busyRetries: number;
  queryCacheHits: number;
  queryCacheMisses: number;
  readersActive: number[];
}

export class Database implements StatementHost {
  readonly file: string;
  /** Set when the file was damaged at open and replaced by a fresh one. */
  readonly corruption: CorruptionReport | undefined;
  readonly counters = { reads: 0, writes: 0, busyRetries: 0 };
  private readonly writer: BetterSqlite3.Database;
  private readonly readers: Reader[] = [];
  private readonly queryCache: QueryCache;
  private readonly reads = new Map<string, ReadQuery<unknown>>();
  private readonly writes = new Map<string, WriteStatement>();
  private readonly busyRetries: number;
  private readonly busyBaseDelayMs: number;
  private readonly busyMaxDelayMs: number;
  private readonly logger: Logger;
  private closed = false;
  private checkpointer: Checkpointer | null = null;
  private writesSinceCheckpoint = 0;
  private checkpointing = false;
  private checkpointFailures = 0;

  private constructor(options: DatabaseOptions) {
    const clock = options.clock ?? systemClock;
    this.file = options.file;
    this.logger = options.logger.child({ component: 'database' });
    this.busyRetries = options.busyRetries ?? 5;
    this.busyBaseDelayMs = options.busyBaseDelayMs ?? 10;
    this.busyMaxDelayMs = options.busyMaxDelayMs ?? 500;
    this.queryCache = new QueryCache(options.queryCacheEntries ?? 200);
    const opened = openCheckedFile({ file: options.file, nativeBinding: options.nativeBinding, logger: this.logger, now: () => clock.now() });
    this.writer = opened.db;
    this.corruption = opened.corruption;
    try {
      if (options.maxSizeBytes !== undefined) {
        const pageSize = this.writer.pragma('page_size', { simple: true }) as number;
        this.writer.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
      }
      this.migrate(options.migrations ?? MIGRATIONS);
      const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
      for (let i = 0; i < Math.max(1, options.readConnections ?? 2); i++) {
        // Readers never take the write lock in WAL mode; the short driver timeout only covers WAL recovery.
        const db = new BetterSqlite3(options.file, { readonly: true, fileMustExist: true, timeout: 200, ...binding });
        this.readers.push({ db, active: 0 });
      }
    } catch (error) {
      this.close();
      throw toStorageError(error, { file: options.file });
    }
    if (opened.corruption) options.onCorrupt?.(opened.corruption);
  }

  /** Opens (and migrates) the database. A damaged file is moved aside and reported, never deleted. */
  static open(options: DatabaseOptions): Database {
    return new Database(options);
  }

  /** The schema version applied (PRAGMA user_version). */
  get schemaVersion(): number {
    return this.writer.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Prepares a SELECT once per reader. With `cacheTables`, results are kept in the query cache until
   * a write touches one of those tables (for hot, rarely-changing reads such as settings).
   */
  prepareRead<R>(sql: string, options: { cacheTables?: readonly string[]; pluck?: boolean } = {}): ReadQuery<R> {
    try {
      const statements = this.readers.map((r) => {
        const statement = r.db.prepare(sql);
        return options.pluck ? statement.pluck() : statement;
      });
      const cacheTables = this.queryCache.enabled ? options.cacheTables?.map((t) => t.toLowerCase()) : undefined;
      return new ReadQuery<R>(this, statements, sql, cacheTables);
    } catch (error) {
      throw toStorageError(error, { file: this.file });
    }
  }

  prepareWrite(sql: string): WriteStatement {
    try {
      return new WriteStatement(this, this.writer.prepare(sql), sql);
    } catch (error) {
      throw toStorageError(error, { file: this.file });
    }
  }

  get<R>(sql: string, params: SqlParams = []): R | undefined {
    return this.readQuery<R>(sql).get(...params);
  }

  all<R>(sql: string, params: SqlParams = []): R[] {
    return this.readQuery<R>(sql).all(...params);
  }

  /**
   * Iterates a large result on one reader without loading it all; the reader counts as busy until
   * done. The statement is prepared per call: iteration is rare (export) and a fresh statement can
   * never be found busy by a second iteration of the same SQL.
   */
  *iterate<R>(sql: string, params: SqlParams = []): Generator<R> {
    const reader = this.readers[this.leastBusyIndex()] as Reader;
    reader.active++;
    try {
      for (const row of reader.db.prepare(sql).iterate(...params)) yield row as R;
    } finally {
      reader.active--;
    }
  }

  run(sql: string, params: SqlParams = [], signal?: AbortSignal): Promise<RunResult> {
    let statement: WriteStatement;
    try {
      statement = this.writeStatement(sql);
    } catch (error) {
      return Promise.reject(error);
    }
    return statement.run(params, signal);
  }

  /** Several writes in one transaction: all or nothing, retried as a whole on SQLITE_BUSY. */
  batch(items: ReadonlyArray<{ sql: string; params?: SqlParams }>, signal?: AbortSignal): Promise<RunResult[]> {
    return this.transaction((tx) => items.map((item) => tx.run(item.sql, item.params)), signal);
  }

  /** Runs fn inside one immediate transaction on the writer (fn must be synchronous). */
  transaction<T>(fn: (tx: { run(sql: string, params?: SqlParams): RunResult }) => T, signal?: AbortSignal): Promise<T> {
    const tx = { run: (sql: string, params?: SqlParams): RunResult => this.writeStatement(sql).runNow(params) };
    const wrapped = this.writer.transaction(() => fn(tx));
    return this.retrying(() => wrapped.immediate(), signal);
  }

  /**
   * Hands WAL checkpoints to `run`. SQLite's automatic checkpoint runs inside the commit that crosses 1,000 pages, on
   * this (the main) thread, with an fsync: a history write that took 0.3-0.6 ms took 5.2-5.6 ms when it carried one,
   * about once every hundred writes. After CHECKPOINT_EVERY_WRITES writes one is asked for instead, one at a time;
   * after three failures in a row the automatic checkpoint comes back, so the WAL never grows without bound.
   */
  useCheckpointer(run: Checkpointer): void {
    if (this.closed) return;
    this.writer.pragma('wal_autocheckpoint = 0');
    this.checkpointer = run;
    this.checkpointFailures = 0;
  }

  /** Memory pressure: forget cached SELECT results (they are rebuilt on the next read). */
  dropQueryCache(): void {
    this.queryCache.invalidate('all');
  }

  stats(): DatabaseStats {
    return {
      ...this.counters,
      queryCacheHits: this.queryCache.hits,
      queryCacheMisses: this.queryCache.misses,
      readersActive: this.readers.map((r) => r.active),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const reader of this.readers.splice(0)) reader.db.close();
    this.writer.close();
  }

  /** @internal Retries SQLITE_BUSY with capped exponential backoff; anything else fails at once. */
  async retrying<T>(op: () => T, signal: AbortSignal | undefined): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      try {
        const result = op();
        this.counters.writes++;
        this.maybeCheckpoint();
        return result;
      } catch (error) {
        if (!isBusyError(error) || attempt > this.busyRetries) throw toStorageError(error, { file: this.file, attempts: attempt });
        this.counters.busyRetries++;
        const delay = Math.min(this.busyMaxDelayMs, this.busyBaseDelayMs * 2 ** (attempt - 1));
        this.logger.debug({ attempt, delayMs: delay }, 'database busy, retrying');
        // Jitter so two writers that collided do not collide again in step.
        await sleep(delay / 2 + Math.random() * (delay / 2), signal);
      }
    }
  }

  /** @internal */
  wrote(targets: readonly string[] | 'all'): void {
    this.queryCache.invalidate(targets);
  }

  /** @internal */
  cached(sql: string, kind: string, params: unknown[], tables: readonly string[], load: () => unknown): unknown {
    const key = `${kind}\u0000${sql}\u0000${JSON.stringify(params)}`;
    const hit = this.queryCache.lookup(key);
    if (hit) return hit.value;
    this.counters.reads++;
    const value = load();
    this.queryCache.store(key, tables, value);
    return value;
  }

  /** @internal Index of the reader (among statements of one query) with the fewest open iterators. */
  leastBusyReader(statements: readonly BetterSqlite3.Statement[]): number {
    let best = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < statements.length; i++) {
      // A statement that is itself mid-iteration cannot run again: treat it as busiest.
      const score = (statements[i] as BetterSqlite3.Statement).busy ? 1e9 : (this.readers[i] as Reader).active;
      if (score < bestScore) {
        bestScore = score;
        best = i;
        if (score === 0) break;
      }
    }
    return best;
  }

  private leastBusyIndex(): number {
    let best = 0;
    for (let i = 1; i < this.readers.length; i++) if ((this.readers[i] as Reader).active < (this.readers[best] as Reader).active) best = i;
    return best;
  }

  private readQuery<R>(sql: string): ReadQuery<R> {
    let query = this.reads.get(sql);
    if (!query) this.reads.set(sql, (query = this.prepareRead<unknown>(sql)));
    return query as ReadQuery<R>;
  }

  private writeStatement(sql: string): WriteStatement {
    let statement = this.writes.get(sql);
    if (!statement) this.writes.set(sql, (statement = this.prepareWrite(sql)));
    return statement;
  }

  private maybeCheckpoint(): void {
    const run = this.checkpointer;
    if (run === null || this.checkpointing || ++this.writesSinceCheckpoint < CHECKPOINT_EVERY_WRITES) return;
    this.writesSinceCheckpoint = 0;
    this.checkpointing = true;
    run()
      .then(
        () => {
          this.checkpointFailures = 0;
        },
        (error: unknown) => {
          this.checkpointFailures++;
          this.logger.warn({ err: error, failures: this.checkpointFailures }, 'WAL checkpoint off the main thread failed');
          if (this.checkpointFailures < CHECKPOINT_FAILURES_BEFORE_FALLBACK || this.closed || this.checkpointer !== run) return;
          this.checkpointer = null;
          this.writer.pragma('wal_autocheckpoint = 1000');
          this.logger.warn({ autocheckpointPages: 1000 }, 'WAL checkpoints are back on the main thread (SQLite automatic checkpoint)');
        },
      )
      .finally(() => {
        this.checkpointing = false;
      });
  }

  private migrate(migrations: readonly Migration[]): void {
    const current = this.writer.pragma('user_version', { simple: true }) as number;
    const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      // Each migration and its version bump commit together, so a crash never leaves half a schema.
      this.writer.transaction(() => {
        this.writer.exec(migration.sql);
        this.writer.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }).immediate();
      this.logger.info({ version: migration.version, name: migration.name }, 'database migrated');
    }
    if (pending.length > 0) this.queryCache.invalidate('all');
  }
}
