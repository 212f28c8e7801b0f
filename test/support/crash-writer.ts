// Child process for the crash test: writes a burst of history entries to a real database file and prints each
// request id once its last write has resolved ("ack <id>"), until it is killed. Run: node --import tsx crash-writer.ts FILE PREFIX
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { HistoryStore } from '../../main/store/history.js';

const [file, prefix = 'w'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: crash-writer.ts FILE [PREFIX]\n');
  process.exit(2);
}

/** Upper bound so a child that is never killed still ends. */
const MAX_ENTRIES = 200_000;
const IN_FLIGHT = 4;

const db = Database.open({ file, logger: silentLogger });
const history = new HistoryStore(db);
let next = 0;

async function writeOne(n: number): Promise<void> {
  const requestId = `${prefix}-${n}`;
  await history.begin({ requestId, transcript: `crash burst request ${n} ${'x'.repeat(n % 200)}`, language: 'python' });
  await history.update(requestId, { intent: 'generate_function', code: `def f${n}():\n    return ${n}\n`, timings: { total: n % 997 }, status: 'done' });
  // Every tenth entry also goes through a multi-statement transaction, as migrations and batches do.
  if (n % 10 === 0) {
    await db.batch([
      { sql: 'UPDATE history SET cache_tier = ? WHERE request_id = ?', params: ['l3', requestId] },
      { sql: 'UPDATE history SET cached = 1 WHERE request_id = ?', params: [requestId] },
    ]);
  }
  // Pipes are written synchronously on Linux: once this returns, the parent can see the ack.
  process.stdout.write(`ack ${requestId}\n`);
}

async function lane(): Promise<void> {
  while (next < MAX_ENTRIES) await writeOne(next++);
}

process.stdout.write('ready\n');
Promise.all(Array.from({ length: IN_FLIGHT }, () => lane()))
  .then(() => db.close())
  .catch((error: unknown) => {
    process.stderr.write(`crash-writer failed: ${String(error)}\n`);
    process.exit(1);
  });
