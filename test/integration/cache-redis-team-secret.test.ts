// The shared Redis tier needs a team secret: REDIS_URL alone turns nothing on, Settings says why, and a secret set there (or saved in the keychain) turns it on.
import { Redis } from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teamNamespace } from '../../main/cache/team-secret.js';
import { silentLogger } from '../../main/core/logger.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { createFileSecretPersistence } from '../../main/hosts/electron/file-secret-persistence.js';
import { SafeStorageSecretStore } from '../../main/hosts/electron/logic/secret-store.js';
import { startHarness, type Harness, type HarnessOptions } from '../support/app-harness.js';
import { FAULT_SETTINGS } from '../support/fault-helpers.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const SECRET = 'a team secret typed into Settings';

type Call = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };
const call = async (h: Harness, method: string, params: Record<string, unknown> = {}): Promise<Call> =>
  (await h.app.router.call(method as 'settings.get', params as never, { clientId: 't' })) as unknown as Call;

describe('the shared Redis cache and the team secret', () => {
  let redis: RedisServerHandle;
  let sim: GeminiSimulator;
  let raw: Redis;
  const open: Harness[] = [];
  const dirs: string[] = [];

  const app = async (options: HarnessOptions = {}): Promise<Harness> => {
    const h = await startHarness({ simulator: sim, settings: { ...FAULT_SETTINGS, cache: { enabled: true } }, ...options, env: { REDIS_URL: redis.url, ...options.env } });
    open.push(h);
    return h;
  };
  const waitForWrites = async (): Promise<number> => {
    for (let i = 0; i < 100; i++) {
      const n = await raw.dbsize();
      if (n > 0) return n;
      await new Promise((r) => setTimeout(r, 20));
    }
    return 0;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startGeminiSimulator({ profile: 'instant' });
    raw = new Redis(redis.url);
  });
  afterEach(async () => {
    for (const h of open.splice(0).reverse()) await h.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    await raw.flushall();
  });
  afterAll(async () => {
    raw?.disconnect();
    await sim?.close();
    await redis?.stop();
  });

  it('with REDIS_URL and no team secret the Redis tier stays off, nothing reaches Redis, and Settings says why', async () => {
    const h = await app();
    await h.app.runText({ text: 'write a function that adds two numbers' }, () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(await raw.dbsize()).toBe(0);
    const dashboard = await call(h, 'dashboard.get');
    expect(dashboard.ok && (dashboard.result.cacheTiers as { tiers: Record<string, unknown> }).tiers.l2).toBeUndefined();
    const settings = await call(h, 'settings.get');
    expect(settings.ok && settings.result.sharedCache).toEqual({
      enabled: false,
      secret: 'none',
      message: 'Shared cache off: set a team secret (VOICE_CODEGEN_TEAM_SECRET or Settings).',
    });
  });

  it('a team secret set in Settings turns the shared cache on without a restart, and is never sent back', async () => {
    const h = await app();
    const set = await call(h, 'settings.setTeamSecret', { secret: SECRET });
    expect(set).toMatchObject({ ok: true, result: { ok: true, stored: 'memory', sharedCache: { enabled: true, secret: 'memory' } } });
    expect(JSON.stringify(set)).not.toContain(SECRET);
    expect(JSON.stringify(set)).toContain(teamNamespace(SECRET));

    await h.app.runText({ text: 'write a function that multiplies two numbers' }, () => undefined);
    expect(await waitForWrites()).toBeGreaterThan(0);
    const keys = await raw.keys('*');
    for (const k of keys) expect(k.startsWith(`vcg:${teamNamespace(SECRET)}:`)).toBe(true);

    const settings = await call(h, 'settings.get');
    expect(settings.ok && settings.result.sharedCache).toMatchObject({ enabled: true, secret: 'memory' });
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    const updated = await call(h, 'settings.update', { patch: { language: { default: 'go' } } });
    expect(JSON.stringify(updated)).not.toContain(SECRET);
    // Nothing of it in the stored settings either.
    expect(readFileSync(join(h.dataDir, 'voice-codegen.db')).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('a team secret saved in the keychain (safeStorage) is used at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcg-secrets-'));
    dirs.push(dir);
    const store = (): SafeStorageSecretStore =>
      new SafeStorageSecretStore(
        // A reversible stand-in for Electron's safeStorage (no Electron binary here); the file and store logic are real.
        { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s).reverse(), decryptString: (b) => Buffer.from(b).reverse().toString() },
        createFileSecretPersistence(join(dir, 'secrets.json')),
        silentLogger,
      );
    const first = await app({ host: 'electron', platform: { secretStore: store() } });
    expect(await call(first, 'settings.setTeamSecret', { secret: SECRET })).toMatchObject({ ok: true, result: { stored: 'encrypted' } });
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(SECRET);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await app({ host: 'electron', platform: { secretStore: store() } });
    const settings = await call(second, 'settings.get');
    expect(settings.ok && settings.result.sharedCache).toMatchObject({ enabled: true, secret: 'encrypted' });
  });

  it('refuses a short secret, and a secret in VOICE_CODEGEN_TEAM_SECRET cannot be replaced from Settings', async () => {
    const h = await app();
    const short = await call(h, 'settings.setTeamSecret', { secret: 'too short' });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!short.ok && short.error.message).toContain('at least 16 characters');

    const fromEnv = await app({ env: { VOICE_CODEGEN_TEAM_SECRET: SECRET } });
    expect(await call(fromEnv, 'settings.get')).toMatchObject({ ok: true, result: { sharedCache: { enabled: true, secret: 'env' } } });
    expect(await call(fromEnv, 'settings.setTeamSecret', { secret: 'another secret, long enough' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const weakEnv = await app({ env: { VOICE_CODEGEN_TEAM_SECRET: 'short' } });
    const weak = await call(weakEnv, 'settings.get');
    expect(weak.ok && (weak.result.sharedCache as { enabled: boolean; message: string })).toMatchObject({ enabled: false, message: expect.stringContaining('at least 16 characters') });
  });
});
