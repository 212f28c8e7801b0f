// Creates the @google/genai client for one endpoint: its key and, when set, its base URL (simulator, proxy).
import { GoogleGenAI } from '@google/genai';
import { AppError } from '../core/errors.js';
import type { GeminiEndpoint } from './types.js';

export function requireApiKey(endpoint: Pick<GeminiEndpoint, 'name' | 'apiKey'> & { baseUrl?: string }): string {
  const key = endpoint.apiKey.trim();
  if (key === '') {
    // With a base URL from Settings, GEMINI_API_KEY is withheld (a key goes only to the endpoint it was given for).
    const where = endpoint.baseUrl ? ` at ${endpoint.baseUrl.slice(0, 200)}` : '';
    const save = endpoint.baseUrl ? 'save a key for that endpoint in Settings' : 'save a key in Settings';
    throw new AppError('NO_API_KEY', `No Gemini API key for "${endpoint.name}"${where}. Set GEMINI_API_KEY (or ${save}), or run \`npm run demo\` to try the app against the simulated Gemini.`, {
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
