// Failover across two simulator instances through the real SDK: requests succeed on the healthy one, the failing one's breaker opens and later half-opens.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { Balancer, balancedLiveFactory } from '../../main/gemini/balancer.js';
import { CodeGenerator } from '../../main/gemini/code-generator.js';
import { mapGeminiError } from '../../main/gemini/errors.js';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import { SessionPool } from '../../main/gemini/session-pool.js';
import type { GeminiEndpoint } from '../../main/gemini/types.js';
import { freePort } from '../support/net.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const MODELS = { live: 'gemini-3.5-transcribe-live', batchTranscribe: 'gemini-3.5-transcribe', codegen: 'gemini-3.5-flash', intentAssist: 'gemini-3.5-flash-lite' };

async function sim(): Promise<GeminiSimulator> {
  const s = await startGeminiSimulator({ profile: 'instant' });
  closers.push(() => s.close());
  return s;
}

function endpoint(name: string, baseUrl: string, apiKey = 'sim-key'): GeminiEndpoint {
  return { name, apiKey, baseUrl, models: MODELS };
}

/** Code generation through the balancer, as the pipeline does it: no retry elsewhere once a chunk was shown. */
function generatorOver(balancer: Balancer): (prompt: string) => Promise<{ instance: string; text: string }> {
  const generators = new Map<string, CodeGenerator>();
  const generatorFor = (ep: GeminiEndpoint): CodeGenerator => {
    let g = generators.get(ep.name);
    if (!g) {
      // One attempt per instance: moving to another instance is the balancer's job.
      g = new CodeGenerator({ endpoint: ep, temperature: 0.2, maxOutputTokens: 512, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
      generators.set(ep.name, g);
    }
    return g;
  };
  return async (prompt) => {
    let shown = '';
    return balancer.run(
      async (ep, signal) => {
        for await (const chunk of generatorFor(ep).generate({ systemInstruction: 'Answer with code.', prompt, signal })) {
          if (chunk.type === 'text') shown += chunk.text;
        }
        return { instance: ep.name, text: shown };
      },
      { safeToRetry: () => shown === '' },
    );
  };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`still waiting for: ${what}`);
}

describe('Balancer across two simulator instances', () => {
  it('serves every request from the healthy instance while the other answers 503, opens its breaker, then half-opens and recovers', async () => {
    const [a, b] = [await sim(), await sim()];
    a.injectFault({ kind: 'http-error', status: 503, count: 1_000 });
    const balancer = new Balancer({
      endpoints: [endpoint('a', a.baseUrl), endpoint('b', b.baseUrl)],
      strategy: 'round-robin',
      breaker: { failureThreshold: 2, cooldownMs: 300 },
      classify: mapGeminiError,
    });
    const generate = generatorOver(balancer);
    for (let i = 0; i < 4; i++) {
      const answer = await generate(`add two numbers, take ${i}`);
      expect(answer.instance).toBe('b');
      expect(answer.text.length).toBeGreaterThan(0);
    }
    const [healthA, healthB] = balancer.health();
    expect(healthA).toMatchObject({ name: 'a', state: 'open', failures: 2, lastError: { code: 'UNAVAILABLE' } });
    expect(healthB).toMatchObject({ name: 'b', state: 'closed', failures: 0 });
    // While open, a gets nothing: the 503s it answered are exactly the two that opened the breaker.
    expect(a.stats().rest.requests.filter((r) => r.status === 503)).toHaveLength(2);

    await until('the cooldown to pass', () => balancer.health()[0]?.state === 'half-open');
    a.clearFaults();
    const probe = await generate('add two numbers once more');
    expect(probe.instance).toBe('a');
    expect(balancer.health()[0]?.state).toBe('closed');
  });

  it('a probe that fails in half-open reopens the breaker and the request still succeeds elsewhere', async () => {
    const [a, b] = [await sim(), await sim()];
    a.injectFault({ kind: 'http-error', status: 503, count: 1_000 });
    const balancer = new Balancer({
      endpoints: [endpoint('a', a.baseUrl), endpoint('b', b.baseUrl)],
      breaker: { failureThreshold: 1, cooldownMs: 200 },
      classify: mapGeminiError,
    });
    const generate = generatorOver(balancer);
    expect((await generate('one')).instance).toBe('b');
    await until('half-open', () => balancer.health()[0]?.state === 'half-open');
    expect((await generate('two')).instance).toBe('b');
    expect(balancer.health()[0]?.state).toBe('open');
  });

  it('when an instance drops connections, Live sessions are opened on the other one', async () => {
    const b = await sim();
    const deadPort = await freePort();
    const balancer = new Balancer({
      endpoints: [endpoint('dead', `http://127.0.0.1:${deadPort}`), endpoint('b', b.baseUrl)],
      breaker: { failureThreshold: 1, cooldownMs: 60_000 },
      classify: mapGeminiError,
    });
    const factory = balancedLiveFactory(balancer, (ep) => new LiveTranscriber({ endpoint: ep, connectTimeoutMs: 5_000 }));
    const pool = new SessionPool({ factory, settings: { min: 1, max: 2, acquireTimeoutMs: 5_000, idleTimeoutMs: 60_000, maxLifetimeMs: 540_000, maintenanceIntervalMs: 0 } });
    closers.push(() => pool.close());
    const lease = await pool.acquire();
    expect(lease.session.endpointName).toBe('b');
    lease.release();
    expect(balancer.health()[0]).toMatchObject({ name: 'dead', state: 'open', lastError: { code: 'NETWORK' } });
  });

  it('does not repeat a request elsewhere once output reached the user, and says what broke', async () => {
    const [a, b] = [await sim(), await sim()];
    a.injectFault({ kind: 'sse-cut', mode: 'partial-event' });
    const balancer = new Balancer({
      endpoints: [endpoint('a', a.baseUrl), endpoint('b', b.baseUrl)],
      breaker: { failureThreshold: 3, cooldownMs: 60_000 },
      classify: mapGeminiError,
    });
    const error = (await generatorOver(balancer)('write a long function').catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('NETWORK');
    expect(b.stats().rest.requests).toHaveLength(0);
  });

  it('names every instance’s cause when none can serve', async () => {
    const [a, b] = [await sim(), await sim()];
    a.injectFault({ kind: 'http-error', status: 503, count: 10 });
    b.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 17, count: 10 });
    const balancer = new Balancer({
      endpoints: [endpoint('primary', a.baseUrl), endpoint('backup', b.baseUrl)],
      breaker: { failureThreshold: 3, cooldownMs: 60_000 },
      classify: mapGeminiError,
    });
    const error = (await generatorOver(balancer)('add two numbers').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('NO_HEALTHY_INSTANCE');
    expect(error.message).toMatch(/primary \(closed; UNAVAILABLE: .+\)/);
    expect(error.message).toMatch(/backup \(open, retry in 17 s; QUOTA: .+\)/);
  });
});
