// Timeouts that abort the work they time out (the seed's timeoutWrapper), not just stop waiting for it.
import { LinkedAbortController, abortReason } from './abort.js';
import { AppError } from './errors.js';

export class TimeoutError extends AppError {
  readonly stage: string;
  readonly timeoutMs: number;
  constructor(stage: string, timeoutMs: number) {
    super('TIMEOUT', `${stage} took longer than ${timeoutMs} ms and was stopped. Try again; if it keeps happening, check your network or the Gemini endpoint.`, {
      details: { stage, timeoutMs },
    });
    this.name = 'TimeoutError';
    this.stage = stage;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Runs work(signal) with a deadline. When the deadline passes, the signal given to the work is
 * aborted with a TimeoutError and the returned promise rejects with it; when the parent signal
 * aborts, the work is aborted with the parent's reason.
 */
export async function withTimeout<T>(
  stage: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  parent?: AbortSignal,
): Promise<T> {
  const link = new LinkedAbortController(parent);
  if (link.signal.aborted) {
    link.dispose();
    throw abortReason(link.signal);
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeoutError(stage, timeoutMs);
      link.abort(error);
      reject(error);
    }, timeoutMs);
    // Only a parent can abort the link from outside (the work is given its signal, not the controller).
    if (parent) link.signal.addEventListener('abort', () => reject(abortReason(link.signal)), { once: true });
  });
  try {
    return await Promise.race([work(link.signal), deadline]);
  } finally {
    clearTimeout(timer);
    link.dispose();
  }
}
