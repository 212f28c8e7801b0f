// Prunes expired L3 rows every cache.l3.pruneIntervalMs, in the cache worker so the main thread never runs the DELETE.
import type { Clock } from '../core/clock.js';
import { isAbortError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export type PruneTask = (now: number, signal: AbortSignal) => Promise<{ deleted: number }>;

export class PruneScheduler {
  private readonly timer: NodeJS.Timeout;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  runs = 0;
  deleted = 0;
  failures = 0;

  constructor(private readonly prune: PruneTask, intervalMs: number, private readonly clock: Clock, private readonly logger: Logger) {
    this.timer = setInterval(() => {
      // Skip a tick rather than stack prunes when one is slow.
      if (!this.running) this.running = this.runOnce().finally(() => (this.running = undefined));
    }, intervalMs);
    // Pruning alone must not keep the process alive.
    this.timer.unref();
  }

  async runOnce(): Promise<void> {
    try {
      const { deleted } = await this.prune(this.clock.now(), this.abort.signal);
      this.runs++;
      this.deleted += deleted;
      if (deleted > 0) this.logger.debug({ deleted }, 'pruned expired cache rows');
    } catch (error) {
      if (isAbortError(error) || this.abort.signal.aborted) return;
      this.failures++;
      this.logger.warn({ err: error }, 'cache prune failed; will try again next interval');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.abort.abort();
    await this.running;
  }
}
