// The shared Redis tier going away and coming back during a run of requests: every request still answers, and L2 is used again after.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS } from '../support/fault-helpers.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const TOPICS = ['users', 'orders', 'invoices', 'tickets', 'events', 'files'];
const LANGUAGES = ['python', 'go', 'typescript'];

describe('Redis stopped and started during a run of requests', () => {
  let redis: RedisServerHandle;
  let h: Harness;

  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({
      settings: { ...FAULT_SETTINGS, cache: { enabled: true, l2: { breakerCooldownMs: 200, commandTimeoutMs: 250 } } },
      env: { REDIS_URL: redis.url, VOICE_CODEGEN_TEAM_SECRET: 'fault test team secret, long enough' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
  });

  it('answers every request (hits and misses) while Redis is killed and restarted, and writes to Redis again once it is back', async () => {
    // 36 requests, 3 at a time; Redis dies after the 9th answer and comes back after the 21st.
    const texts = Array.from({ length: 36 }, (_, i) => `write a ${LANGUAGES[i % 3]} function that sorts ${TOPICS[Math.floor(i / 2) % TOPICS.length]} by date`);
    const answers: Array<PipelineResult | Error> = [];
    let next = 0;
    let lifecycle: Promise<void> = Promise.resolve();
    const worker = async (): Promise<void> => {
      while (next < texts.length) {
        const text = texts[next++] as string;
        const answer = await h.app.runText({ text }, () => undefined).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        answers.push(answer);
        if (answers.length === 9) lifecycle = lifecycle.then(() => redis.kill());
        if (answers.length === 21) lifecycle = lifecycle.then(() => redis.restart());
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await lifecycle;

    expect(answers).toHaveLength(texts.length);
    const failures = answers.filter((a): a is Error => a instanceof Error).map((e) => e.message);
    expect(failures).toEqual([]);
    for (const a of answers as PipelineResult[]) expect(a.complete).toBe(true);
    // Repeated requests were answered from a cache tier even while Redis was away.
    expect((answers as PipelineResult[]).some((a) => a.cached !== null)).toBe(true);
    // The outage really happened under the requests: L2 counted failed or skipped calls, and served none of them.
    const dashboard = (await h.app.router.call('dashboard.get', {}, { clientId: 't' })) as { ok: true; result: { cacheTiers: { tiers: { l2: { errors: number; skips: number; setErrors: number; setSkips: number; sets: number } } } } };
    const l2 = dashboard.result.cacheTiers.tiers.l2;
    expect(l2.errors + l2.skips + l2.setErrors + l2.setSkips).toBeGreaterThan(0);
    expect(l2.sets).toBeGreaterThan(0);

    // Redis is back (empty: it keeps nothing on disk): new misses are written through to it again.
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      let written = 0;
      // ioredis reconnects with a back-off of up to 5 s: allow it that long, bounded.
      for (let i = 0; i < 150 && written === 0; i++) {
        await h.app.runText({ text: `write a rust function that merges ${TOPICS[i % TOPICS.length]} number ${i}` }, () => undefined);
        await new Promise((r) => setTimeout(r, 100));
        written = await client.dbsize();
      }
      expect(written).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });
});
