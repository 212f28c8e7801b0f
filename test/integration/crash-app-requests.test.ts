// The whole app (history, L3 cache, cache workers on one SQLite file) SIGKILLed during a burst of typed requests:
// the file passes integrity_check, every request whose result was delivered is in history with its code, and the
// app starts again on that directory without a damaged-database notice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';
import { startHarness } from '../support/app-harness.js';
import { integrityCheck, killAfterAcks } from '../support/fault-helpers.js';

const APP = join(process.cwd(), 'test', 'support', 'crash-app.ts');

describe('SIGKILL of the app during a burst of requests', () => {
  let sim: GeminiSimulator;
  let dataDir: string;
  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-crash-app-'));
  });
  afterAll(async () => {
    await sim?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every delivered request in history and an intact database, twice in a row, and the app restarts cleanly', async () => {
    const file = join(dataDir, 'voice-codegen.db');
    const delivered: number[] = [];
    for (const [round, acks] of [['a', 40], ['b', 90]] as const) {
      const run = await killAfterAcks(APP, [dataDir, sim.baseUrl, sim.apiKey, round], acks, 50_000);
      expect(run.stderr).toBe('');
      expect(run.signal, 'killed mid-burst, not finished').toBe('SIGKILL');
      expect(run.acked.length).toBeGreaterThanOrEqual(acks);
      delivered.push(...run.acked.map(Number));

      expect(integrityCheck(file)).toBe('ok');
      const db = Database.open({ file, logger: silentLogger });
      try {
        expect(db.corruption).toBeUndefined();
        const history = new HistoryStore(db);
        const lost = delivered.filter((id) => {
          const entry = history.get(id);
          return !entry || entry.code === null || entry.code === '' || !entry.transcript.startsWith('write a python function');
        });
        expect(lost).toEqual([]);
      } finally {
        db.close();
      }
    }

    const h = await startHarness({ simulator: sim, dataDir });
    try {
      const info = await h.app.router.call('app.info', {}, { clientId: 't' });
      expect(info.ok && (info.result as { dataDirNotice?: string }).dataDirNotice).toBeFalsy();
      const again = await h.app.runText({ text: 'write a python function that sorts users by field a0' }, () => undefined);
      expect(again.complete).toBe(true);
    } finally {
      await h.close();
    }
  });
});
