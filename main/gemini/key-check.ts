// Checks a Gemini key before it is saved: one cheap real call (models.get of the configured model) under a 5 s timeout.
import { AppError } from '../core/errors.js';
import { createGeminiClient } from './client.js';
import { endpointHost, mapGeminiError } from './errors.js';
import type { GeminiEndpoint } from './types.js';

export const KEY_CHECK_TIMEOUT_MS = 5_000;

export interface KeyCheck {
  /** True when Google answered and accepted the key; false when it could not be asked (network, timeout). */
  verified: boolean;
  /** Why it is not verified, in words a user can act on. */
  note?: string;
}

/**
 * Throws INVALID_KEY with Google's own message when Google rejects the key (it must then not be saved).
 * Any other answer from Google (the model, a 404 for an unknown model, a 429) means the key itself was accepted.
 */
export async function checkApiKey(endpoint: GeminiEndpoint, apiKey: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<KeyCheck> {
  const timeoutMs = options.timeoutMs ?? KEY_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AppError('TIMEOUT', `Google did not answer the key check within ${timeoutMs / 1000} s.`)), timeoutMs);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const ai = createGeminiClient({ ...endpoint, apiKey });
    await ai.models.get({ model: endpoint.models.codegen, config: { abortSignal: controller.signal } });
    return { verified: true };
  } catch (thrown) {
    if (options.signal?.aborted) throw mapGeminiError(thrown);
    const error = controller.signal.aborted ? (controller.signal.reason as AppError) : mapGeminiError(thrown);
    if (error.code === 'INVALID_KEY' || error.code === 'NO_API_KEY') {
      const google = typeof error.details?.googleMessage === 'string' && error.details.googleMessage !== '' ? error.details.googleMessage : error.message;
      throw new AppError('INVALID_KEY', `Google rejected the key, so it was not saved: ${google}`, { cause: error, retryable: false, details: error.details, info: { host: endpointHost(endpoint), google: google.slice(0, 300) } });
    }
    if (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL' || error.code === 'CANCELLED') {
      return { verified: false, note: `Saved, not verified: ${endpointHost(endpoint)} could not be asked (${error.code === 'TIMEOUT' ? 'no answer within 5 s' : error.message}).` };
    }
    // QUOTA, an unknown model (404)...: Google looked at the key and accepted it.
    return { verified: true };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
