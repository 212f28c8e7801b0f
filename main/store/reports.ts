// The monitor's hourly reports, kept in the store so the dashboard can show the last ones after a restart.
import { type Clock, systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Database, ReadQuery, WriteStatement } from './database.js';

export interface StoredReport {
  periodStart: number;
  periodEnd: number;
  [key: string]: unknown;
}

/** Either the flat shape above or the monitor's Report, whose period is `{ from, to }`. */
export type ReportLike = { periodStart: number; periodEnd: number } | { period: { from: number; to: number } };

function periodOf(report: ReportLike): { start: number; end: number } {
  return 'period' in report ? { start: report.period.from, end: report.period.to } : { start: report.periodStart, end: report.periodEnd };
}

export class ReportStore {
  private readonly insert: WriteStatement;
  private readonly newest: ReadQuery<{ json: string }>;
  private readonly pending = new Set<Promise<void>>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  failures = 0;

  constructor(db: Database, options: { logger: Logger; clock?: Clock }) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'reports' });
    this.insert = db.prepareWrite(`INSERT INTO reports (period_start, period_end, json, created_at) VALUES (?, ?, ?, ?)`);
    this.newest = db.prepareRead(`SELECT json FROM reports ORDER BY period_end DESC, id DESC LIMIT ?`);
  }

  /**
   * Saves a report. The write runs at once when the database is free (the common case), so latest()
   * sees it immediately; if it is busy it is retried in the background, and a failure is logged and
   * counted (the monitor keeps its in-memory report either way). flush() waits for retries.
   */
  save<R extends ReportLike>(report: R): void {
    const { start, end } = periodOf(report);
    const write = this.insert.run([start, end, JSON.stringify(report), this.clock.now()]).then(
      () => undefined,
      (error: unknown) => {
        this.failures++;
        this.logger.error({ err: error, periodEnd: end }, 'could not save the monitor report');
      },
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** The report as it was saved (the monitor's Report, or a StoredReport). */
  latest<R extends object = StoredReport>(): R | undefined {
    return this.list<R>(1)[0];
  }

  /** Newest first. Rows that no longer parse are skipped rather than failing the dashboard. */
  list<R extends object = StoredReport>(limit: number): R[] {
    const out: R[] = [];
    for (const row of this.newest.all(Math.max(1, Math.min(1000, Math.trunc(limit))))) {
      try {
        out.push(JSON.parse(row.json) as R);
      } catch (error) {
        this.logger.warn({ err: error }, 'skipped a damaged monitor report');
      }
    }
    return out;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
