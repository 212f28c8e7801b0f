// A generic resource pool (the seed's OptimizedConnectionPool): warm minimum, max, FIFO waiters with a timeout, idle shrink, lifetime rotation, drain and close.
import { abortReason } from './abort.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { AppError, toAppError } from './errors.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { withTimeout } from './timeout.js';

export interface ResourceFactory<T> {
  /** Makes a ready resource; the pool aborts the signal when it closes or the create times out. */
  create(signal: AbortSignal): Promise<T>;
  destroy(resource: T): void | Promise<void>;
  /** Cheap check on every hand-out and release: false means "never hand it out" (closing, closed). */
  validate?(resource: T): boolean;
  /** Optional deeper check of idle resources, run by maintenance. */
  healthCheck?(resource: T, signal: AbortSignal): Promise<boolean>;
}

export interface ResourcePoolOptions {
  /** Names the resource in errors and logs ("Live session"). */
  name?: string;
  /**
   * Resources kept warm: idle and ready, created in the background, as long as the total stays
   * within max. (The seed counted connections; for a pre-warmed pool what matters is spares.)
   */
  min: number;
  max: number;
  acquireTimeoutMs: number;
  /** Idle resources above the warm minimum are destroyed after this long unused. */
  idleTimeoutMs: number;
  /** Resources older than this are replaced: a fresh one is created first, then the old one goes. */
  maxLifetimeMs: number;
  /** 0 disables the timer (a caller then runs maintain() itself). */
  maintenanceIntervalMs: number;
  /** Bounds factory.create (0 or absent: the factory bounds itself). */
  createTimeoutMs?: number;
  /** First delay after a failed create; doubles up to maxCreateBackoffMs so a dead server is not hammered. */
  createBackoffMs?: number;
  maxCreateBackoffMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export interface ResourcePoolMetrics {
  size: number;
  idle: number;
  inUse: number;
  waiting: number;
  creating: number;
  created: number;
  destroyed: number;
  /** Failed creates and failed health checks. */
  failures: number;
  acquired: number;
  timeouts: number;
  /** Acquire latency in microseconds over the last 256 acquires. */
  acquireLatencyUs: { count: number; median: number; p99: number; max: number };
}

interface Entry<T> {
  readonly resource: T;
  readonly createdAt: number;
  readonly generation: number;
  lastUsedAt: number;
  state: 'idle' | 'in-use' | 'checking' | 'gone';
}

interface Waiter<T> {
  readonly startedAt: number;
  resolve(resource: T): void;
  reject(error: AppError): void;
  cleanup(): void;
}

const LATENCY_SAMPLES = 256;

export class ResourcePool<T> {
  private readonly name: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly entries = new Map<T, Entry<T>>();
  /** LIFO: the most recently used resource goes out first, so surplus ones age out by idle timeout. */
  private readonly idle: Array<Entry<T>> = [];
  private readonly waiters: Array<Waiter<T>> = [];
  private readonly createControllers = new Set<AbortController>();
  private readonly destroying = new Set<Promise<void>>();
  private readonly latencies = new Float64Array(LATENCY_SAMPLES);
  private min: number;
  private generation = 0;
  private inUse = 0;
  private creating = 0;
  private counters = { created: 0, destroyed: 0, failures: 0, acquired: 0, timeouts: 0 };
  private consecutiveCreateFailures = 0;
  private lastCreateError: AppError | undefined;
  private maintenanceTimer: ReturnType<typeof setInterval> | undefined;
  private backoffTimer: ReturnType<typeof setTimeout> | undefined;
  private soonTimer: ReturnType<typeof setTimeout> | undefined;
  private state: 'open' | 'draining' | 'closed' = 'open';
  private drained: (() => void) | undefined;

  constructor(
    private readonly factory: ResourceFactory<T>,
    private readonly options: ResourcePoolOptions,
  ) {
    if (options.max < 1) throw new AppError('CONFIG', 'A pool needs max >= 1.');
    this.name = options.name ?? 'resource';
    this.clock = options.clock ?? systemClock;
    this.log = (options.logger ?? silentLogger).child({ pool: this.name });
    this.min = clamp(options.min, 0, options.max);
    if (options.maintenanceIntervalMs > 0) {
      this.maintenanceTimer = setInterval(() => this.maintain(), options.maintenanceIntervalMs);
      this.maintenanceTimer.unref?.();
    }
    this.replenish();
  }

  /** Hands out a ready resource: an idle one at once, else the first to be created or released (FIFO). */
  acquire(signal?: AbortSignal): Promise<T> {
    const startedAt = this.clock.monotonic();
    if (this.state !== 'open') return Promise.reject(this.closedError());
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const entry = this.takeIdle();
    if (entry) {
      this.lend(entry, startedAt);
      // Starting a replacement can cost a synchronous handshake set-up (0.6 ms for a Live socket,
      // measured): do it after the caller has its resource, not inside its acquire.
      this.replenishSoon();
      return Promise.resolve(entry.resource);
    }
    const promise = this.enqueue(startedAt, signal);
    this.replenish();
    return promise;
  }

  /** Gives a resource back; an invalid, expired or outdated one is destroyed and replaced. */
  release(resource: T): void {
    const entry = this.entries.get(resource);
    if (!entry || entry.state !== 'in-use') return;
    this.inUse--;
    entry.lastUsedAt = this.clock.now();
    if (this.state !== 'open' || !this.isValid(entry) || this.isStale(entry, entry.lastUsedAt)) {
      this.remove(entry, 'released-stale');
    } else {
      this.makeIdle(entry);
    }
    this.replenish();
    this.checkDrained();
  }

  /** Removes a resource (used up, broken, or closing) whether idle or in use; the pool replaces it in the background. */
  destroy(resource: T, reason = 'destroyed'): void {
    const entry = this.entries.get(resource);
    if (!entry) return;
    if (entry.state === 'in-use') this.inUse--;
    this.remove(entry, reason);
    this.replenish();
    this.checkDrained();
  }

  /** Sets the warm minimum (clamped to 0..max); surplus idle resources then age out by idle timeout. */
  setMin(min: number): void {
    this.min = clamp(Math.round(min), 0, this.options.max);
    this.replenish();
  }

  /** Destroys every idle resource now (memory pressure); lower the warm minimum first or they come back. */
  trimIdle(): number {
    const idle = [...this.idle];
    for (const entry of idle) this.remove(entry, 'trim');
    return idle.length;
  }

  get warmTarget(): number {
    return this.min;
  }

  /**
   * Marks every current resource outdated: idle ones stay usable until fresh replacements are
   * ready and are then destroyed; ones in use are destroyed when released.
   */
  rotate(): void {
    this.generation++;
    this.replenish();
  }

  /** Expires idle resources (invalid, idle too long), health-checks the rest, and tops up the warm set. */
  maintain(): void {
    if (this.state !== 'open') return;
    const now = this.clock.now();
    for (const entry of [...this.idle]) if (!this.isValid(entry)) this.remove(entry, 'invalid');
    // Oldest-used first; keep the warm minimum of fresh ones.
    const byAge = [...this.idle].sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    let fresh = this.freshIdleCount(now);
    for (const entry of byAge) {
      if (now - entry.lastUsedAt < this.options.idleTimeoutMs) break;
      const stale = this.isStale(entry, now);
      if (!stale && fresh <= this.min) continue;
      if (!stale) fresh--;
      this.remove(entry, 'idle-timeout');
    }
    if (this.factory.healthCheck) for (const entry of [...this.idle]) this.check(entry);
    this.replenish();
  }

  /** Cheap counts for the hot path and the monitor (metrics() also sorts latencies). */
  sizes(): { size: number; idle: number; inUse: number; waiting: number; creating: number } {
    return { size: this.entries.size, idle: this.idle.length, inUse: this.inUse, waiting: this.waiters.length, creating: this.creating };
  }

  metrics(): ResourcePoolMetrics {
    const n = Math.min(this.counters.acquired, LATENCY_SAMPLES);
    const sorted = Array.from(this.latencies.subarray(0, n)).sort((a, b) => a - b);
    const q = (p: number): number => (n === 0 ? 0 : (sorted[Math.min(n - 1, Math.ceil(p * n) - 1)] ?? 0));
    return {
      ...this.sizes(),
      ...this.counters,
      acquireLatencyUs: { count: this.counters.acquired, median: q(0.5), p99: q(0.99), max: n === 0 ? 0 : (sorted[n - 1] ?? 0) },
    };
  }

  /** Stops handing out, fails waiters, and resolves once every lent resource is back and destroyed. */
  async drain(): Promise<void> {
    if (this.state === 'open') this.state = 'draining';
    this.failWaiters(this.closedError());
    for (const entry of [...this.idle]) this.remove(entry, 'drain');
    if (this.inUse > 0 || this.creating > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.close();
  }

  /** Destroys everything now, including resources still lent out (a later release is ignored). */
  async close(): Promise<void> {
    this.state = 'closed';
    clearInterval(this.maintenanceTimer);
    clearTimeout(this.backoffTimer);
    clearTimeout(this.soonTimer);
    this.failWaiters(this.closedError());
    for (const controller of this.createControllers) controller.abort(this.closedError());
    for (const entry of [...this.entries.values()]) this.remove(entry, 'close');
    this.inUse = 0;
    this.checkDrained();
    await Promise.allSettled([...this.destroying]);
  }

  private takeIdle(): Entry<T> | undefined {
    const now = this.clock.now();
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const entry = this.idle[i] as Entry<T>;
      if (!this.isValid(entry)) {
        this.remove(entry, 'invalid');
        continue;
      }
      if (!this.isStale(entry, now)) {
        this.idle.splice(i, 1);
        return entry;
      }
    }
    // Only outdated but working ones are left: one beats waiting (its replacement is on the way).
    return this.idle.pop();
  }

  private lend(entry: Entry<T>, startedAt: number): void {
    entry.state = 'in-use';
    entry.lastUsedAt = this.clock.now();
    this.inUse++;
    this.latencies[this.counters.acquired % LATENCY_SAMPLES] = (this.clock.monotonic() - startedAt) * 1000;
    this.counters.acquired++;
  }

  private makeIdle(entry: Entry<T>): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.cleanup();
      this.lend(entry, waiter.startedAt);
      waiter.resolve(entry.resource);
      return;
    }
    entry.state = 'idle';
    this.idle.push(entry);
  }

  private enqueue(startedAt: number, signal: AbortSignal | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.dropWaiter(waiter);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        this.dropWaiter(waiter);
        this.counters.timeouts++;
        reject(this.exhaustedError());
      }, this.options.acquireTimeoutMs);
      const waiter: Waiter<T> = {
        startedAt,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private dropWaiter(waiter: Waiter<T>): void {
    waiter.cleanup();
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private failWaiters(error: AppError): void {
    for (const waiter of this.waiters.splice(0)) {
      waiter.cleanup();
      waiter.reject(error);
    }
  }

  /** Starts creates for waiters and the warm minimum, and drops outdated idle ones once fresh ones cover the minimum. */
  private replenish(): void {
    if (this.state !== 'open') return;
    const now = this.clock.now();
    let fresh = this.freshIdleCount(now);
    for (const entry of [...this.idle]) {
      if (fresh < this.min) break;
      if (this.isStale(entry, now)) this.remove(entry, 'rotated');
    }
    fresh = this.freshIdleCount(now);
    // Creates in flight serve waiters first. A caller's acquire always gets an attempt; warming up
    // in the background waits out the backoff after a failure (the timer calls replenish again).
    const forWaiters = Math.max(0, this.waiters.length - this.creating);
    const spareCreates = Math.max(0, this.creating - this.waiters.length);
    const forWarm = this.backoffTimer === undefined ? Math.max(0, this.min - fresh - spareCreates) : 0;
    const wanted = forWaiters + forWarm;
    if (wanted <= 0) return;
    let room = this.options.max - this.entries.size - this.creating;
    // At max with outdated idle resources: replace them now rather than keep nothing fresh.
    while (room < wanted) {
      const stale = this.idle.find((e) => this.isStale(e, now));
      if (!stale) break;
      this.remove(stale, 'rotated');
      room++;
    }
    for (let i = 0; i < Math.min(wanted, room); i++) this.startCreate();
  }

  private replenishSoon(): void {
    if (this.soonTimer !== undefined) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.replenish();
    }, 0);
  }

  private startCreate(): void {
    this.creating++;
    const controller = new AbortController();
    this.createControllers.add(controller);
    const generation = this.generation;
    const timeoutMs = this.options.createTimeoutMs ?? 0;
    const run = (signal: AbortSignal): Promise<T> => this.factory.create(signal);
    const created = timeoutMs > 0 ? withTimeout(`creating a ${this.name}`, timeoutMs, run, controller.signal) : run(controller.signal);
    created.then(
      (resource) => this.onCreated(resource, generation, controller),
      (error: unknown) => this.onCreateFailed(error, controller),
    );
  }

  private onCreated(resource: T, generation: number, controller: AbortController): void {
    this.createControllers.delete(controller);
    this.creating--;
    const now = this.clock.now();
    const entry: Entry<T> = { resource, createdAt: now, generation, lastUsedAt: now, state: 'idle' };
    this.entries.set(resource, entry);
    this.counters.created++;
    this.consecutiveCreateFailures = 0;
    if (this.state === 'closed' || !this.isValid(entry)) {
      this.remove(entry, this.state === 'closed' ? 'close' : 'invalid-on-create');
    } else if (this.state === 'draining') {
      this.remove(entry, 'drain');
    } else {
      this.makeIdle(entry);
    }
    this.replenish();
    this.checkDrained();
  }

  private onCreateFailed(error: unknown, controller: AbortController): void {
    this.createControllers.delete(controller);
    this.creating--;
    if (this.state === 'closed') return this.checkDrained();
    const appError = toAppError(error, 'UNAVAILABLE');
    this.counters.failures++;
    this.consecutiveCreateFailures++;
    this.lastCreateError = appError;
    const base = this.options.createBackoffMs ?? 250;
    const delay = Math.min(this.options.maxCreateBackoffMs ?? 30_000, base * 2 ** (this.consecutiveCreateFailures - 1));
    this.log.warn({ code: appError.code, err: appError.message, failures: this.consecutiveCreateFailures, retryInMs: delay }, 'create failed');
    // The waiter this create was for learns the real cause now instead of a timeout later.
    if (this.waiters.length > this.creating) {
      const waiter = this.waiters.shift() as Waiter<T>;
      waiter.cleanup();
      waiter.reject(appError);
    }
    clearTimeout(this.backoffTimer);
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      this.replenish();
    }, delay);
    this.backoffTimer.unref?.();
    this.checkDrained();
  }

  private check(entry: Entry<T>): void {
    const healthCheck = this.factory.healthCheck;
    if (!healthCheck) return;
    const index = this.idle.indexOf(entry);
    if (index < 0) return;
    this.idle.splice(index, 1);
    entry.state = 'checking';
    const timeoutMs = Math.max(1, this.options.createTimeoutMs || this.options.acquireTimeoutMs);
    withTimeout(`checking a ${this.name}`, timeoutMs, (signal) => healthCheck.call(this.factory, entry.resource, signal))
      .catch((error: unknown) => {
        this.log.warn({ err: toAppError(error).message }, 'health check failed');
        return false;
      })
      .then((healthy) => {
        if (entry.state !== 'checking') return;
        if (healthy && this.state === 'open') return this.makeIdle(entry);
        if (!healthy) this.counters.failures++;
        this.remove(entry, 'unhealthy');
        this.replenish();
        this.checkDrained();
      })
      .catch((error: unknown) => this.log.error({ err: toAppError(error).message }, 'health check bookkeeping failed'));
  }

  private remove(entry: Entry<T>, reason: string): void {
    if (!this.entries.delete(entry.resource)) return;
    const index = this.idle.indexOf(entry);
    if (index >= 0) this.idle.splice(index, 1);
    entry.state = 'gone';
    this.counters.destroyed++;
    this.log.debug({ reason, ageMs: this.clock.now() - entry.createdAt }, 'destroying');
    const onError = (error: unknown): void => {
      this.counters.failures++;
      this.log.warn({ err: toAppError(error).message }, 'destroy failed');
    };
    try {
      // Synchronous first, so a closed resource is closed by the time remove() returns.
      const result = this.factory.destroy(entry.resource);
      if (result instanceof Promise) {
        const done: Promise<void> = result.catch(onError).finally(() => this.destroying.delete(done));
        this.destroying.add(done);
      }
    } catch (error) {
      onError(error);
    }
  }

  private isValid(entry: Entry<T>): boolean {
    return this.factory.validate ? this.factory.validate(entry.resource) : true;
  }

  private isStale(entry: Entry<T>, now: number): boolean {
    return entry.generation !== this.generation || now - entry.createdAt >= this.options.maxLifetimeMs;
  }

  private freshIdleCount(now: number): number {
    let n = 0;
    for (const entry of this.idle) if (!this.isStale(entry, now)) n++;
    return n;
  }

  private checkDrained(): void {
    if (this.drained && this.inUse === 0 && this.creating === 0) {
      const resolve = this.drained;
      this.drained = undefined;
      resolve();
    }
  }

  private exhaustedError(): AppError {
    const m = { inUse: this.inUse, max: this.options.max, creating: this.creating, waiting: this.waiters.length };
    const cause = this.lastCreateError ? ` Last attempt to create one failed: ${this.lastCreateError.message}` : '';
    return new AppError(
      'POOL_EXHAUSTED',
      `No ${this.name} became free within ${this.options.acquireTimeoutMs} ms (${m.inUse} of ${m.max} in use, ${m.creating} being created, ${m.waiting} waiting). Try again in a moment.${cause}`,
      { cause: this.lastCreateError, details: { pool: this.name, timeoutMs: this.options.acquireTimeoutMs, ...m } },
    );
  }

  private closedError(): AppError {
    return new AppError('UNAVAILABLE', `The ${this.name} pool is shutting down.`, { retryable: false, details: { pool: this.name } });
  }
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, value));
}
