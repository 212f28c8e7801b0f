// Injected faults: each applies to the next `count` matching calls, then is used up.
import type { Fault, FaultKind } from './types.js';

type Entry = { fault: Fault; left: number };

export class FaultQueue {
  private entries: Entry[] = [];

  add(fault: Fault): void {
    this.entries.push({ fault, left: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.entries = [];
  }

  /** Takes one use of the first fault of these kinds that matches the model, if any. */
  take<K extends FaultKind>(kinds: readonly K[], model?: string, accept?: (fault: Extract<Fault, { kind: K }>) => boolean): Extract<Fault, { kind: K }> | undefined {
    for (const entry of this.entries) {
      const fault = entry.fault as Extract<Fault, { kind: K }>;
      if (!(kinds as readonly FaultKind[]).includes(fault.kind)) continue;
      if (fault.model !== undefined && model !== undefined && fault.model !== model) continue;
      if (accept && !accept(fault)) continue;
      entry.left -= 1;
      if (entry.left <= 0) this.entries.splice(this.entries.indexOf(entry), 1);
      return fault;
    }
    return undefined;
  }

  /** True while a fault of this kind is waiting (nothing is used up). */
  has(kind: FaultKind): boolean {
    return this.entries.some((e) => e.fault.kind === kind);
  }

  pending(): Fault[] {
    return this.entries.map((e) => ({ ...e.fault, count: e.left }));
  }
}
