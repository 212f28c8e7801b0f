// The key check on save, through the router the hosts use, against the simulator's models.get: Google's rejection
// refuses the key (not saved), a good key is saved verified, an unreachable endpoint saves it marked not verified.
import { afterAll, describe, expect, it } from 'vitest';
import { GoogleGenAI } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { freePort } from '../support/net.js';

describe('key check on save', () => {
  const harnesses: Harness[] = [];
  let sim: GeminiSimulator;
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await sim?.close();
  });

  it('the simulator answers models.get and countTokens in Google shapes through the real SDK, and rejects a bad key as Google does', async () => {
    // A key as long as a real one (the app refuses anything shorter than 8 characters before asking Google).
    sim = await startGeminiSimulator({ profile: 'instant', apiKeys: ['AIzaSimulatedKeyForTheKeyCheck0001'] });
    const ai = new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } });
    const model = await ai.models.get({ model: 'gemini-3.5-flash' });
    expect(model).toMatchObject({ name: 'models/gemini-3.5-flash', inputTokenLimit: expect.any(Number), outputTokenLimit: expect.any(Number) });
    expect(model.supportedActions).toContain('generateContent');
    const counted = await ai.models.countTokens({ model: 'gemini-3.5-flash', contents: 'hello world, twenty chars' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    await expect(ai.models.get({ model: 'no-such-model' }).catch((e: Error) => e.message)).resolves.toMatch(/NOT_FOUND/);
    const bad = new GoogleGenAI({ apiKey: 'not-a-real-key', httpOptions: { baseUrl: sim.baseUrl } });
    await expect(bad.models.get({ model: 'gemini-3.5-flash' }).catch((e: Error) => e.message)).resolves.toMatch(/API key not valid/);
    await expect(bad.models.countTokens({ model: 'gemini-3.5-flash', contents: 'x' }).catch((e: Error) => e.message)).resolves.toMatch(/API key not valid/);
  });

  it('a key Google rejects is refused at save with Google\'s message and not saved; a good one is saved and verified', async () => {
    const h = await startHarness({ simulator: sim, env: { GEMINI_API_KEY: '' } });
    harnesses.push(h);
    const refused = await h.app.router.call('settings.setApiKey', { instance: 'default', apiKey: 'not-a-real-key' }, { clientId: 't' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_KEY' } });
    if (!refused.ok) expect(refused.error.message).toContain('API key not valid. Please pass a valid API key.');
    // Not saved: the app still has no key, so starting a dictation is refused for that reason.
    expect(await h.app.router.call('dictation.start', {}, { clientId: 't' })).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } });

    const saved = await h.app.router.call('settings.setApiKey', { instance: 'default', apiKey: sim.apiKey }, { clientId: 't' });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true, result: { ok: true, verified: true } });
    const info = await h.app.router.call('app.info', {}, { clientId: 't' });
    expect(info).toMatchObject({ ok: true, result: { hasApiKey: true } });
  });

  it('an endpoint that cannot be reached: the key is saved, marked not verified, naming the host', async () => {
    // A free port nobody listens on: connection refused.
    const url = `http://127.0.0.1:${await freePort()}`;
    const h = await startHarness({ remote: { baseUrl: url, apiKey: '' } });
    harnesses.push(h);
    const saved = await h.app.router.call('settings.setApiKey', { instance: 'default', apiKey: 'AIzaSyNotCheckedBecauseOffline00' }, { clientId: 't' });
    expect(saved).toMatchObject({ ok: true, result: { ok: true, verified: false } });
    if (saved.ok) expect((saved.result as { note?: string }).note).toContain(new URL(url).host);
  });
});
