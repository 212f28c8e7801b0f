// The Piscina pool running workers/vocabulary.ts: project scans off the main thread, bounded in time and cancellable.
import { Piscina } from 'piscina';
import { abortReason, throwIfAborted } from '../core/abort.js';
import { AppError, isAbortError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { withTimeout } from '../core/timeout.js';
import type { TermCounts } from './identifier-extract.js';
import { DEFAULT_SCAN_LIMITS, type ProjectScanLimits, type ProjectScanOutcome, type ProjectScanResult, type ProjectScanTask } from './project-scan.js';

export interface VocabularyWorkerPoolOptions {
  /** The built worker, dist/workers/vocabulary.js (the composition root knows where dist is). */
  workerFile: string;
  /** The worker thread exits after this long without a scan (default 10 s): scans are rare, a thread costs ~10 MB. */
  idleTimeoutMs?: number;
  limits?: Partial<ProjectScanLimits>;
  logger?: Logger;
}

/**
 * The worker stops itself at the time budget; this much more is allowed (thread start, one last slow read) before the
 * thread is terminated from outside, which is what aborting a running Piscina task does.
 */
const HARD_STOP_MARGIN_MS = 2_000;

export class VocabularyWorkerPool {
  private readonly pool: Piscina;
  private readonly limits: ProjectScanLimits;
  private readonly log: Logger;
  private closed = false;

  constructor(options: VocabularyWorkerPoolOptions) {
    this.limits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
    this.log = (options.logger ?? silentLogger).child({ component: 'vocabulary-worker' });
    // One thread: a scan reads the disk and keeps one core busy for up to the time budget; the other core stays free
    // for audio and the UI. A second scan waits for the first (the service runs one at a time anyway).
    this.pool = new Piscina({ filename: options.workerFile, minThreads: 0, maxThreads: 1, idleTimeout: options.idleTimeoutMs ?? 10_000, maxQueue: 4 });
  }

  /** The VocabularyService's scanProject port: the project's term counts. */
  readonly scanProject = async (dir: string, signal: AbortSignal): Promise<TermCounts> => (await this.scan(dir, signal)).counts;

  /** Scans `dir` in the worker; rejects with CANCELLED when `signal` aborts and TIMEOUT when the worker overruns. */
  async scan(dir: string, signal?: AbortSignal): Promise<ProjectScanResult> {
    if (this.closed) throw new AppError('INTERNAL', 'The vocabulary worker pool is closed.');
    throwIfAborted(signal);
    const task: ProjectScanTask = { dir, limits: this.limits };
    const outcome = await withTimeout('Project vocabulary scan', this.limits.timeBudgetMs + HARD_STOP_MARGIN_MS, (s) => this.run(task, s), signal);
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message);
    const { files, bytes, skipped, stoppedBy, elapsedMs } = outcome.value;
    this.log.debug({ dir, files, bytes, skipped, stoppedBy, elapsedMs: Math.round(elapsedMs), terms: outcome.value.counts.size }, 'scanned project for vocabulary');
    return outcome.value;
  }

  stats(): { threads: number; queued: number; completed: number } {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize, completed: this.pool.completed };
  }

  /** Waits for a running scan, then stops the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }

  private async run(task: ProjectScanTask, signal: AbortSignal): Promise<ProjectScanOutcome> {
    try {
      return (await this.pool.run(task, { name: 'scan', signal })) as ProjectScanOutcome;
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      if (isAbortError(error)) throw new AppError('CANCELLED', 'The project scan was cancelled.', { cause: error });
      const message = error instanceof Error ? error.message : String(error);
      if (/queue is at limit/i.test(message)) throw new AppError('POOL_EXHAUSTED', 'Too many project scans are waiting; try again in a moment.', { cause: error });
      throw new AppError('INTERNAL', `The vocabulary worker failed: ${message}`, { cause: error });
    }
  }
}
