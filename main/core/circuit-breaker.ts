// A circuit breaker (closed -> open -> half-open): stop sending work to something that keeps failing, probe it after a cooldown.
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before letting one probe through. */
  cooldownMs: number;
  clock?: Clock;
  onStateChange?: (state: BreakerState, previous: BreakerState) => void;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** Wall-clock ms when an open breaker lets a probe through (undefined unless open). */
  retryAt: number | undefined;
  lastFailure: unknown;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedUntil = 0;
  private probeInFlight = false;
  private lastFailureValue: unknown;
  private readonly clock: Clock;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The state now: an open breaker whose cooldown has passed reads as half-open. */
  get state(): BreakerState {
    if (this.current === 'open' && this.clock.now() >= this.openedUntil) this.transition('half-open');
    return this.current;
  }

  /** True when a request may go now (closed, or half-open with no probe out yet); does not reserve. */
  get available(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && !this.probeInFlight);
  }

  /**
   * Reserves the right to send one request. In half-open only one probe goes at a time; its outcome
   * (recordSuccess, recordFailure or recordIgnored) decides the next state.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.probeInFlight = false;
    if (this.current !== 'closed') this.transition('closed');
  }

  recordFailure(cause?: unknown): void {
    this.failures++;
    this.lastFailureValue = cause;
    const wasProbe = this.probeInFlight;
    this.probeInFlight = false;
    if (wasProbe || this.current === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.openedUntil = this.clock.now() + this.options.cooldownMs;
      if (this.current !== 'open') this.transition('open');
    }
  }

  /** The request ended without saying anything about the target's health (cancelled, caller's own error). */
  recordIgnored(): void {
    this.probeInFlight = false;
  }

  /** Opens now for at least ms (a 429 with RetryInfo says exactly how long to stay away). */
  openFor(ms: number, cause?: unknown): void {
    this.lastFailureValue = cause;
    this.probeInFlight = false;
    this.openedUntil = Math.max(this.openedUntil, this.clock.now() + ms);
    if (this.current !== 'open') this.transition('open');
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      state,
      consecutiveFailures: this.failures,
      retryAt: state === 'open' ? this.openedUntil : undefined,
      lastFailure: this.lastFailureValue,
    };
  }

  private transition(next: BreakerState): void {
    const previous = this.current;
    this.current = next;
    this.options.onStateChange?.(next, previous);
  }
}
