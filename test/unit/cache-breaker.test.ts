// The L2 breaker: skip after a failure, one trial after the cool-down, closed again on success; logs once per outage.
import { describe, expect, it } from 'vitest';
import { Breaker } from '../../main/cache/breaker.js';
import type { Clock } from '../../main/core/clock.js';

function manualClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return { now: () => t, monotonic: () => t, advance: (ms) => void (t += ms) };
}

describe('breaker', () => {
  it('skips during the cool-down, lets one trial through after it, and closes when the trial succeeds', () => {
    const clock = manualClock();
    const events: string[] = [];
    const b = new Breaker(100, clock, { onOpen: () => events.push('open'), onClose: () => events.push('close') });
    expect(b.allows()).toBe(true);
    b.failure(new Error('down'));
    expect(b.allows()).toBe(false);
    clock.advance(100);
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(false);
    b.failure(new Error('still down'));
    clock.advance(100);
    expect(b.allows()).toBe(true);
    b.success();
    expect(b.current).toBe('closed');
    expect(events).toEqual(['open', 'close']);
  });

  it('does not stay stuck when a trial never reports back', () => {
    const clock = manualClock();
    const b = new Breaker(100, clock);
    b.failure(new Error('down'));
    clock.advance(100);
    expect(b.allows()).toBe(true);
    clock.advance(50);
    expect(b.allows()).toBe(false);
    clock.advance(60);
    expect(b.allows()).toBe(true);
  });
});
