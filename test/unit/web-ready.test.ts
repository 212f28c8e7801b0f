// waitUntilReady: waits for a warm Live session, returns at once when none is kept warm, and gives up after its limit.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../main/config/schema.js';
import { waitUntilReady } from '../../main/hosts/web/ready.js';

function appWith(apiKey: string, min: number, warmAfterChecks: number) {
  const settings = settingsSchema.parse({ pool: { min, max: Math.max(min, 1) } });
  // As loadConfig leaves it: GEMINI_API_KEY (or a stored key) on the first instance, or none.
  settings.gemini.instances = apiKey ? [{ name: 'default', apiKey, weight: 1 }] : [];
  let checks = 0;
  return { app: { settings, warmSessions: () => (++checks > warmAfterChecks ? 1 : 0) }, checks: () => checks };
}

describe('waitUntilReady', () => {
  it('waits until a Live session is warm', async () => {
    const { app, checks } = appWith('key-123456789', 1, 3);
    const r = await waitUntilReady(app, { intervalMs: 1 });
    expect(r.warm).toBe(true);
    expect(checks()).toBe(4);
    expect(r.line).toMatch(/^Ready to dictate: a Live session is warm \(\d+ ms after start\)\.$/);
  });

  it('says at once that no session is kept warm without a key, or with pool.min 0', async () => {
    const noKey = await waitUntilReady(appWith('', 1, 0).app);
    expect(noKey.warm).toBe(false);
    expect(noKey.line).toMatch(/add a Gemini API key/);
    const { app, checks } = appWith('key-123456789', 0, 0);
    const none = await waitUntilReady(app);
    expect(none.line).toMatch(/pool\.min is 0/);
    expect(checks()).toBe(0);
  });

  it('gives up after its limit and says the first dictation will connect', async () => {
    const r = await waitUntilReady(appWith('key-123456789', 1, Number.POSITIVE_INFINITY).app, { timeoutMs: 30, intervalMs: 5 });
    expect(r.warm).toBe(false);
    expect(r.line).toMatch(/the first dictation will connect/);
  });
});
