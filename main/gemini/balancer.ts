// Spreads Gemini requests over instances (the seed's LoadBalancedProcessor): strategy, health, a breaker per instance, failover when safe.
import { LinkedAbortController, abortReason } from '../core/abort.js';
import { CircuitBreaker, type BreakerState } from '../core/circuit-breaker.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { AppError, toAppError, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { endpointHost, nameHost } from './errors.js';
import type { GeminiEndpoint, LiveConnectOptions, LiveSession, LiveSessionFactory } from './types.js';

export type BalancerStrategy = 'least-outstanding' | 'round-robin';

export interface BalancerOptions {
  endpoints: readonly GeminiEndpoint[];
  strategy?: BalancerStrategy;
  /** settings.gemini.breaker */
  breaker: { failureThreshold: number; cooldownMs: number };
  /** Attempts per request, each on an instance not yet tried (default: one per instance). */
  maxAttempts?: number;
  /** Maps what work throws to an AppError (pass the Gemini error mapper); default toAppError. */
  classify?: (error: unknown) => AppError;
  clock?: Clock;
  logger?: Logger;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** False once output reached the user (a streamed chunk shown): then a failure is not retried elsewhere. */
  safeToRetry?: () => boolean;
}

export interface InstanceHealth {
  name: string;
  state: BreakerState;
  outstanding: number;
  requests: number;
  failures: number;
  /** Moving averages (weight 0.2 for the newest call). */
  errorRate: number;
  latencyMs: number | null;
  lastError: { code: ErrorCode; message: string } | null;
  /** When an open breaker lets a probe through (ms from now). */
  retryInMs: number | null;
}

/** Errors that say something about the instance (so they count against it and may succeed on another one). */
const INSTANCE_FAULTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNAVAILABLE', 'NETWORK', 'TIMEOUT', 'INTERNAL', 'QUOTA', 'INVALID_KEY', 'NO_API_KEY']);
const EWMA_WEIGHT = 0.2;

interface Instance {
  readonly endpoint: GeminiEndpoint;
  readonly breaker: CircuitBreaker;
  outstanding: number;
  requests: number;
  failures: number;
  errorRate: number;
  latencyMs: number | null;
  lastError: AppError | null;
  /** Epoch ms of the first failure since the last success (what the UI calls "since"). */
  failingSince: number | null;
}

export class Balancer {
  private readonly instances: Instance[];
  private readonly strategy: BalancerStrategy;
  private readonly classify: (error: unknown) => AppError;
  private readonly clock: Clock;
  private readonly log: Logger;
  private cursor = 0;

  constructor(private readonly options: BalancerOptions) {
    if (options.endpoints.length === 0) {
      throw new AppError('NO_API_KEY', 'No Gemini instance is configured. Set GEMINI_API_KEY or add an instance in settings.');
    }
    this.strategy = options.strategy ?? 'least-outstanding';
    this.classify = options.classify ?? ((error) => toAppError(error));
    this.clock = options.clock ?? systemClock;
    this.log = (options.logger ?? silentLogger).child({ component: 'balancer' });
    this.instances = options.endpoints.map((endpoint) => ({
      endpoint,
      breaker: new CircuitBreaker({
        ...options.breaker,
        clock: this.clock,
        onStateChange: (state, previous) => this.log.info({ instance: endpoint.name, state, previous }, 'breaker state changed'),
      }),
      outstanding: 0,
      requests: 0,
      failures: 0,
      errorRate: 0,
      latencyMs: null,
      lastError: null,
      failingSince: null,
    }));
  }

  get endpoints(): readonly GeminiEndpoint[] {
    return this.options.endpoints;
  }

  /**
   * Runs work on the best available instance. A failure that is the instance's fault is retried on
   * another instance while safeToRetry() holds; when no instance can take it, NO_HEALTHY_INSTANCE
   * names each instance's cause.
   */
  async run<T>(work: (endpoint: GeminiEndpoint, signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? this.instances.length);
    const tried = new Set<Instance>();
    let lastError: AppError | undefined;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const instance = this.pick(tried);
      if (!instance) break;
      tried.add(instance);
      const link = new LinkedAbortController(options.signal);
      const startedAt = this.clock.monotonic();
      instance.outstanding++;
      try {
        const result = await work(instance.endpoint, link.signal);
        this.succeeded(instance, this.clock.monotonic() - startedAt);
        return result;
      } catch (thrown) {
        const error = options.signal?.aborted ? abortReason(options.signal) : this.located(instance, this.classify(thrown));
        this.failed(instance, error);
        if (!INSTANCE_FAULTS.has(error.code)) throw error;
        lastError = error;
        const safe = options.safeToRetry?.() ?? true;
        if (!safe) throw error;
        this.log.warn({ instance: instance.endpoint.name, code: error.code, attempt }, 'request failed, trying another instance');
      } finally {
        instance.outstanding--;
        link.dispose();
      }
    }
    // One instance only: its own error (QUOTA with its retry delay, INVALID_KEY) is the most useful answer.
    if (lastError && this.instances.length === 1) throw lastError;
    throw this.noHealthyInstance(lastError);
  }

  /** Feeds an outcome seen outside run() (a Live session dropped mid-turn) into the instance's health. */
  report(endpointName: string, outcome: { ok: true; latencyMs: number } | { ok: false; error: unknown }): void {
    const instance = this.instances.find((i) => i.endpoint.name === endpointName);
    if (!instance) return;
    if (outcome.ok) this.succeeded(instance, outcome.latencyMs);
    else this.failed(instance, this.classify(outcome.error));
  }

  health(): InstanceHealth[] {
    const now = this.clock.now();
    return this.instances.map((i) => {
      const snap = i.breaker.snapshot();
      return {
        name: i.endpoint.name,
        state: snap.state,
        outstanding: i.outstanding,
        requests: i.requests,
        failures: i.failures,
        errorRate: i.errorRate,
        latencyMs: i.latencyMs,
        lastError: i.lastError ? { code: i.lastError.code, message: i.lastError.message } : null,
        retryInMs: snap.retryAt === undefined ? null : Math.max(0, snap.retryAt - now),
      };
    });
  }

  private pick(tried: ReadonlySet<Instance>): Instance | undefined {
    const candidates = this.instances.filter((i) => !tried.has(i) && i.breaker.available);
    if (candidates.length === 0) return undefined;
    // A half-open instance gets the one probe that can bring it back; failover covers the request if the probe fails.
    const probe = candidates.find((i) => i.breaker.state === 'half-open');
    let chosen: Instance | undefined;
    if (probe) chosen = probe;
    else if (this.strategy === 'round-robin') chosen = this.nextInRing(candidates);
    else chosen = this.leastOutstanding(candidates);
    if (chosen && !chosen.breaker.tryAcquire()) return this.pick(new Set([...tried, chosen]));
    return chosen;
  }

  private nextInRing(candidates: readonly Instance[]): Instance | undefined {
    for (let step = 0; step < this.instances.length; step++) {
      const instance = this.instances[(this.cursor + step) % this.instances.length] as Instance;
      if (candidates.includes(instance)) {
        this.cursor = (this.instances.indexOf(instance) + 1) % this.instances.length;
        return instance;
      }
    }
    return undefined;
  }

  /**
   * Least expected wait: (requests in flight + 1) x moving-average latency, raised by the recent
   * error rate, so a slow or flaky instance gets less work before its breaker ever opens. An
   * instance not measured yet counts as fastest, so it gets measured.
   */
  private leastOutstanding(candidates: readonly Instance[]): Instance | undefined {
    let best: Instance | undefined;
    let bestScore = Infinity;
    for (const instance of candidates) {
      const score = (instance.outstanding + 1) * Math.max(instance.latencyMs ?? 0, 0.001) * (1 + 4 * instance.errorRate);
      if (score < bestScore) {
        best = instance;
        bestScore = score;
      }
    }
    return best;
  }

  /** Names the endpoint's host (and since when it fails) on errors about reaching it, for a message a user can act on. */
  private located(instance: Instance, error: AppError): AppError {
    if (error.code !== 'NETWORK' && error.code !== 'TIMEOUT' && error.code !== 'UNAVAILABLE') return error;
    return nameHost(error, instance.endpoint, instance.failingSince ?? this.clock.now());
  }

  /**
   * Why no instance can take a request right now (no key, every breaker open), without calling Gemini:
   * the hotkey and the button show this at once instead of recording. Null when some instance can serve.
   */
  unavailable(): AppError | null {
    if (this.instances.every((i) => i.endpoint.apiKey === '')) {
      return new AppError('NO_API_KEY', 'No Gemini API key is set. Save one in Settings → API key, or set GEMINI_API_KEY.');
    }
    if (this.instances.some((i) => i.endpoint.apiKey !== '' && i.breaker.available)) return null;
    return this.noHealthyInstance(undefined);
  }

  private succeeded(instance: Instance, latencyMs: number): void {
    instance.requests++;
    instance.errorRate *= 1 - EWMA_WEIGHT;
    instance.latencyMs = instance.latencyMs === null ? latencyMs : instance.latencyMs + EWMA_WEIGHT * (latencyMs - instance.latencyMs);
    instance.failingSince = null;
    instance.breaker.recordSuccess();
  }

  private failed(instance: Instance, error: AppError): void {
    instance.requests++;
    if (!INSTANCE_FAULTS.has(error.code)) {
      // The caller's own problem (cancelled, bad request, blocked): says nothing about the instance.
      instance.breaker.recordIgnored();
      return;
    }
    instance.failures++;
    instance.failingSince ??= this.clock.now();
    instance.errorRate += EWMA_WEIGHT * (1 - instance.errorRate);
    instance.lastError = error;
    if (error.code === 'QUOTA' && error.retryAfterMs !== undefined) instance.breaker.openFor(error.retryAfterMs, error);
    else if (error.code === 'INVALID_KEY' || error.code === 'NO_API_KEY') instance.breaker.openFor(this.options.breaker.cooldownMs, error);
    else instance.breaker.recordFailure(error);
  }

  private noHealthyInstance(cause: AppError | undefined): AppError {
    const health = this.health();
    const causes = health.map((h) => {
      const why = h.lastError ? `${h.lastError.code}: ${h.lastError.message}` : 'no error recorded';
      const when = h.retryInMs === null ? '' : `, retry in ${Math.ceil(h.retryInMs / 1000)} s`;
      return `${h.name} (${h.state}${when}; ${why})`;
    });
    const retryIns = health.map((h) => h.retryInMs).filter((v): v is number => v !== null);
    // The instance that comes back first speaks for all: its host, its cause, since when it fails.
    const soonest = [...this.instances].sort((a, b) => (a.breaker.snapshot().retryAt ?? Infinity) - (b.breaker.snapshot().retryAt ?? Infinity))[0];
    const hosts = new Set(this.instances.map((i) => endpointHost(i.endpoint)));
    const info = {
      ...(hosts.size === 1 ? { host: [...hosts][0] as string } : soonest ? { host: endpointHost(soonest.endpoint) } : {}),
      ...(soonest?.lastError ? { cause: soonest.lastError.code } : cause ? { cause: cause.code } : {}),
      ...(soonest?.failingSince != null ? { since: soonest.failingSince } : {}),
      ...(retryIns.length > 0 ? { retryAt: this.clock.now() + Math.min(...retryIns) } : {}),
    };
    return new AppError('NO_HEALTHY_INSTANCE', `No Gemini instance could take the request: ${causes.join('; ')}.`, {
      cause,
      info,
      ...(retryIns.length > 0 ? { retryAfterMs: Math.min(...retryIns) } : {}),
      details: { instances: health.map((h) => ({ name: h.name, state: h.state, lastError: h.lastError, retryInMs: h.retryInMs })) },
    });
  }
}

/**
 * A LiveSessionFactory that connects through the balancer: a connect that fails on one instance
 * is tried on the next (always safe: nothing reached the user yet).
 */
export function balancedLiveFactory(balancer: Balancer, factoryFor: (endpoint: GeminiEndpoint) => LiveSessionFactory): LiveSessionFactory {
  const factories = new Map<string, LiveSessionFactory>();
  return {
    connect(options: LiveConnectOptions = {}): Promise<LiveSession> {
      return balancer.run(
        (endpoint, signal) => {
          let factory = factories.get(endpoint.name);
          if (!factory) {
            factory = factoryFor(endpoint);
            factories.set(endpoint.name, factory);
          }
          return factory.connect({ ...options, signal });
        },
        options.signal ? { signal: options.signal } : {},
      );
    },
  };
}
