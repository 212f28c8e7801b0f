// The timer functions the monitors schedule with, injected so tests drive time by hand (see ManualTimers).

// Opaque: Node returns a Timeout object, ManualTimers a plain one.
export type TimerHandle = object;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/** Node's timers, unref'd: a monitor must never keep the process alive on its own. */
export const systemTimers: Timers = {
  setTimeout(callback, ms) {
    const t = setTimeout(callback, ms);
    t.unref();
    return t;
  },
  setInterval(callback, ms) {
    const t = setInterval(callback, ms);
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
