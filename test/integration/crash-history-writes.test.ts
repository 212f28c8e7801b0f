// The process killed with SIGKILL during a burst of history writes: on restart the database passes integrity_check
// and every request whose write was acknowledged is in history with what was acknowledged.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';
import { integrityCheck } from '../support/fault-helpers.js';

const WRITER = join(process.cwd(), 'test', 'support', 'crash-writer.ts');

/** Runs the writer until it has acknowledged `acks` entries (or exits), then SIGKILLs it. Returns the acknowledged ids. */
function burstThenKill(file: string, prefix: string, acks: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('ack ')) return;
      acked.push(line.slice(4));
      if (acked.length === acks) child.kill('SIGKILL');
    });
    // A writer that never gets going is killed too, so the test cannot hang.
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.once('close', (_code, signal) => {
      clearTimeout(guard);
      // Lines already read before the kill are acks the writer gave; later ones cannot exist.
      resolve({ acked, signal, stderr });
    });
  });
}

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
      const run = await burstThenKill(file, `r${round}`, acks);
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
