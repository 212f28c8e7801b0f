// GEMINI_API_KEY and VOICE_CODEGEN_GEMINI_BASE_URL reach the endpoints every Gemini call is made with.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/load.js';
import { createGeminiClient } from '../../main/gemini/client.js';
import { resolveEndpoints } from '../../main/gemini/endpoints.js';

describe('resolveEndpoints', () => {
  it('carries the environment key and base URL, with default models', () => {
    const settings = loadConfig({}, { GEMINI_API_KEY: 'k1', VOICE_CODEGEN_GEMINI_BASE_URL: 'http://127.0.0.1:9/' });
    const [endpoint] = resolveEndpoints(settings);
    expect(endpoint).toMatchObject({ apiKey: 'k1', baseUrl: 'http://127.0.0.1:9/', models: { live: 'gemini-3.5-transcribe-live', codegen: 'gemini-3.8-flash' } });
  });

  it('merges per-instance models over the defaults', () => {
    const settings = loadConfig({ gemini: { instances: [{ name: 'eu', apiKey: 'k', models: { codegen: 'gemini-x' } }] } });
    expect(resolveEndpoints(settings)[0]?.models).toMatchObject({ codegen: 'gemini-x', live: 'gemini-3.5-transcribe-live' });
  });

  it('without a key, creating a client fails with NO_API_KEY and says what to do', () => {
    const [endpoint] = resolveEndpoints(loadConfig({}));
    expect(() => createGeminiClient(endpoint as NonNullable<typeof endpoint>)).toThrow(expect.objectContaining({ code: 'NO_API_KEY', message: expect.stringMatching(/GEMINI_API_KEY.*npm run demo/) }));
  });
});
