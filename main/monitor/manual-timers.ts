// A clock and timers that move only when told to (advance), so time-based monitor logic is tested without waiting.
import type { Clock } from '../core/clock.js';
import type { TimerHandle, Timers } from './timers.js';

interface Scheduled {
  id: number;
  due: number;
  every: number | null;
  callback: () => void;
}

export class ManualTimers implements Timers, Clock {
  private time: number;
  private nextId = 1;
  private readonly scheduled = new Map<number, Scheduled>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  monotonic(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, null);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, Math.max(1, ms));
  }

  clear(handle: TimerHandle): void {
    this.scheduled.delete((handle as { id: number }).id);
  }

  /** Timers still scheduled, with the delay each was set with (to check what a monitor scheduled). */
  pending(): Array<{ inMs: number; every: number | null }> {
    return [...this.scheduled.values()].map((s) => ({ inMs: s.due - this.time, every: s.every }));
  }

  /** Moves time forward by ms, running every timer that falls due, in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let first: Scheduled | undefined;
      for (const s of this.scheduled.values()) if (s.due <= end && (!first || s.due < first.due)) first = s;
      if (!first) break;
      this.time = first.due;
      if (first.every === null) this.scheduled.delete(first.id);
      else first.due += first.every;
      first.callback();
    }
    this.time = end;
  }

  private add(callback: () => void, ms: number, every: number | null): TimerHandle {
    const id = this.nextId++;
    this.scheduled.set(id, { id, due: this.time + Math.max(0, ms), every, callback });
    return { id };
  }
}
