// Resolves settings' Gemini instances (GEMINI_API_KEY and VOICE_CODEGEN_GEMINI_BASE_URL already applied) into endpoints.
import type { Settings } from '../config/schema.js';
import type { GeminiEndpoint } from './types.js';

export interface ResolvedEndpoint extends GeminiEndpoint {
  weight: number;
}

/**
 * One endpoint per configured instance, its models completed from the global defaults. With no
 * instance at all, a keyless "default" endpoint is returned so the first call fails with
 * NO_API_KEY (telling the user to set GEMINI_API_KEY or run the demo) instead of nothing happening.
 */
export function resolveEndpoints(settings: Settings): ResolvedEndpoint[] {
  const instances = settings.gemini.instances.length > 0 ? settings.gemini.instances : [{ name: 'default', weight: 1 }];
  return instances.map((instance) => ({
    name: instance.name,
    apiKey: 'apiKey' in instance && instance.apiKey ? instance.apiKey : '',
    ...('baseUrl' in instance && instance.baseUrl ? { baseUrl: instance.baseUrl } : {}),
    models: { ...settings.gemini.models, ...('models' in instance ? instance.models : {}) },
    weight: instance.weight,
  }));
}
