// The event half of a hand-written renderer Api for controller tests: listeners the controller adds, events the test emits.
import type { EventName, EventPayload } from '../../preload/contract.js';

/** Api.on as the preload has it, plus emit() for the test; a fake Api extends this and adds call() and sendAudio(). */
export class FakeApiEvents {
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (p: unknown) => void);
    return () => set.delete(listener as (p: unknown) => void);
  }

  /** Delivers `payload` to every listener of `event`, as main's event would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}
