// Open requests by numeric id (what renderers refer to), who opened them, and how to cancel them.
import { AppError } from '../core/errors.js';

export interface OpenRequest {
  clientId: string;
  controller: AbortController;
  /** Present for dictations: audio goes here. */
  push?: (pcm16: Uint8Array) => void;
  finish?: () => void;
  /** Present for dictations: the overlay switches the app profile of this request ('auto' goes back). */
  chooseProfile?: (id: string) => void;
  cancel: () => void;
}

export class RequestRegistry {
  private nextId = 1;
  private readonly open = new Map<number, OpenRequest>();

  add(request: OpenRequest): number {
    const id = this.nextId++;
    this.open.set(id, request);
    return id;
  }

  get(id: number): OpenRequest | undefined {
    return this.open.get(id);
  }

  /** Only the client that opened a request may drive it. */
  owned(id: number, clientId: string): OpenRequest {
    const request = this.open.get(id);
    if (!request || request.clientId !== clientId) throw new AppError('VALIDATION', `No open request ${id}. It may have finished or been cancelled.`);
    return request;
  }

  remove(id: number): void {
    this.open.delete(id);
  }

  cancel(id: number): boolean {
    const request = this.open.get(id);
    if (!request) return false;
    this.open.delete(id);
    request.cancel();
    return true;
  }

  /** A new dictation from the same client cancels the one still open (one voice at a time). */
  cancelDictationsOf(clientId: string): void {
    for (const [id, r] of this.open) if (r.clientId === clientId && r.push) this.cancel(id);
  }

  cancelClient(clientId: string): void {
    for (const [id, r] of this.open) if (r.clientId === clientId) this.cancel(id);
  }

  cancelAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.open.size;
  }
}
