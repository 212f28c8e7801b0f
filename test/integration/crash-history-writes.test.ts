// The process killed with SIGKILL during a burst of history writes: on restart the database passes integrity_check
// and every request whose write was acknowledged is in history with what was acknowledged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';
import { integrityCheck, killAfterAcks } from '../support/fault-helpers.js';

const WRITER = join(process.cwd(), 'test', 'support', 'crash-writer.ts');

describe('SIGKILL during a burst of history writes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-crash-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a database that passes integrity_check and holds every acknowledged request, three kills in a row', async () => {
    const file = join(dir, 'voice-codegen.db');
    const allAcked: string[] = [];
    for (const [round, acks] of [[1, 120], [2, 347], [3, 61]] as const) {
      const run = await killAfterAcks(WRITER, [file, `r${round}`], acks);
      expect(run.stderr).toBe('');
      expect(run.signal, 'the writer was killed mid-burst, not finished').toBe('SIGKILL');
      expect(run.acked.length).toBeGreaterThanOrEqual(acks);
      allAcked.push(...run.acked);

      // Checked on a plain connection first: Database.open would move a damaged file aside.
      expect(integrityCheck(file)).toBe('ok');
      const db = Database.open({ file, logger: silentLogger });
      try {
        expect(db.corruption).toBeUndefined();
        const history = new HistoryStore(db);
        const missing = allAcked.filter((id) => {
          const entry = history.get(id);
          return !entry || entry.status !== 'done' || entry.code === null;
        });
        expect(missing).toEqual([]);
        // Full-text search still agrees with the table (the FTS index survived the kill too).
        expect(history.search('crash burst', { limit: 5 }).items.length).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    }
  });
});
