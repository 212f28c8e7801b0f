// The app's outgoing event bus: hosts subscribe and forward events to their renderers.
import type { EventName, EventPayload } from '../../preload/contract.js';

export type AppEventListener = (event: EventName, payload: unknown) => void;

export class AppEvents {
  private readonly listeners = new Set<AppEventListener>();

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of [...this.listeners]) {
      try {
        l(event, payload);
      } catch {
        // A host that fails to forward one event must not break the others.
      }
    }
  }
}
