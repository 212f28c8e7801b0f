// Stored settings and monitor reports in a real SQLite file: round trips, damaged rows, versions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../main/config/schema.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { ReportStore } from '../../main/store/reports.js';
import { SETTINGS_VERSION, SettingsStore } from '../../main/store/settings.js';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-settings-'));
  db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('returns defaults and no warning when nothing was saved, and what was saved afterwards', async () => {
    const store = new SettingsStore(db);
    expect(store.load()).toEqual({ settings: settingsSchema.parse({}), warnings: [] });
    const changed = settingsSchema.parse({ language: { default: 'python' } });
    await store.save(changed);
    expect(store.load().settings.language.default).toBe('python');
  });

  it('keeps the valid values of damaged settings and says what was reset', async () => {
    const store = new SettingsStore(db);
    const stored = { language: { default: 'klingon' }, pool: { max: 3 }, hotkey: { mode: 'toggle' } };
    await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, ?, ?, 0)`, [SETTINGS_VERSION, JSON.stringify(stored)]);
    const { settings, warnings } = store.load();
    expect(settings.pool.max).toBe(3);
    expect(settings.hotkey.mode).toBe('toggle');
    expect(settings.language.default).toBe('typescript');
    expect(warnings.join(' ')).toMatch(/language\.default/);
  });

  it('falls back to defaults with a warning when the stored JSON is unreadable', async () => {
    const store = new SettingsStore(db);
    await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, 1, '{"pool": ', 0)`);
    const { settings, warnings } = store.load();
    expect(settings).toEqual(settingsSchema.parse({}));
    expect(warnings[0]).toMatch(/damaged/);
  });

  it('warns about settings saved by a newer version and still loads what it understands', async () => {
    const store = new SettingsStore(db);
    await db.run(`INSERT INTO settings (id, version, json, updated_at) VALUES (1, ?, ?, 0)`, [SETTINGS_VERSION + 1, JSON.stringify({ pool: { max: 2 } })]);
    const { settings, warnings } = store.load();
    expect(settings.pool.max).toBe(2);
    expect(warnings[0]).toMatch(/newer version/);
  });
});

describe('report store', () => {
  it('saves hourly reports and lists them newest first', async () => {
    const reports = new ReportStore(db, { logger: silentLogger });
    expect(reports.latest()).toBeUndefined();
    reports.save({ periodStart: 0, periodEnd: 3_600_000, requests: 10 });
    reports.save({ periodStart: 3_600_000, periodEnd: 7_200_000, requests: 12, recommendations: ['enable L2'] });
    await reports.flush();
    expect(reports.latest()).toEqual({ periodStart: 3_600_000, periodEnd: 7_200_000, requests: 12, recommendations: ['enable L2'] });
    expect(reports.list(10).map((r) => r.periodEnd)).toEqual([7_200_000, 3_600_000]);
    expect(reports.failures).toBe(0);
  });

  it("accepts the monitor's report shape, whose period is { from, to }", async () => {
    const reports = new ReportStore(db, { logger: silentLogger });
    reports.save({ period: { from: 10, to: 20 }, requests: 1 });
    reports.save({ period: { from: 20, to: 30 }, requests: 2 });
    await reports.flush();
    expect(reports.latest<{ requests: number }>()?.requests).toBe(2);
    expect(db.all<{ period_end: number }>('SELECT period_end FROM reports ORDER BY id').map((r) => r.period_end)).toEqual([20, 30]);
  });
});
