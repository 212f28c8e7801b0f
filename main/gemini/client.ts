// Creates the @google/genai client for one endpoint: its key and, when set, its base URL (simulator, proxy).
import { GoogleGenAI } from '@google/genai';
import { AppError } from '../core/errors.js';
import type { GeminiEndpoint } from './types.js';

export function requireApiKey(endpoint: Pick<GeminiEndpoint, 'name' | 'apiKey'>): string {
  const key = endpoint.apiKey.trim();
  if (key === '') {
    throw new AppError('NO_API_KEY', `No Gemini API key for "${endpoint.name}". Set GEMINI_API_KEY (or save a key in settings), or run \`npm run demo\` to try the app against the simulated Gemini.`, {
      retryable: false,
    });
  }
  return key;
}

/** One client per endpoint; VOICE_CODEGEN_GEMINI_BASE_URL reaches every REST and Live call through baseUrl. */
export function createGeminiClient(endpoint: GeminiEndpoint): GoogleGenAI {
  const apiKey = requireApiKey(endpoint);
  return new GoogleGenAI({ apiKey, ...(endpoint.baseUrl ? { httpOptions: { baseUrl: endpoint.baseUrl } } : {}) });
}
