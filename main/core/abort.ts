// Helpers for AbortSignal plumbing: every slow operation takes a signal, and cancellation is an AppError.
import { AppError } from './errors.js';

/** Throws CANCELLED (or the signal's AppError reason) when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

export function abortReason(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError) return reason;
  return new AppError('CANCELLED', 'The request was cancelled.', { cause: reason });
}

/**
 * A controller that aborts when any parent signal aborts. dispose() detaches the listeners so a
 * long-lived parent does not keep every child alive.
 */
export class LinkedAbortController {
  readonly controller = new AbortController();
  private readonly detach: Array<() => void> = [];

  constructor(...parents: Array<AbortSignal | undefined>) {
    for (const parent of parents) {
      if (!parent) continue;
      if (parent.aborted) {
        this.controller.abort(parent.reason);
        break;
      }
      const onAbort = (): void => this.controller.abort(parent.reason);
      parent.addEventListener('abort', onAbort, { once: true });
      this.detach.push(() => parent.removeEventListener('abort', onAbort));
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  dispose(): void {
    for (const d of this.detach.splice(0)) d();
  }
}

/** Resolves after ms, or rejects with CANCELLED when the signal aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
