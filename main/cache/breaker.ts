// A small circuit breaker: after a failure, skip the dependency for a cool-down, then let one try through.
import type { Clock } from '../core/clock.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerEvents {
  /** Called once when the breaker opens from closed (not again while it stays unhealthy). */
  onOpen?: (error: unknown) => void;
  /** Called when a trial succeeds after an outage. */
  onClose?: () => void;
}

export class Breaker {
  private openUntil = 0;
  private state: BreakerState = 'closed';
  private trialInFlight = false;
  private trialStartedAt = 0;
  opens = 0;

  constructor(
    private readonly cooldownMs: number,
    private readonly clock: Clock,
    private readonly events: BreakerEvents = {},
  ) {}

  /** Cheap on the hot path: a field test while closed. */
  allows(): boolean {
    if (this.state === 'closed') return true;
    if (this.clock.monotonic() < this.openUntil) return false;
    // Half-open: one request finds out whether the dependency is back. A trial that never reported
    // (its caller was cancelled) stops blocking after another cool-down.
    const now = this.clock.monotonic();
    if (this.trialInFlight && now - this.trialStartedAt < this.cooldownMs) return false;
    this.state = 'half-open';
    this.trialInFlight = true;
    this.trialStartedAt = now;
    return true;
  }

  success(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.trialInFlight = false;
    this.events.onClose?.();
  }

  failure(error: unknown): void {
    const wasClosed = this.state === 'closed';
    this.state = 'open';
    this.trialInFlight = false;
    this.openUntil = this.clock.monotonic() + this.cooldownMs;
    if (wasClosed) {
      this.opens++;
      this.events.onOpen?.(error);
    }
  }

  get current(): BreakerState {
    return this.state;
  }
}
