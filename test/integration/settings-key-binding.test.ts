// Issue 18, finding 2: a key is bound to the endpoint it was given for. Moving an instance to another base URL in
// Settings drops its key (the answer says so); the environment's key never reaches the new URL, now or after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app.js';
import type { ConfigEnv } from '../../main/config/load.js';
import { silentLogger } from '../../main/core/logger.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { WORKERS_DIR } from '../support/app-harness.js';

const KEY = 'AIzaEnvironmentKey-issue18';
const opened: Array<{ close(): Promise<void> }> = [];
let dir: string;

afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sim(): Promise<GeminiSimulator> {
  const s = await startGeminiSimulator({ profile: 'instant', apiKeys: [KEY] });
  opened.push(s);
  return s;
}

async function start(env: ConfigEnv): Promise<App> {
  const app = await createApp({ env, logger: silentLogger, host: 'web', dataDir: dir, workersDir: WORKERS_DIR, prewarm: false });
  opened.push(app);
  return app;
}

/** Every request the simulator saw: each one carried whatever key the app had for that endpoint. */
const contacts = (s: GeminiSimulator): number => s.stats().rest.requests.length + s.stats().live.connections;

async function ask(app: App): Promise<unknown> {
  return app.runText({ text: 'write a function that adds two numbers', noCache: true }, () => undefined).then(
    () => 'answered',
    (e: { code?: string }) => e.code,
  );
}

interface UpdateAnswer {
  keysDropped?: string[];
  notices?: string[];
  gemini: { instances: Array<{ name: string; baseUrl?: string; hasApiKey: boolean }> };
}

async function moveTo(app: App, baseUrl: string): Promise<UpdateAnswer> {
  const outcome = await app.router.call('settings.update', { patch: { gemini: { instances: [{ name: 'default', baseUrl }] } } }, { clientId: 't' });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as UpdateAnswer;
}

describe('a key stays with the endpoint it was given for', { timeout: 60_000 }, () => {
  it('GEMINI_API_KEY with the simulator as base URL: moving the instance elsewhere says so, and after a restart the key never reaches the new URL', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-keybind-'));
    const home = await sim();
    const other = await sim();
    const first = await start({ GEMINI_API_KEY: KEY, VOICE_CODEGEN_GEMINI_BASE_URL: home.baseUrl });
    expect(await ask(first)).toBe('answered');
    const answer = await moveTo(first, other.baseUrl);
    // The environment's base URL still wins while it is set: the answer says why the old URL is shown.
    expect(answer.notices?.join(' ')).toMatch(/VOICE_CODEGEN_GEMINI_BASE_URL/);
    expect(answer.notices?.join(' ')).toMatch(/GEMINI_API_KEY/);
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    // Next start without the base URL variable (npm start after a demo run): the key is for the old endpoint only.
    const second = await start({ GEMINI_API_KEY: KEY });
    expect(await ask(second)).toBe('NO_API_KEY');
    expect(contacts(other)).toBe(0);
    const shown = await second.router.call('settings.get', {}, { clientId: 't' });
    const result = (shown as { result: UpdateAnswer & { warnings: string[] } }).result;
    expect(result.gemini.instances[0]).toMatchObject({ name: 'default', baseUrl: other.baseUrl, hasApiKey: false });
    expect(result.warnings.join(' ')).toMatch(/GEMINI_API_KEY/);
  });

  it('GEMINI_API_KEY for Google: a base URL set in Settings drops the key at once and the answer says so', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-keybind-'));
    const other = await sim();
    const first = await start({ GEMINI_API_KEY: KEY });
    const answer = await moveTo(first, other.baseUrl);
    expect(answer.keysDropped).toEqual(['default']);
    expect(answer.notices?.join(' ')).toMatch(/enter .*key/i);
    expect(answer.gemini.instances[0]).toMatchObject({ baseUrl: other.baseUrl, hasApiKey: false });
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = await start({ GEMINI_API_KEY: KEY });
    expect(await ask(second)).toBe('NO_API_KEY');
    expect(contacts(other)).toBe(0);
  });

  it('a key entered in Settings (kept in memory) is dropped when its instance moves, and the moved instance sends nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-keybind-'));
    const home = await sim();
    const other = await sim();
    const app = await start({});
    await moveTo(app, home.baseUrl);
    const set = await app.router.call('settings.setApiKey', { instance: 'default', apiKey: KEY }, { clientId: 't' });
    expect(set.ok).toBe(true);
    const answer = await moveTo(app, other.baseUrl);
    expect(answer.keysDropped).toEqual(['default']);
    expect(answer.gemini.instances[0]).toMatchObject({ baseUrl: other.baseUrl, hasApiKey: false });
    expect(contacts(other)).toBe(0);
  });
});
