// Retries a Gemini call with exponential backoff and jitter: retryable errors only, RetryInfo honoured, abortable.
import { sleep, throwIfAborted } from '../core/abort.js';
import type { AppError } from '../core/errors.js';
import { mapGeminiError } from './errors.js';

export interface RetrySettings {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryOptions extends RetrySettings {
  signal?: AbortSignal;
  /** Source of jitter in [0, 1); injectable so tests can pin it. */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: AppError }) => void;
}

/**
 * The wait before the next attempt, or null when the error must not be retried: not retryable
 * (400, 403, bad key...), out of attempts, or a RetryInfo delay longer than we are allowed to wait
 * (the error then reaches the caller with its retryAfterMs, so the UI can say when to try again).
 */
export function retryDelay(error: AppError, attempt: number, options: RetryOptions): number | null {
  if (!error.retryable || attempt >= options.maxAttempts) return null;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= options.maxDelayMs ? error.retryAfterMs : null;
  }
  // "Equal jitter": half the exponential step, plus a random half, so that clients spread out.
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(step / 2 + random() * (step / 2));
}

/** Runs work until it succeeds, a non-retryable error occurs, attempts run out or the signal aborts. */
export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal);
    try {
      return await work(attempt);
    } catch (thrown) {
      const error = mapGeminiError(thrown);
      if (error.code === 'CANCELLED' || options.signal?.aborted) throw error;
      const delayMs = retryDelay(error, attempt, options);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
