// Issue 18, finding 5 against the running app: stored harmful intervals no longer flood the report table or the
// dashboard at start, Settings shows what was repaired, and settings.update refuses harmful values with CONFIG.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { SETTINGS_VERSION } from '../../main/store/settings.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { WORKERS_DIR } from '../support/app-harness.js';

let dir: string | undefined;
let app: App | undefined;
let sim: GeminiSimulator | undefined;

afterEach(async () => {
  await app?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = undefined;
  sim = undefined;
  dir = undefined;
});

/** Writes settings into a fresh data dir's database, as an earlier run (or a hostile renderer) left them. */
async function dataDirWithStored(stored: unknown): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'vcg-bounds-'));
  const db = Database.open({ file: join(d, 'voice-codegen.db'), logger: silentLogger });
  await db.run('INSERT INTO settings (id, version, json, updated_at) VALUES (1, ?, ?, 0)', [SETTINGS_VERSION, JSON.stringify(stored)]);
  db.close();
  return d;
}

async function start(dataDir: string): Promise<App> {
  sim = await startGeminiSimulator({ profile: 'instant' });
  return createApp({ env: { GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl }, logger: silentLogger, host: 'web', dataDir, workersDir: WORKERS_DIR, prewarm: false });
}

describe('harmful settings at start and on update', { timeout: 30_000 }, () => {
  it('stored reportIntervalMs 0 and dashboardIntervalMs 0 load as defaults: no report rows, no dashboard flood, and Settings shows the repair', async () => {
    dir = await dataDirWithStored({ monitor: { reportIntervalMs: 0, dashboardIntervalMs: 0 }, language: { default: 'go' } });
    app = await start(dir);
    let dashboards = 0;
    app.events.subscribe((event) => {
      if (event === 'dashboard.update') dashboards++;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(dashboards).toBeLessThanOrEqual(1);
    expect(app.settings.monitor.reportIntervalMs).toBeGreaterThanOrEqual(1_000);
    expect(app.settings.language.default).toBe('go');
    const shown = await app.router.call('settings.get', {}, { clientId: 't' });
    expect(shown.ok).toBe(true);
    const warnings = (shown as { result: { warnings?: string[] } }).result.warnings ?? [];
    expect(warnings.join(' ')).toContain('monitor.reportIntervalMs');
    const reader = new BetterSqlite3(join(dir, 'voice-codegen.db'), { readonly: true });
    const rows = (reader.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    reader.close();
    expect(rows).toBe(0);
  });

  it('settings.update refuses reportIntervalMs 0, pool.min above pool.max and a 7 MB terminalApps list, and stores none of them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-bounds-'));
    app = await start(dir);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ monitor: { reportIntervalMs: 0 } }, 'monitor.reportIntervalMs'],
      [{ monitor: { dashboardIntervalMs: 0 } }, 'monitor.dashboardIntervalMs'],
      [{ pool: { min: 10, max: 2 } }, 'pool.min'],
      [{ output: { terminalApps: Array.from({ length: 70_000 }, (_, i) => `app-${i}-${'x'.repeat(90)}`) } }, 'profiles.rules'],
      [{ profiles: { rules: Array.from({ length: 70_000 }, (_, i) => ({ name: `r${i}`, app: 'x'.repeat(90) })) } }, 'profiles.rules'],
    ];
    for (const [patch, path] of cases) {
      const outcome = await app.router.call('settings.update', { patch }, { clientId: 't' });
      expect(outcome.ok, path).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error.code).toBe('CONFIG');
      expect(outcome.error.message).toContain(path);
    }
    const reader = new BetterSqlite3(join(dir, 'voice-codegen.db'), { readonly: true });
    const row = reader.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string } | undefined;
    reader.close();
    expect(row?.json.length ?? 0).toBeLessThan(10_000);
    expect(app.settings.pool.min).toBeLessThanOrEqual(app.settings.pool.max);
  });
});
