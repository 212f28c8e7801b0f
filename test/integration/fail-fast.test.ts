// Fail fast: when no Gemini instance can serve (no key, every breaker open), starting a dictation is refused at once
// with the error, through the same router the hosts use; a typed request's error names the host.
import { afterAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/config/schema.js';
import { startGeminiSimulator } from '../../main/gemini-sim/index.js';
import { eventLog, startHarness, type Harness } from '../support/app-harness.js';
import { outcomeOf } from '../support/fault-helpers.js';

const SETTINGS: SettingsInput = {
  gemini: { breaker: { failureThreshold: 1, cooldownMs: 30_000 }, retry: { maxAttempts: 1, baseDelayMs: 20, maxDelayMs: 5_000 } },
  speculation: { enabled: false },
  intent: { assistBelowConfidence: 0 },
  cache: { enabled: false },
};

describe('fail fast when Gemini cannot serve', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('simulator stopped: after a first failure opens the breaker, dictation.start is refused at once, naming the host', async () => {
    const sim = await startGeminiSimulator({ profile: 'instant' });
    const h = await startHarness({ settings: SETTINGS, simulator: sim });
    harnesses.push(h);
    const host = new URL(sim.baseUrl).host;
    await sim.close();
    const log = eventLog();
    await h.app.runText({ text: 'write a python function that reverses a string', noCache: true }, log.sink).catch(() => undefined);
    const typed = outcomeOf(log.events).error;
    expect(typed?.code).toBe('NETWORK');
    expect(typed?.message).toContain(host);

    const started = Date.now();
    const outcome = await h.app.router.call('dictation.start', {}, { clientId: 'test' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('NO_HEALTHY_INSTANCE');
    expect(outcome.error.info).toMatchObject({ host, cause: 'NETWORK' });
    expect(outcome.error.info?.retryAt).toBeGreaterThan(Date.now());
    expect(outcome.error.message).not.toMatch(/Live/);

    // A typed request now is refused without a call, and its error names the host too.
    const again = eventLog();
    await h.app.runText({ text: 'write a go function that adds two numbers', noCache: true }, again.sink).catch(() => undefined);
    expect(outcomeOf(again.events).error?.info?.host).toBe(host);
  });

  it('no key at all: dictation.start is refused with NO_API_KEY before any recording', async () => {
    const h = await startHarness({ settings: SETTINGS, env: { GEMINI_API_KEY: '' } });
    harnesses.push(h);
    const outcome = await h.app.router.call('dictation.start', {}, { clientId: 'test' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } });
    expect(h.sim.stats().live.connections).toBe(0);
  });
});
