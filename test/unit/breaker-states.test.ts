// The circuit breaker as a caller sees it: opens after repeated failures, lets one probe through after the cooldown.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../main/core/circuit-breaker.js';

function setup(): { breaker: CircuitBreaker; clock: { t: number }; changes: BreakerState[] } {
  const clock = { t: 0 };
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    cooldownMs: 1_000,
    clock: { now: () => clock.t, monotonic: () => clock.t },
    onStateChange: (state) => changes.push(state),
  });
  return { breaker, clock, changes };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and a success resets the count', () => {
    const { breaker } = setup();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after consecutive failures and refuses requests until the cooldown passes', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) breaker.recordFailure(new Error(`boom ${i}`));
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3, retryAt: 1_000 });
    expect((breaker.snapshot().lastFailure as Error).message).toBe('boom 2');
    clock.t = 999;
    expect(breaker.available).toBe(false);
  });

  it('half-opens after the cooldown, lets exactly one probe through, and closes on its success', () => {
    const { breaker, clock, changes } = setup();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    clock.t = 1_000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens for another cooldown when the probe fails', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    clock.t = 1_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.snapshot().retryAt).toBe(2_000);
  });

  it('frees the probe slot when the probe ended without a verdict', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    clock.t = 1_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordIgnored();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('openFor keeps it open at least as long as asked (RetryInfo)', () => {
    const { breaker, clock } = setup();
    breaker.openFor(17_000, new Error('quota'));
    clock.t = 16_999;
    expect(breaker.state).toBe('open');
    clock.t = 17_000;
    expect(breaker.state).toBe('half-open');
  });
});
