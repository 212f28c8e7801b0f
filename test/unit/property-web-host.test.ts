// Random JSON, random text and random binary frames on the web host's WebSocket: every text message is answered
// (a VALIDATION error or a result), binary garbage is dropped, and the host stays up and answers /healthz.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ERROR_CODES } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { methods } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, propertyParams } from '../support/fault-helpers.js';

interface Client {
  ws: WebSocket;
  responses: Array<{ id: number; result?: unknown; error?: { code: string; message: string; retryable: boolean } }>;
  closed: Promise<number>;
}

async function connect(host: WebHost): Promise<Client> {
  const origin = new URL(host.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, ['vcg.v1', `vcg.token.${host.token}`], { headers: { Origin: origin } });
  const responses: Client['responses'] = [];
  ws.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    const message = JSON.parse(String(data)) as { kind: string; id: number; result?: unknown; error?: { code: string; message: string; retryable: boolean } };
    if (message.kind === 'response') responses.push(message);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, responses, closed };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function healthz(host: WebHost): Promise<string> {
  const res = await fetch(`${new URL(host.url).origin}/healthz`);
  return `${res.status} ${await res.text()}`;
}

const METHOD_NAMES = Object.keys(methods);
const textFrame: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('', '{', 'null', '[]', '{"id":1}', '{"id":-1,"method":"app.info","params":{}}', '{"id":1.5,"method":"app.info"}', '{"__proto__":{"id":3}}'),
  fc
    .record(
      {
        id: fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.double(), fc.string({ maxLength: 4 })),
        method: fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.string({ maxLength: 120 })),
        params: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ text: fc.string({ minLength: 1, maxLength: 40 }), requestId: fc.nat({ max: 20 }), query: fc.string({ maxLength: 10 }) }, { requiredKeys: [] })),
        extra: fc.anything({ maxDepth: 1 }),
      },
      { requiredKeys: ['id', 'method'] },
    )
    .map((m) => JSON.stringify(m)),
);
const binaryFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  // Audio-shaped: a small request id (maybe an open dictation of another client, maybe none), then PCM of any length.
  fc.tuple(fc.nat({ max: 20 }), fc.uint8Array({ maxLength: 640 })).map(([id, pcm]) => new Uint8Array([id, 0, 0, 0, ...pcm])),
);
const frames = fc.array(fc.oneof({ arbitrary: textFrame.map((t) => ({ text: t })), weight: 3 }, { arbitrary: binaryFrame.map((b) => ({ binary: b })), weight: 1 }), { minLength: 1, maxLength: 25 });

describe('web host WebSocket with random frames', { timeout: 120_000 }, () => {
  let h: Harness;
  let host: WebHost;
  let rendererDir: string;

  beforeAll(async () => {
    h = await startHarness({ settings: FAULT_SETTINGS, host: 'web' });
    rendererDir = mkdtempSync(join(tmpdir(), 'vcg-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    host = await startWebHost({
      router: h.app.router,
      events: h.app.events,
      onAudio: (id, pcm, clientId) => h.app.onAudio(id, pcm, clientId),
      onClientClosed: (clientId) => h.app.clientClosed(clientId),
      rendererDir,
      port: 0,
      logger: silentLogger,
    });
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await h?.close();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });

  it('answers every text message exactly once (a result or an error with a known code), drops binary garbage, and stays up', async () => {
    const client = await connect(host);
    // A dictation held open by this client, so some audio-shaped frames hit a real request id.
    client.ws.send(JSON.stringify({ id: 999_999, method: 'dictation.start', params: {} }));
    await until(() => client.responses.length === 1, 'dictation.start');
    let expected = 1;
    try {
      await fc.assert(
        fc.asyncProperty(frames, async (batch) => {
          for (const frame of batch) {
            if ('text' in frame) {
              client.ws.send(frame.text);
              expected++;
            } else {
              client.ws.send(frame.binary, { binary: true });
            }
          }
          await until(() => client.responses.length >= expected, `${expected} responses`);
          expect(client.responses.length).toBe(expected);
          expect(client.ws.readyState).toBe(WebSocket.OPEN);
        }),
        propertyParams(60),
      );
      for (const r of client.responses) {
        if (r.error) {
          expect(ERROR_CODES as readonly string[]).toContain(r.error.code);
          expect(r.error.message.length).toBeGreaterThan(10);
        } else {
          expect(r).toHaveProperty('result');
        }
      }
    } finally {
      client.ws.close();
      await client.closed;
    }
    expect(await healthz(host)).toBe('200 ok');
    const fresh = await connect(host);
    fresh.ws.send(JSON.stringify({ id: 7, method: 'app.info', params: {} }));
    await until(() => fresh.responses.length === 1, 'app.info');
    expect(fresh.responses[0]).toMatchObject({ id: 7, result: { host: 'web' } });
    fresh.ws.close();
    await fresh.closed;
  });

  it('a text frame that is not UTF-8 or larger than the message limit (a 10 MB typed request) closes only that socket; the host keeps serving', async () => {
    const bad = await connect(host);
    bad.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await bad.closed).toBe(1007);

    const huge = await connect(host);
    huge.ws.send(JSON.stringify({ id: 1, method: 'request.text', params: { text: 'x'.repeat(10 * 1024 * 1024) } }));
    expect(await huge.closed).toBe(1009);

    expect(await healthz(host)).toBe('200 ok');
    const fresh = await connect(host);
    // The same 10 MB request through the router is refused by the contract with a message, not a dropped socket.
    const refused = await h.app.router.call('request.text', { text: 'x'.repeat(10 * 1024 * 1024) }, { clientId: 'direct' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    fresh.ws.send(JSON.stringify({ id: 3, method: 'history.search', params: { query: 'x' } }));
    await until(() => fresh.responses.length === 1, 'history.search');
    expect(fresh.responses[0]).toMatchObject({ id: 3, result: { entries: expect.any(Array) } });
    fresh.ws.close();
    await fresh.closed;
  });
});
