// The Piscina pool running workers/quality.ts: syntax checks off the main thread, with the grammars kept warm in the worker.
import { Piscina } from 'piscina';
import { AppError, isAbortError } from '../core/errors.js';
import { notChecked, type SyntaxReport } from './check-report.js';
import { hasGrammar } from './grammars.js';

export interface QualityWorkerPoolOptions {
  /** The built worker, dist/workers/quality.js (its grammars are in dist/workers/grammars). */
  workerFile: string;
  /** Another grammar folder (tests); default: `grammars` beside the worker file. */
  grammarDir?: string;
}

/**
 * Checks queued at most (beyond the 4 a thread runs at once): under a burst of answers a check that would wait behind
 * this many is refused at once and the answer goes out unchecked, instead of every answer waiting longer and longer.
 * 8: a check of a 200-line answer takes 2-3 ms alone and about twice that when the cores are busy, so a queued check
 * waits some 40 ms at most (with 32, answers under 220 concurrent requests waited 183 ms at the median for it).
 */
export const QUALITY_MAX_QUEUE = 8;

export class QualityWorkerPool {
  private readonly pool: Piscina;
  private readonly warmed = new Set<string>();
  /** Languages whose first parse has run in the worker. */
  private readonly parsed = new Set<string>();

  constructor(options: QualityWorkerPoolOptions) {
    // One thread that never idles out: its grammars stay loaded. Grammar loads are asynchronous (WebAssembly
    // compilation), so a few tasks may share the thread and a check never waits behind a load of another language.
    this.pool = new Piscina({
      filename: options.workerFile, minThreads: 1, maxThreads: 1, idleTimeout: Number.POSITIVE_INFINITY, concurrentTasksPerWorker: 4, maxQueue: QUALITY_MAX_QUEUE,
      ...(options.grammarDir ? { workerData: { grammarDir: options.grammarDir } } : {}),
    });
  }

  /** Parses `code` as `language` in the worker; `hint` is the answer's fence tag (for the wrong-language check). */
  async check(code: string, language: string, hint: string | undefined, signal?: AbortSignal): Promise<SyntaxReport> {
    // A full queue (a burst of answers) is no failure: this answer goes out unchecked, and says why.
    if (this.pool.queueSize >= QUALITY_MAX_QUEUE) return notChecked(language, 'the checker was busy with other answers');
    try {
      return (await this.pool.run({ code, language, ...(hint ? { hint } : {}) }, { name: 'check', ...(signal ? { signal } : {}) })) as SyntaxReport;
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw new AppError('CANCELLED', 'The syntax check was cancelled.', { cause: error });
      throw new AppError('INTERNAL', `The syntax check failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /**
   * Loads these grammars now (once each), so the first answer in a language is not slowed by its grammar. With
   * `parse` (an answer in that language has started), also runs each grammar's first parse, once: it compiles the
   * grammar's WebAssembly (15-18 ms) while the answer streams instead of after its last chunk.
   */
  async warm(languages: readonly string[], options: { parse?: boolean } = {}): Promise<void> {
    const done = options.parse ? this.parsed : this.warmed;
    const todo = languages.filter((l) => hasGrammar(l) && !done.has(l));
    if (todo.length === 0) return;
    for (const language of todo) {
      done.add(language);
      this.warmed.add(language);
    }
    try {
      await this.pool.run({ languages: todo, parse: options.parse === true }, { name: 'warm' });
    } catch (error) {
      for (const language of todo) {
        done.delete(language);
        this.warmed.delete(language);
      }
      throw new AppError('INTERNAL', `Could not load the grammars for ${todo.join(', ')}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** For the dashboard: the one thread, and the checks waiting for it (at most QUALITY_MAX_QUEUE). */
  sizes(): { size: number; max: number; waiting: number } {
    return { size: this.pool.threads.length, max: 1, waiting: this.pool.queueSize };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
