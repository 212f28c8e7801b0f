// History through the app's API (issue 18): rows a crash left pending are marked interrupted at start, and pages
// reach past 200 entries with a true total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';
import type { HistoryEntry } from '../../preload/contract.js';
import { WORKERS_DIR } from '../support/app-harness.js';

let dir: string;
let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<App> {
  app = await createApp({ env: {}, logger: silentLogger, host: 'web', dataDir: dir, workersDir: WORKERS_DIR, prewarm: false });
  return app;
}

async function page(a: App, params: Record<string, unknown>): Promise<{ entries: Array<HistoryEntry & { status?: string }>; total: number }> {
  const outcome = await a.router.call('history.search', params, { clientId: 't' });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as { entries: Array<HistoryEntry & { status?: string }>; total: number };
}

describe('history through the app', { timeout: 60_000 }, () => {
  it('marks a row left pending by a crash as interrupted at the next start, and says so', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-hist-app-'));
    const db = Database.open({ file: join(dir, 'voice-codegen.db'), logger: silentLogger });
    const history = new HistoryStore(db);
    await history.begin({ requestId: 'crashed', transcript: 'write a function that parses dates' });
    await history.begin({ requestId: 'finished', transcript: 'write a hello world' });
    await history.update('finished', { status: 'done', code: 'console.log("hi")' });
    db.close(); // as if the process died with the first request still running

    const a = await start();
    const { entries } = await page(a, {});
    const crashed = entries.find((e) => e.transcript === 'write a function that parses dates');
    expect(crashed).toMatchObject({ status: 'interrupted', errorCode: 'INTERRUPTED' });
    expect(crashed?.errorMessage).toMatch(/stopped before this request finished/);
    expect(entries.find((e) => e.transcript === 'write a hello world')).toMatchObject({ status: 'done', errorCode: null });
  });

  it('pages past 200 entries: with 901 entries, offset 200 returns the next page and total says 901', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-hist-app-'));
    Database.open({ file: join(dir, 'voice-codegen.db'), logger: silentLogger }).close(); // migrations
    const raw = new BetterSqlite3(join(dir, 'voice-codegen.db'));
    const insert = raw.prepare(`INSERT INTO history (request_id, created_at, updated_at, status, transcript) VALUES (?, ?, ?, 'done', ?)`);
    raw.transaction(() => {
      for (let i = 0; i < 901; i++) insert.run(`r${i}`, i, i, `request number ${i}`);
    })();
    raw.close();

    const a = await start();
    const first = await page(a, { limit: 200 });
    expect(first.entries).toHaveLength(200);
    expect(first.total).toBe(901);
    const third = await page(a, { offset: 200, limit: 200 });
    expect(third.entries).toHaveLength(200);
    expect(third.entries[0]?.transcript).toBe('request number 700');
    expect(third.total).toBe(901);
    const last = await page(a, { offset: 900, limit: 200 });
    expect(last.entries.map((e) => e.transcript)).toEqual(['request number 0']);
    expect((await page(a, { offset: 901 })).entries).toEqual([]);
    // A search pages the same way, with its own true total.
    const found = await page(a, { query: 'request number', offset: 200, limit: 200 });
    expect(found.entries).toHaveLength(200);
    expect(found.total).toBe(901);
  });
});
