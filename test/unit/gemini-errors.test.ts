// Error mapping from what the Gemini SDK throws to the app's codes, and the retry policy built on it.
import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { mapGeminiError, mapLiveClose } from '../../main/gemini/errors.js';
import { retryDelay, withRetry } from '../../main/gemini/retry.js';

function apiError(status: number, body: unknown): ApiError {
  return new ApiError({ status, message: JSON.stringify(body) });
}

const quota = apiError(429, {
  error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'quota', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17s' }] },
});

describe('mapGeminiError', () => {
  it('maps HTTP statuses to app codes', () => {
    const code = (status: number, message = 'x'): string => mapGeminiError(apiError(status, { error: { code: status, message } })).code;
    expect(code(400)).toBe('BAD_REQUEST');
    expect(code(400, 'API key not valid. Please pass a valid API key.')).toBe('INVALID_KEY');
    expect(code(403)).toBe('INVALID_KEY');
    expect(code(404)).toBe('BAD_REQUEST');
    expect(code(500)).toBe('UNAVAILABLE');
    expect(code(503)).toBe('UNAVAILABLE');
    expect(code(504)).toBe('TIMEOUT');
  });

  it('reads retryAfterMs from RetryInfo, in an HTTP error and in an SSE error event', () => {
    expect(mapGeminiError(quota)).toMatchObject({ code: 'QUOTA', retryAfterMs: 17_000, retryable: true });
    const inStream = new ApiError({ status: 429, message: `got status: RESOURCE_EXHAUSTED. ${JSON.stringify({ error: { code: 429, details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }] } })}` });
    expect(mapGeminiError(inStream).retryAfterMs).toBe(1_500);
  });

  it('maps SSE cuts and socket failures to a retryable NETWORK error', () => {
    expect(mapGeminiError(new Error('Incomplete JSON segment at the end'))).toMatchObject({ code: 'NETWORK', retryable: true });
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(mapGeminiError(fetchFailed).code).toBe('NETWORK');
  });

  it('keeps AppErrors and maps aborts to CANCELLED', () => {
    const original = new AppError('QUOTA', 'q');
    expect(mapGeminiError(original)).toBe(original);
    expect(mapGeminiError(new DOMException('aborted', 'AbortError')).code).toBe('CANCELLED');
  });

  it('maps Live close codes and reasons', () => {
    expect(mapLiveClose({ code: 1007, reason: 'API key not valid. Please pass a valid API key.' }).code).toBe('INVALID_KEY');
    expect(mapLiveClose({ code: 1008, reason: "Method doesn't allow unregistered callers" }).code).toBe('NO_API_KEY');
    expect(mapLiveClose({ code: 1007, reason: 'Cannot extract voices from a non-audio request.' }).code).toBe('BAD_REQUEST');
    expect(mapLiveClose({ code: 1011, reason: 'Deadline expired before operation could complete.' })).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(mapLiveClose({ code: 1006, reason: '' }).code).toBe('NETWORK');
    expect(mapLiveClose({ code: 1011, reason: 'You exceeded your current quota, please check your plan and billing details.' }).code).toBe('QUOTA');
  });
});

describe('retry', () => {
  const options = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };

  it('backs off exponentially with jitter, capped', () => {
    const unavailable = new AppError('UNAVAILABLE', 'u');
    expect([1, 2, 3].map((attempt) => retryDelay(unavailable, attempt, options))).toEqual([75, 150, 300]);
    expect(retryDelay(unavailable, 3, { ...options, baseDelayMs: 800 })).toBe(750);
    expect(retryDelay(unavailable, 4, options)).toBeNull();
  });

  it('never retries a bad request or a refused key, and waits exactly what RetryInfo names', () => {
    expect(retryDelay(new AppError('BAD_REQUEST', 'b'), 1, options)).toBeNull();
    expect(retryDelay(new AppError('INVALID_KEY', 'k'), 1, options)).toBeNull();
    expect(retryDelay(new AppError('QUOTA', 'q', { retryAfterMs: 700 }), 1, options)).toBe(700);
    // Longer than we may wait: the caller gets the error (with retryAfterMs) at once.
    expect(retryDelay(new AppError('QUOTA', 'q', { retryAfterMs: 17_000 }), 1, options)).toBeNull();
  });

  it('retries retryable failures until success, and stops on abort', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new AppError('UNAVAILABLE', 'u');
      return 'ok';
    }, { ...options, baseDelayMs: 1 });
    expect(result).toBe('ok');
    expect(calls).toBe(3);

    const controller = new AbortController();
    const run = withRetry(async () => {
      controller.abort();
      throw new AppError('UNAVAILABLE', 'u');
    }, { ...options, signal: controller.signal });
    await expect(run).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
