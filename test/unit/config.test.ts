// Settings: the seed's defaults, environment overrides, and errors that name the bad key and the allowed values.
import { describe, expect, it } from 'vitest';
import { loadConfig, parseSettings, pickConfigEnv, teamSecretFromEnv } from '../../main/config/load.js';

describe('settings', () => {
  it('fills every default from the seed when nothing is stored', () => {
    const s = parseSettings({});
    expect(s.cache.l1.maxBytes).toBe(100 * 1024 * 1024);
    expect(s.cache.l1.ttlMs).toBe(60_000);
    expect(s.cache.l2.ttlMs).toBe(300_000);
    expect(s.cache.l3.ttlMs).toBe(3_600_000);
    expect(s.monitor.memory).toMatchObject({ warning: 0.8, critical: 0.9, intervalMs: 30_000 });
    expect(s.budgets.total).toEqual({ targetMs: 2000, maxMs: 4000 });
    expect(s.pool).toMatchObject({ min: 1, max: 4, acquireTimeoutMs: 30_000 });
  });

  it('lets GEMINI_API_KEY and the base URL define the first instance over stored values', () => {
    const s = loadConfig(
      { gemini: { instances: [{ name: 'work', apiKey: 'stored', baseUrl: 'https://proxy.example/' }, { name: 'backup', apiKey: 'b' }] } },
      { GEMINI_API_KEY: 'from-env', VOICE_CODEGEN_GEMINI_BASE_URL: 'http://127.0.0.1:9999' },
    );
    expect(s.gemini.instances[0]).toMatchObject({ name: 'work', apiKey: 'from-env', baseUrl: 'http://127.0.0.1:9999' });
    expect(s.gemini.instances[1]).toMatchObject({ name: 'backup', apiKey: 'b' });
  });

  it('applies REDIS_URL, the data dir and the port', () => {
    const s = loadConfig({}, { REDIS_URL: 'redis://127.0.0.1:6390', VOICE_CODEGEN_DATA_DIR: '/tmp/x', VOICE_CODEGEN_PORT: '4321' });
    expect(s.cache.l2.url).toBe('redis://127.0.0.1:6390');
    expect(s.app.dataDir).toBe('/tmp/x');
    expect(s.app.port).toBe(4321);
  });

  it('reads VOICE_CODEGEN_TEAM_SECRET for the shared cache but never puts it into the settings (which are stored and shown)', () => {
    const env = pickConfigEnv({ REDIS_URL: 'redis://127.0.0.1:6390', VOICE_CODEGEN_TEAM_SECRET: '  a long shared team secret\n', HOME: '/home/x' });
    expect(env).toEqual({ REDIS_URL: 'redis://127.0.0.1:6390', VOICE_CODEGEN_TEAM_SECRET: '  a long shared team secret\n' });
    expect(teamSecretFromEnv(env)).toBe('a long shared team secret');
    expect(teamSecretFromEnv({ VOICE_CODEGEN_TEAM_SECRET: '   ' })).toBeUndefined();
    expect(teamSecretFromEnv({})).toBeUndefined();
    expect(JSON.stringify(loadConfig({}, env))).not.toContain('team secret');
  });

  it('names the bad key and the allowed values', () => {
    expect(() => parseSettings({ hotkey: { mode: 'hold' } })).toThrow(/hotkey\.mode.*allowed: push-to-talk, toggle/);
    expect(() => loadConfig({}, { VOICE_CODEGEN_PORT: 'eighty' })).toThrow(/VOICE_CODEGEN_PORT/);
  });
});
