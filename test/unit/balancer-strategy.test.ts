// The balancer as callers see it: strategies, failover only when safe, breakers per instance, and an error that names the causes.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { Balancer, balancedLiveFactory } from '../../main/gemini/balancer.js';
import type { GeminiEndpoint, LiveSession } from '../../main/gemini/types.js';

const models = { live: 'l', batchTranscribe: 'b', codegen: 'c', intentAssist: 'i' };
const endpoint = (name: string): GeminiEndpoint => ({ name, apiKey: `key-${name}`, models });

function setup(names: string[], strategy: 'least-outstanding' | 'round-robin' = 'least-outstanding', failureThreshold = 2) {
  const clock = { t: 0 };
  const balancer = new Balancer({
    endpoints: names.map(endpoint),
    strategy,
    breaker: { failureThreshold, cooldownMs: 1_000 },
    clock: { now: () => clock.t, monotonic: () => clock.t },
  });
  return { balancer, clock };
}

const unavailable = (): AppError => new AppError('UNAVAILABLE', 'The model is overloaded (503).');

describe('Balancer', () => {
  it('round-robin takes turns', async () => {
    const { balancer } = setup(['a', 'b', 'c'], 'round-robin');
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) await balancer.run(async (ep) => seen.push(ep.name));
    expect(seen).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('least-outstanding sends concurrent work to the idlest instance', async () => {
    const { balancer } = setup(['a', 'b']);
    const release: Array<() => void> = [];
    const seen: string[] = [];
    const inflight = [0, 1].map(() =>
      balancer.run((ep) => {
        seen.push(ep.name);
        return new Promise<void>((r) => release.push(r));
      }),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(balancer.health().map((h) => h.outstanding)).toEqual([1, 1]);
    for (const r of release) r();
    await Promise.all(inflight);
  });

  it('least-outstanding gives more of the work to the faster instance', async () => {
    const { balancer, clock } = setup(['slow', 'fast']);
    const work = async (ep: GeminiEndpoint): Promise<string> => {
      clock.t += ep.name === 'slow' ? 900 : 100;
      return ep.name;
    };
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) seen.push(await balancer.run(work));
    expect(seen.filter((n) => n === 'fast').length).toBeGreaterThan(seen.filter((n) => n === 'slow').length);
    expect(balancer.health().map((h) => h.latencyMs)).toEqual([900, 100]);
  });

  it('retries a failed request on another instance while no output reached the user', async () => {
    const { balancer } = setup(['a', 'b']);
    const result = await balancer.run(async (ep) => {
      if (ep.name === 'a') throw unavailable();
      return `answer from ${ep.name}`;
    });
    expect(result).toBe('answer from b');
    expect(balancer.health()[0]).toMatchObject({ name: 'a', failures: 1, lastError: { code: 'UNAVAILABLE' } });
  });

  it('does not retry once output reached the user', async () => {
    const { balancer } = setup(['a', 'b']);
    const seen: string[] = [];
    await expect(
      balancer.run(
        async (ep) => {
          seen.push(ep.name);
          throw unavailable();
        },
        { safeToRetry: () => false },
      ),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(seen).toEqual(['a']);
  });

  it('does not retry the caller’s own errors, and they do not count against the instance', async () => {
    const { balancer } = setup(['a', 'b']);
    const seen: string[] = [];
    const bad = async (ep: GeminiEndpoint): Promise<never> => {
      seen.push(ep.name);
      throw new AppError('BAD_REQUEST', 'prompt too long');
    };
    await expect(balancer.run(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(balancer.run(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(seen).toEqual(['a', 'a']);
    expect(balancer.health()[0]).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('opens a failing instance’s breaker, routes around it, and probes it after the cooldown', async () => {
    const { balancer, clock } = setup(['a', 'b'], 'round-robin');
    let aDown = true;
    const seen: string[] = [];
    const work = async (ep: GeminiEndpoint): Promise<string> => {
      seen.push(ep.name);
      if (ep.name === 'a' && aDown) throw unavailable();
      return ep.name;
    };
    for (let i = 0; i < 2; i++) expect(await balancer.run(work)).toBe('b');
    expect(balancer.health()[0]?.state).toBe('open');
    seen.length = 0;
    expect(await balancer.run(work)).toBe('b');
    expect(seen).toEqual(['b']);
    clock.t = 1_000;
    expect(balancer.health()[0]?.state).toBe('half-open');
    aDown = false;
    seen.length = 0;
    expect(await balancer.run(work)).toBe('a');
    expect(balancer.health()[0]?.state).toBe('closed');
  });

  it('says which instance failed how when none can take the request', async () => {
    const { balancer } = setup(['primary', 'backup']);
    const error = await balancer
      .run(async (ep) => {
        throw ep.name === 'primary' ? unavailable() : new AppError('QUOTA', 'Quota exceeded.', { retryAfterMs: 17_000 });
      })
      .catch((e: unknown) => e as AppError);
    expect(error.code).toBe('NO_HEALTHY_INSTANCE');
    expect(error.message).toContain('primary (closed; UNAVAILABLE: The model is overloaded (503).)');
    expect(error.message).toContain('backup (open, retry in 17 s; QUOTA: Quota exceeded.)');
    expect(error.retryAfterMs).toBe(17_000);
  });

  it('with one instance, passes its own error through', async () => {
    const { balancer } = setup(['only']);
    await expect(balancer.run(async () => Promise.reject(new AppError('INVALID_KEY', 'API key not valid')))).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(balancer.run(async () => 1)).rejects.toMatchObject({ code: 'NO_HEALTHY_INSTANCE' });
  });

  it('stops at once when the caller cancels', async () => {
    const { balancer } = setup(['a', 'b']);
    const controller = new AbortController();
    const seen: string[] = [];
    const run = balancer.run(
      (ep, signal) => {
        seen.push(ep.name);
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toEqual(['a']);
    expect(balancer.health()[0]?.failures).toBe(0);
  });

  it('balancedLiveFactory connects on the next instance when one refuses', async () => {
    const { balancer } = setup(['a', 'b']);
    const factory = balancedLiveFactory(balancer, (ep) => ({
      connect: async () => {
        if (ep.name === 'a') throw new AppError('NETWORK', 'socket hang up');
        return { id: 's1', endpointName: ep.name } as LiveSession;
      },
    }));
    await expect(factory.connect()).resolves.toMatchObject({ endpointName: 'b' });
  });
});
