// Pre-warmed Live transcription sessions, so the hotkey never waits for a handshake; sized to demand, rotated before the server ends them.
import { ResourcePool, type ResourcePoolMetrics, type ResourcePoolOptions } from '../core/resource-pool.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { Disposable } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { LiveSession, LiveSessionFactory } from './types.js';

/** settings.pool: the resource pool's sizing and timing knobs. */
export type SessionPoolSettings = Pick<ResourcePoolOptions, 'min' | 'max' | 'acquireTimeoutMs' | 'idleTimeoutMs' | 'maxLifetimeMs' | 'maintenanceIntervalMs'>;

/**
 * Desktop defaults (settings.pool): one warm session, up to four under a burst. Each open Live
 * session counts against the user's own quota, so the seed's 5..50 would burn it for nothing.
 */
export const DESKTOP_POOL_PROFILE: Readonly<SessionPoolSettings> = {
  min: 1,
  max: 4,
  acquireTimeoutMs: 30_000,
  idleTimeoutMs: 300_000,
  maxLifetimeMs: 540_000,
  maintenanceIntervalMs: 10_000,
};

/**
 * The seed's OptimizedConnectionPool values, for a shared server that transcribes for many users
 * on one project key. The seed's 1 h lifetime cannot hold for Live: Google ends a connection after
 * about 10 minutes, so the pool caps the lifetime at connectionLimitMs - rotation margin (540 s).
 */
export const SERVER_POOL_PROFILE: Readonly<SessionPoolSettings> = {
  min: 5,
  max: 50,
  acquireTimeoutMs: 30_000,
  idleTimeoutMs: 300_000,
  maxLifetimeMs: 3_600_000,
  maintenanceIntervalMs: 10_000,
};

/** Google closes a Live connection after about 10 minutes (goAway first). */
export const LIVE_CONNECTION_LIMIT_MS = 600_000;
/** Rotate this long before the server's limit: a goAway comes about 50 s before the end. */
const ROTATION_MARGIN_MS = 60_000;

/**
 * 'single-utterance': a session serves one push-to-talk turn and is closed; a fresh one is
 * connected in the background. 'reuse': a session that finished its turn cleanly goes back to the
 * pool for the next turn.
 */
export type SessionUse = 'single-utterance' | 'reuse';

/**
 * Reuse, chosen by measurement (bench suite `pool`: simulator realistic profile, real SDK, mic
 * chunks every 100 ms, 2-core box, Nov 2026). Hotkey down -> first partial transcript: 401.9 ms
 * median on a reused session's later turn, 401.6 ms on a fresh session (no difference; cold connect
 * 604.5 ms). Warm acquire: 0.08 ms median either way (the replacement is started after the
 * hand-out), and back-to-back utterances never waited in single-use mode either, because its
 * replacement connects while the user is still speaking. The difference is cost: single-use opens
 * one Live connection per utterance (measured 1.0; reuse: none once the warm set is up), each a handshake
 * against the user's quota. So a session whose turn finished cleanly serves the next one; a
 * cancelled or failed turn discards it. Rotation at maxLifetimeMs (<= 540 s) also keeps a reused
 * session under the transcription model's 10 minutes of audio.
 */
export const DEFAULT_SESSION_USE: SessionUse = 'reuse';

export interface SessionPoolOptions {
  factory: LiveSessionFactory;
  settings: SessionPoolSettings;
  use?: SessionUse;
  vocabulary?: readonly string[];
  /** The server's connection limit; tests against a simulator with short connections lower it. */
  connectionLimitMs?: number;
  /** Demand sizing: requests counted over this window (default 60 s). */
  demandWindowMs?: number;
  /** One more warm session per this many requests per minute (default 20: one every 3 s). */
  requestsPerWarmSession?: number;
  clock?: Clock;
  logger?: Logger;
}

/** A session lent for one utterance. Exactly one of release() or discard() must follow. */
export interface SessionLease {
  readonly session: LiveSession;
  /** The utterance ended cleanly: the session is reused or replaced, as the pool's policy says. */
  release(): void;
  /** The session failed or the utterance was abandoned: it is closed and replaced. */
  discard(): void;
}

/** What the monitor shows. */
export interface SessionPoolSizes {
  warm: number;
  inUse: number;
  waiting: number;
  connecting: number;
  /** Warm sessions the pool aims to keep, from demand, between min and max. */
  target: number;
}

export class SessionPool {
  private readonly pool: ResourcePool<LiveSession>;
  private readonly use: SessionUse;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly listeners = new Map<LiveSession, Disposable[]>();
  private readonly leased = new Set<LiveSession>();
  /** Acquire times (wall clock) and how many sessions were busy then, within the demand window. */
  private readonly recent: Array<{ at: number; busy: number }> = [];
  private readonly windowMs: number;
  private readonly perWarmSession: number;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private terms: readonly string[];
  /** Which vocabulary each session was set up with (a counter bumped by every change). */
  private readonly epochs = new WeakMap<LiveSession, number>();
  private epoch = 0;
  /** Sessions set up before this vocabulary epoch are never handed out (a privacy opt-out removed terms). */
  private requiredEpoch = 0;
  /** settings.min, or 0 after trimIdle() until the next request. */
  private floor: number;

  constructor(private readonly options: SessionPoolOptions) {
    const { settings } = options;
    this.use = options.use ?? DEFAULT_SESSION_USE;
    this.clock = options.clock ?? systemClock;
    this.log = (options.logger ?? silentLogger).child({ component: 'session-pool' });
    this.terms = [...(options.vocabulary ?? [])];
    this.floor = settings.min;
    this.windowMs = options.demandWindowMs ?? 60_000;
    this.perWarmSession = options.requestsPerWarmSession ?? 20;
    const limit = options.connectionLimitMs ?? LIVE_CONNECTION_LIMIT_MS;
    const margin = Math.min(ROTATION_MARGIN_MS, limit / 10);
    this.pool = new ResourcePool<LiveSession>(
      {
        create: (signal) => this.connect(signal),
        destroy: (session) => this.dispose(session),
        // Never hand out a session that got goAway or whose socket is closing.
        validate: (session) => !session.closing && !session.closed && (this.epochs.get(session) ?? 0) >= this.requiredEpoch,
      },
      {
        name: 'Live session',
        min: settings.min,
        max: settings.max,
        acquireTimeoutMs: settings.acquireTimeoutMs,
        idleTimeoutMs: settings.idleTimeoutMs,
        maxLifetimeMs: Math.min(settings.maxLifetimeMs, limit - margin),
        maintenanceIntervalMs: 0,
        clock: this.clock,
        logger: this.log,
      },
    );
    if (settings.maintenanceIntervalMs > 0) {
      this.timer = setInterval(() => this.maintain(), settings.maintenanceIntervalMs);
      this.timer.unref?.();
    }
  }

  /** A session whose setup completed: at once when one is warm, else the first to connect or free up. */
  async acquire(signal?: AbortSignal): Promise<SessionLease> {
    this.floor = this.options.settings.min;
    this.noteDemand();
    const session = await this.pool.acquire(signal);
    this.leased.add(session);
    let done = false;
    return {
      session,
      release: () => {
        if (done) return;
        done = true;
        this.leased.delete(session);
        if (this.use === 'reuse') this.pool.release(session);
        else this.pool.destroy(session, 'used');
      },
      discard: () => {
        if (done) return;
        done = true;
        this.leased.delete(session);
        this.pool.destroy(session, 'discarded');
      },
    };
  }

  /**
   * New bias terms for sessions to come. Spare sessions are replaced in the background; until a
   * replacement is ready, acquire hands out a session with the older vocabulary rather than wait.
   */
  setVocabulary(terms: readonly string[], options: { replaceNow?: boolean } = {}): void {
    if (sameTerms(terms, this.terms) && !options.replaceNow) return;
    this.terms = [...terms];
    this.epoch++;
    if (options.replaceNow) {
      // A privacy opt-out: sessions set up with the old terms (warm, connecting or lent) must not serve another
      // utterance. validate() now refuses them, so idle ones are closed here, connecting ones on arrival and
      // lent ones when given back; acquire waits for a fresh session instead.
      this.requiredEpoch = this.epoch;
      this.pool.maintain();
      this.log.info({ terms: this.terms.length }, 'vocabulary narrowed: closed every session set up with the old terms');
    }
    this.pool.rotate();
  }

  get vocabulary(): readonly string[] {
    return this.terms;
  }

  sizes(): SessionPoolSizes {
    const m = this.pool.sizes();
    return { warm: m.idle, inUse: m.inUse, waiting: m.waiting, connecting: m.creating, target: this.pool.warmTarget };
  }

  metrics(): ResourcePoolMetrics {
    return this.pool.metrics();
  }

  /** Re-sizes the warm set to demand, expires idle and old sessions, and tops up (also run by the timer). */
  maintain(): void {
    this.resize();
    this.pool.maintain();
  }

  /** Memory pressure: closes the warm sessions nobody is using; they come back with the next request. */
  trimIdle(): void {
    this.floor = 0;
    this.recent.length = 0;
    this.pool.setMin(0);
    const closed = this.pool.trimIdle();
    this.log.info({ closed }, 'closed spare Live sessions');
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pool.close();
  }

  private async connect(signal: AbortSignal): Promise<LiveSession> {
    const epoch = this.epoch;
    const session = await this.options.factory.connect({ vocabulary: this.terms, signal });
    this.epochs.set(session, epoch);
    // goAway or a close (1011 when the server ends it) while idle: replace quietly. While in use
    // the utterance sees it, and the session is destroyed when given back (validate fails).
    const replace = (reason: string) => (): void => this.replaceIfIdle(session, reason);
    this.listeners.set(session, [session.onGoAway(replace('goaway')), session.onClose(replace('closed'))]);
    return session;
  }

  private replaceIfIdle(session: LiveSession, reason: string): void {
    // destroy() on a lent session would pull it from under the user; the lease's release/discard does it.
    if (this.leased.has(session)) return;
    this.log.info({ session: session.id, reason }, 'replacing an idle Live session');
    this.pool.destroy(session, reason);
  }

  private dispose(session: LiveSession): void {
    for (const d of this.listeners.get(session) ?? []) d.dispose();
    this.listeners.delete(session);
    if (!session.closed) session.close();
  }

  private noteDemand(): void {
    const m = this.pool.sizes();
    this.recent.push({ at: this.clock.now(), busy: m.inUse + m.waiting + 1 });
    // Bounded: past a few hundred requests a minute the target is max anyway.
    if (this.recent.length > 512) this.recent.shift();
    this.resize();
  }

  /** Warm target = the most sessions busy at once lately, or more when requests come faster than one per 3 s. */
  private resize(): void {
    const now = this.clock.now();
    while (this.recent.length > 0 && now - (this.recent[0] as { at: number }).at > this.windowMs) this.recent.shift();
    const perMinute = (this.recent.length * 60_000) / this.windowMs;
    let peak = 0;
    for (const r of this.recent) peak = Math.max(peak, r.busy);
    const { max } = this.options.settings;
    const target = Math.max(this.floor, Math.min(max, Math.max(peak, Math.ceil(perMinute / this.perWarmSession))));
    if (target !== this.pool.warmTarget) {
      this.log.debug({ target, perMinute, peak }, 'warm target changed');
      this.pool.setMin(target);
    }
  }
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
