// Prepared statements of the store: reads prepared once per reader (least busy chosen per call), writes once on the writer.
import type BetterSqlite3 from 'better-sqlite3';
import { writeTargets } from './query-cache.js';
import { toStorageError } from './sqlite-errors.js';

export type SqlParams = readonly unknown[];
export type RunResult = BetterSqlite3.RunResult;

/** What statements need from the Database that prepared them. */
export interface StatementHost {
  readonly file: string;
  readonly counters: { reads: number; writes: number; busyRetries: number };
  cached(sql: string, kind: string, params: unknown[], tables: readonly string[], load: () => unknown): unknown;
  leastBusyReader(statements: readonly BetterSqlite3.Statement[]): number;
  retrying<T>(op: () => T, signal: AbortSignal | undefined): Promise<T>;
  wrote(targets: readonly string[] | 'all'): void;
}

/** A SELECT prepared once on every reader; each call runs on the least busy one. */
export class ReadQuery<R> {
  constructor(
    private readonly owner: StatementHost,
    private readonly statements: readonly BetterSqlite3.Statement[],
    private readonly sql: string,
    private readonly cacheTables: readonly string[] | undefined,
  ) {}

  get(...params: unknown[]): R | undefined {
    try {
      if (this.cacheTables) return this.owner.cached(this.sql, 'get', params, this.cacheTables, () => this.pick().get(...params)) as R | undefined;
      this.owner.counters.reads++;
      return this.pick().get(...params) as R | undefined;
    } catch (error) {
      throw toStorageError(error, { file: this.owner.file });
    }
  }

  all(...params: unknown[]): R[] {
    try {
      if (this.cacheTables) return this.owner.cached(this.sql, 'all', params, this.cacheTables, () => this.pick().all(...params)) as R[];
      this.owner.counters.reads++;
      return this.pick().all(...params) as R[];
    } catch (error) {
      throw toStorageError(error, { file: this.owner.file });
    }
  }

  private pick(): BetterSqlite3.Statement {
    const statements = this.statements;
    if (statements.length === 1) return statements[0] as BetterSqlite3.Statement;
    return statements[this.owner.leastBusyReader(statements)] as BetterSqlite3.Statement;
  }
}

/** A write prepared once on the writer; tables it touches are parsed once, for query-cache invalidation. */
export class WriteStatement {
  private readonly targets: readonly string[] | 'all';
  constructor(
    private readonly owner: StatementHost,
    readonly statement: BetterSqlite3.Statement,
    sql: string,
  ) {
    this.targets = writeTargets(sql);
  }

  /** Runs now if the lock is free (synchronously, before the first await); retries SQLITE_BUSY with backoff. */
  run(params: SqlParams = [], signal?: AbortSignal): Promise<RunResult> {
    return this.owner.retrying(() => this.runNow(params), signal);
  }

  /** One attempt, for use inside Database.transaction. */
  runNow(params: SqlParams = []): RunResult {
    const result = this.statement.run(...params);
    this.owner.wrote(this.targets);
    return result;
  }
}
