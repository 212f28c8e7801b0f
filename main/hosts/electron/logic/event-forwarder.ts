// Forwards the app's events to every live renderer window over the one event channel.
import { IPC_EVENT_CHANNEL, type EventName } from '../../../../preload/contract.js';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export class EventForwarder {
  private readonly targets = new Set<EventTarget>();

  add(target: EventTarget): () => void {
    this.targets.add(target);
    return () => this.targets.delete(target);
  }

  send(event: EventName, payload: unknown): void {
    for (const target of [...this.targets]) {
      if (target.isDestroyed()) {
        this.targets.delete(target);
        continue;
      }
      target.send(IPC_EVENT_CHANNEL, event, payload);
    }
  }
}
