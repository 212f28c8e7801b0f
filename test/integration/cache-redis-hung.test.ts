// A Redis that stops answering (process paused, not dead) costs one command timeout, then is skipped without sending anything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HierarchicalCache } from '../../main/cache/hierarchy.js';
import { createCacheKey } from '../../main/cache/keys.js';
import { L1MemoryTier } from '../../main/cache/l1-memory.js';
import { L2RedisTier } from '../../main/cache/l2-redis.js';
import { L3SqliteTier } from '../../main/cache/l3-sqlite.js';
import { InlineCodec } from '../../main/cache/value-codec.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { freePort, waitForPort } from '../support/net.js';

let dir: string;
let port: number;
let server: ChildProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-redis-hung-'));
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForPort(port, 10_000);
});

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGCONT');
    await new Promise<void>((resolve) => (server.once('exit', () => resolve()), server.kill('SIGKILL')));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('a hung Redis', () => {
  it('fails one command by timeout, then is skipped until the cool-down ends; callers get L3 answers throughout', async () => {
    const db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
    const l1 = new L1MemoryTier<string>({ maxBytes: 1 << 20, ttlMs: 60_000 });
    const l2 = new L2RedisTier({ url: `redis://127.0.0.1:${port}`, secret: 'hung redis test team secret', logger: silentLogger, commandTimeoutMs: 100, breakerCooldownMs: 60_000 });
    const cache = new HierarchicalCache<string>({ l1, l2, l3: new L3SqliteTier(db, { ttlMs: 60_000 }), codec: new InlineCodec(), compressThresholdBytes: 1 << 20, resultTtlMs: 60_000, logger: silentLogger });
    try {
      for (let i = 0; i < 300 && l2.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
      const k = createCacheKey({ transcript: 'hung', intent: 'generate', language: 'go' });
      await cache.set(k, 'from sqlite');
      server.kill('SIGSTOP');
      for (let i = 0; i < 5; i++) {
        l1.clear();
        expect(await cache.get(k)).toMatchObject({ tier: 'l3', value: 'from sqlite' });
      }
      const m = cache.metrics().tiers.l2!;
      expect(m.errors).toBe(1);
      expect(m.skips).toBe(4);
      expect(l2.breaker.current).toBe('open');
    } finally {
      server.kill('SIGCONT');
      await cache.close();
      db.close();
    }
  });
});
