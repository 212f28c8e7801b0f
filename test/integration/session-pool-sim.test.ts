// The Live session pool against the simulator through the real SDK: warm hand-out, quiet replacement, queue timeout, rotation, sizing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { AppError } from '../../main/core/errors.js';
import { startGeminiSimulator, type GeminiSimulator, type SimulatorOptions } from '../../main/gemini-sim/index.js';
import { SessionPool, type SessionPoolOptions, type SessionPoolSettings } from '../../main/gemini/session-pool.js';
import type { GeminiEndpoint, LiveSession, LiveSessionFactory } from '../../main/gemini/types.js';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function sim(options: SimulatorOptions = {}): Promise<GeminiSimulator> {
  const s = await startGeminiSimulator({ profile: 'instant', ...options });
  closers.push(() => s.close());
  return s;
}

function endpointOf(baseUrl: string, apiKey: string): GeminiEndpoint {
  return { name: 'sim', apiKey, baseUrl, models: { live: 'gemini-3.5-transcribe-live', batchTranscribe: 'gemini-3.5-transcribe', codegen: 'gemini-3.5-flash', intentAssist: 'gemini-3.5-flash-lite' } };
}

const QUICK: SessionPoolSettings = { min: 1, max: 4, acquireTimeoutMs: 5_000, idleTimeoutMs: 300_000, maxLifetimeMs: 540_000, maintenanceIntervalMs: 0 };

function liveFactoryFor(endpoint: GeminiEndpoint): LiveSessionFactory {
  return new LiveTranscriber({ endpoint, connectTimeoutMs: 5_000 });
}

function pool(factory: LiveSessionFactory, settings: Partial<SessionPoolSettings> = {}, extra: Partial<SessionPoolOptions> = {}): SessionPool {
  const p = new SessionPool({ factory, settings: { ...QUICK, ...settings }, ...extra });
  closers.push(() => p.close());
  return p;
}

/** 100 ms of a 440 Hz tone as PCM16: loud enough for the simulator to "hear" speech. */
const CHUNK = (() => {
  const bytes = new Uint8Array(3200);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 1600; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), true);
  return bytes;
})();

async function transcribe(session: LiveSession): Promise<string> {
  const utterance = session.startUtterance();
  for (let i = 0; i < 5; i++) utterance.push(CHUNK);
  return utterance.finish();
}

async function until(what: string, check: () => boolean, pauseMs = 20): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, pauseMs));
  if (!check()) throw new Error(`still waiting for: ${what}`);
}

describe('SessionPool with the simulator', () => {
  it('hands out a session that already completed setup: acquire makes no handshake', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)));
    await until('a warm session', () => p.sizes().warm === 1);
    const setupsBefore = s.stats().live.setups.length;
    const lease = await p.acquire();
    expect(s.stats().live.setups.length).toBe(setupsBefore);
    expect(lease.session.closing).toBe(false);
    expect(await transcribe(lease.session)).toBe('write a function that adds two numbers');
    lease.release();
  });

  it('replaces an idle session that got goAway, and the user never sees it', async () => {
    const s = await sim();
    // The simulator sends this goAway right after the next setupComplete: the first warm session.
    s.injectFault({ kind: 'live-go-away', timeLeftMs: 10_000 });
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)));
    await until('goAway answered by a second connection', () => s.stats().live.setups.length >= 2 && p.sizes().warm === 1);
    const lease = await p.acquire();
    expect(lease.session.closing).toBe(false);
    expect(await transcribe(lease.session)).toBe('write a function that adds two numbers');
    lease.release();
    const first = s.stats().live.setups[0]?.connectionId;
    expect(s.stats().live.closes.find((c) => c.connectionId === first)?.by).toBe('client');
  });

  it('replaces an idle session the server closed with 1011, and the user never sees it', async () => {
    const s = await sim();
    const proxy = await liveProxy(s.baseUrl);
    closers.push(() => proxy.close());
    const p = pool(liveFactoryFor(endpointOf(proxy.baseUrl, s.apiKey)));
    await until('a warm session', () => p.sizes().warm === 1);
    proxy.closeAll(1011, 'Internal error encountered.');
    await until('a replacement', () => s.stats().live.setups.length >= 2 && p.sizes().warm === 1);
    const lease = await p.acquire();
    expect(await transcribe(lease.session)).toBe('write a function that adds two numbers');
    lease.release();
  });

  it('fails a hotkey press with a clear POOL_EXHAUSTED when every session stays busy', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { min: 1, max: 1, acquireTimeoutMs: 200 });
    const held = await p.acquire();
    const error = (await p.acquire().catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('POOL_EXHAUSTED');
    expect(error.message).toContain('No Live session became free within 200 ms');
    expect(p.sizes().waiting).toBe(0);
    held.release();
  });

  it('rotates a session before the connection limit, with the replacement ready first', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { maxLifetimeMs: 300 });
    await until('a warm session', () => p.sizes().warm === 1);
    const firstId = s.stats().live.setups[0]?.connectionId;
    await until('rotation', () => {
      p.maintain();
      return s.stats().live.closes.some((c) => c.connectionId === firstId && c.by === 'client');
    });
    await until('a warm replacement', () => p.sizes().warm === 1);
    const lease = await p.acquire();
    expect(await transcribe(lease.session)).toBe('write a function that adds two numbers');
    lease.release();
  });

  it('caps the lifetime below the server’s connection limit, so the server never has to end a warm session', async () => {
    const s = await sim({ connectionLifetimeMs: 1_500, goAwayLeadMs: 300 });
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { maxLifetimeMs: 3_600_000 }, { connectionLimitMs: 1_500 });
    await until('a warm session', () => p.sizes().warm === 1);
    await until('a rotation', () => {
      p.maintain();
      return s.stats().live.setups.length >= 2;
    });
    expect(s.stats().live.closes.filter((c) => c.by === 'server')).toEqual([]);
  });

  it('grows under a burst, then shrinks back to the minimum when demand is gone', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { min: 1, max: 3, idleTimeoutMs: 100 }, { demandWindowMs: 300 });
    await until('a warm session', () => p.sizes().warm === 1);
    const leases = await Promise.all([p.acquire(), p.acquire(), p.acquire()]);
    expect(new Set(leases.map((l) => l.session.id)).size).toBe(3);
    expect(p.sizes().target).toBe(3);
    for (const lease of leases) lease.release();
    await until('a warm set sized to the burst', () => p.sizes().warm === 3);
    await until('shrunk to the minimum', () => {
      p.maintain();
      return p.sizes().warm === 1 && p.sizes().target === 1;
    });
    await until('the surplus connections closed', () => s.stats().live.open === 1);
  });

  it('keeps more sessions warm when requests come often, within max', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { min: 1, max: 4 }, { requestsPerWarmSession: 5 });
    for (let i = 0; i < 12; i++) (await p.acquire()).release();
    // 12 requests in the last minute at 5 per warm session: three warm.
    expect(p.sizes().target).toBe(3);
    await until('three warm sessions', () => p.sizes().warm >= 3);
  });

  it('under memory pressure closes spare sessions, and the next hotkey press still gets one', async () => {
    const s = await sim();
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { min: 2 });
    await until('two warm sessions', () => p.sizes().warm === 2);
    p.trimIdle();
    expect(p.sizes()).toMatchObject({ warm: 0, target: 0 });
    await until('the spare connections closed', () => s.stats().live.open === 0);
    const lease = await p.acquire();
    expect(await transcribe(lease.session)).toBe('write a function that adds two numbers');
    lease.release();
    // Spares are kept warm even while one is in use, so the warm set is back to at least two.
    await until('the warm set back at its minimum', () => p.sizes().warm >= 2);
  });

  it('a vocabulary change never makes acquire wait; sessions with the new terms follow', async () => {
    const s = await sim({ profile: 'realistic' });
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), {}, { vocabulary: ['oldTerm'] });
    await until('a warm session', () => p.sizes().warm === 1);
    p.setVocabulary(['fetchUserById']);
    const lease = await p.acquire();
    expect(lease.session.vocabulary).toEqual(['oldTerm']);
    lease.release();
    await until('a session with the new terms', () => p.sizes().warm === 1 && s.stats().live.setups.some((x) => x.vocabulary.includes('fetchUserById')));
    const next = await p.acquire();
    expect(next.session.vocabulary).toEqual(['fetchUserById']);
    next.release();
  });

  it('a narrowed vocabulary (replaceNow) closes warm, connecting and lent sessions with the old terms; acquire waits for a new one', async () => {
    const s = await sim({ profile: 'realistic' });
    const p = pool(liveFactoryFor(endpointOf(s.baseUrl, s.apiKey)), { min: 1, max: 3 }, { vocabulary: ['projectSecretName'] });
    await until('a warm session', () => p.sizes().warm === 1);
    const lent = await p.acquire();
    await until('a replacement warm session', () => p.sizes().warm === 1);
    p.setVocabulary(['publicName'], { replaceNow: true });
    expect(p.sizes().warm).toBe(0);
    const next = await p.acquire();
    expect(next.session.vocabulary).toEqual(['publicName']);
    // The session lent before the change serves its utterance to the end, then is closed rather than reused.
    lent.release();
    expect(lent.session.closed || lent.session.closing).toBe(true);
    next.release();
    const old = s.stats().live.setups.filter((x) => x.vocabulary.includes('projectSecretName')).map((x) => x.connectionId);
    await until('every session with the old terms closed', () => old.every((id) => s.stats().live.closes.some((c) => c.connectionId === id)));
  });
});

/** A WebSocket relay between the SDK and the simulator that can cut every connection with a chosen close code. */
async function liveProxy(target: string): Promise<{ baseUrl: string; closeAll(code: number, reason: string): void; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });
  const pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();
  wss.on('connection', (client, req) => {
    const path = (req.url ?? '/').replace(/^\/+/, '/');
    const upstream = new WebSocket(`${target.replace(/^http/, 'ws')}${path}`);
    const pair = { client, upstream };
    pairs.add(pair);
    const early: Array<[RawData, boolean]> = [];
    client.on('message', (data, isBinary) => (upstream.readyState === WebSocket.OPEN ? upstream.send(data, { binary: isBinary }) : early.push([data, isBinary])));
    upstream.on('open', () => early.splice(0).forEach(([d, b]) => upstream.send(d, { binary: b })));
    upstream.on('message', (data, isBinary) => client.send(data, { binary: isBinary }));
    upstream.on('close', (code, reason) => client.close(code >= 1000 && code !== 1005 && code !== 1006 ? code : 1011, reason));
    client.on('close', () => {
      pairs.delete(pair);
      upstream.close();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    closeAll(code, reason) {
      for (const { client, upstream } of pairs) {
        client.close(code, reason);
        upstream.terminate();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.terminate();
          upstream.terminate();
        }
        wss.close();
        server.close(() => resolve());
      }),
  };
}
