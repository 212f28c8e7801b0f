// The cache worker (dist/workers/cache.js via Piscina): compression both ways, prune of expired L3 rows, export/import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheWorkerPool } from '../../main/cache/cache-worker-pool.js';
import { encodeEnvelope } from '../../main/cache/envelope.js';
import { createCacheKey } from '../../main/cache/keys.js';
import { L3SqliteTier } from '../../main/cache/l3-sqlite.js';
import { PruneScheduler } from '../../main/cache/prune-scheduler.js';
import { InlineCodec } from '../../main/cache/value-codec.js';
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';

const WORKER = resolve('dist/workers/cache.js');
let dir: string;
let db: Database;
let pool: CacheWorkerPool;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-cache-worker-'));
  db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
  pool = new CacheWorkerPool({ workerFile: WORKER, databaseFile: join(dir, 'app.db') });
});

afterEach(async () => {
  await pool.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const key = (t: string) => createCacheKey({ transcript: t, intent: 'generate', language: 'rust' });
const envelope = (text: string, expiresAt: number) => encodeEnvelope(Buffer.from(JSON.stringify(text)), 0, Date.now(), expiresAt);

describe('cache worker', () => {
  it('compresses in the worker, and what it writes the inline codec reads (and back)', async () => {
    const text = Buffer.from('fn main() { println!("hi"); }\n'.repeat(500));
    const compressed = await pool.compress(Buffer.from(text));
    expect(compressed.byteLength).toBeLessThan(text.length / 10);
    const inline = new InlineCodec(pool.algorithm);
    expect(Buffer.from(await inline.decompress(compressed, pool.algorithm)).equals(text)).toBe(true);
    const fromInline = await inline.compress(text);
    expect(Buffer.from(await pool.decompress(fromInline, pool.algorithm)).equals(text)).toBe(true);
  });

  it('leaves a buffer it was given a slice of intact (copies instead of detaching a shared buffer)', async () => {
    const shared = Buffer.from('abc'.repeat(1000));
    const slice = shared.subarray(3, 1500);
    await pool.compress(slice);
    expect(shared.length).toBe(3000);
    expect(shared.toString('utf8', 0, 3)).toBe('abc');
  });

  it('prunes only expired L3 rows, on its own connection', async () => {
    const l3 = new L3SqliteTier(db, { ttlMs: 3_600_000 });
    const now = Date.now();
    await l3.set(key('live'), envelope('live', now + 60_000), now + 60_000);
    await l3.set(key('dead'), envelope('dead', now + 20), now + 20);
    await new Promise((r) => setTimeout(r, 40));
    expect(await pool.prune(Date.now())).toEqual({ deleted: 1 });
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM cache_entries')?.n).toBe(1);
    expect(l3.get(key('live'))).toBeDefined();
  });

  it('runs the prune on a schedule and stops when closed', async () => {
    const l3 = new L3SqliteTier(db, { ttlMs: 3_600_000 });
    await l3.set(key('dead'), envelope('dead', Date.now() + 5), Date.now() + 5);
    const scheduler = new PruneScheduler((now, signal) => pool.prune(now, signal), 60_000, systemClock, silentLogger);
    await new Promise((r) => setTimeout(r, 20));
    await scheduler.runOnce();
    await scheduler.close();
    expect(scheduler.deleted).toBe(1);
    expect(scheduler.failures).toBe(0);
  });

  it('exports the live cache and imports it into another database', async () => {
    const l3 = new L3SqliteTier(db, { ttlMs: 3_600_000 });
    const now = Date.now();
    for (const t of ['a', 'b', 'c']) await l3.set(key(t), envelope(t, now + 60_000), now + 60_000);
    const file = join(dir, 'cache-export.jsonl');
    expect(await pool.exportCache(file, Date.now())).toEqual({ entries: 3 });

    const otherFile = join(dir, 'other.db');
    const other = Database.open({ file: otherFile, logger: silentLogger });
    const otherPool = new CacheWorkerPool({ workerFile: WORKER, databaseFile: otherFile });
    try {
      expect(await otherPool.importCache(file, Date.now())).toEqual({ imported: 3, skipped: 0 });
      const otherL3 = new L3SqliteTier(other, { ttlMs: 3_600_000 });
      expect(otherL3.get(key('b'))?.equals(l3.get(key('b')) as Buffer)).toBe(true);
    } finally {
      await otherPool.close();
      other.close();
    }
  });

  it('checkpoints the WAL on its own connection: the frames the main writer left are copied into the database', async () => {
    await db.run('CREATE TABLE big (v TEXT)');
    db.useCheckpointer(() => Promise.resolve());
    for (let i = 0; i < 50; i++) await db.run('INSERT INTO big (v) VALUES (?)', ['x'.repeat(8_000)]);
    const result = await pool.checkpoint();
    expect(result.log).toBeGreaterThan(50);
    expect(result.checkpointed).toBe(result.log);
    expect(db.all<{ n: number }>('SELECT count(*) AS n FROM big')[0]?.n).toBe(50);
  });
});

