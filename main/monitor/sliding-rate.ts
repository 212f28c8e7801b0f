// Error rate over a sliding time window, kept in fixed time slots so recording is O(1) with no allocation.
//
// The window moves in steps of windowMs / slots (10 s for the default 5 min and 30 slots): a
// request leaves the window between windowMs - step and windowMs after it was recorded. That
// granularity is fine for an alert and avoids keeping a timestamp per request.

export interface RateReading {
  total: number;
  errors: number;
  /** errors / total, 0 when the window is empty. */
  rate: number;
}

export class SlidingRate {
  private readonly totals: Float64Array;
  private readonly errors: Float64Array;
  private readonly slotMs: number;
  private current = -1;

  constructor(readonly windowMs: number, readonly slots = 30) {
    if (windowMs <= 0 || slots <= 0) throw new RangeError('windowMs and slots must be positive');
    this.slotMs = windowMs / slots;
    this.totals = new Float64Array(slots);
    this.errors = new Float64Array(slots);
  }

  add(now: number, isError: boolean): void {
    const slot = this.advance(now) % this.slots;
    this.totals[slot] = (this.totals[slot] as number) + 1;
    if (isError) this.errors[slot] = (this.errors[slot] as number) + 1;
  }

  read(now: number): RateReading {
    this.advance(now);
    let total = 0;
    let errors = 0;
    for (let i = 0; i < this.slots; i++) {
      total += this.totals[i] as number;
      errors += this.errors[i] as number;
    }
    return { total, errors, rate: total === 0 ? 0 : errors / total };
  }

  /** Moves the window to `now`, clearing the slots that fell out; returns the absolute slot index. */
  private advance(now: number): number {
    const index = Math.floor(now / this.slotMs);
    if (index === this.current) return index;
    if (this.current < 0 || index - this.current >= this.slots) {
      this.totals.fill(0);
      this.errors.fill(0);
    } else if (index > this.current) {
      for (let i = this.current + 1; i <= index; i++) {
        this.totals[i % this.slots] = 0;
        this.errors[i % this.slots] = 0;
      }
    } else {
      // The clock went backwards (wall-clock change): keep counting in the current slot.
      return this.current;
    }
    this.current = index;
    return index;
  }
}
