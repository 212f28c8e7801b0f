// The web host's guards, over real HTTP and WebSocket: the per-launch token on every route but /healthz, the HttpOnly
// SameSite=Strict cookie, the Origin check on the WebSocket, the CSP header, and loopback-only binding.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';

const TOKEN = 'security-test-token-0123456789';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and says whether the host accepted it (and the answer to app.info when it did). */
function openSocket(url: string, headers: Record<string, string>): Promise<{ accepted: boolean; status?: number; info?: unknown }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ accepted: false, status: res.statusCode });
      ws.terminate();
    });
    ws.on('error', () => resolve({ accepted: false }));
    ws.on('open', () => {
      ws.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }));
      ws.on('message', (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as { kind: string; id?: number; result?: unknown };
        if (msg.kind === 'response' && msg.id === 1) {
          resolve({ accepted: true, info: msg.result });
          ws.close();
        }
      });
    });
  });
}

describe('web host security', () => {
  let host: WebHost;
  let origin: string;

  beforeAll(async () => {
    const handlers = {
      'app.info': () => ({ host: 'web', version: '0.0.0', simulated: true, hasApiKey: false, hotkey: 'X', hotkeyMode: 'push-to-talk' }),
    } as unknown as MethodHandlers;
    host = await startWebHost({ router: new ApiRouter(handlers), events: new AppEvents(), onAudio: () => undefined, rendererDir: `${process.cwd()}/dist/renderer`, port: 0, logger: silentLogger, token: TOKEN, metrics: () => 'vcg_up 1\n' });
    origin = new URL(host.url).origin;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('refuses every route without the token or with a wrong one', async () => {
    for (const path of ['/', '/index.html', '/metrics', '/assets/x.js']) {
      expect((await get(`${origin}${path}`)).status).toBe(401);
      expect((await get(`${origin}${path}?token=wrong-${TOKEN}`)).status).toBe(401);
      expect((await get(`${origin}${path}`, { Cookie: 'vcg_token=wrong' })).status).toBe(401);
    }
  });

  it('/healthz answers ok and nothing else, without the token', async () => {
    const res = await get(`${origin}/healthz`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');
  });

  it('the token in the URL becomes an HttpOnly SameSite=Strict cookie and leaves the address bar; pages carry the strict CSP', async () => {
    const first = await get(`${origin}/?token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get(`${origin}/`, { Cookie: `vcg_token=${TOKEN}` });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect((await get(`${origin}/metrics`, { Cookie: `vcg_token=${TOKEN}` })).body).toContain('vcg_up 1');
  });

  it('refuses a WebSocket from another Origin, or without the token, and accepts its own page', async () => {
    const wsUrl = `${origin.replace('http', 'ws')}/ws`;
    await expect(openSocket(wsUrl, { Origin: 'http://evil.example', Cookie: `vcg_token=${TOKEN}` })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: 'http://127.0.0.1:1', Cookie: `vcg_token=${TOKEN}` })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: origin })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(`${wsUrl}?token=wrong`, { Origin: origin })).resolves.toMatchObject({ accepted: false, status: 403 });
    const own = await openSocket(wsUrl, { Origin: origin, Cookie: `vcg_token=${TOKEN}` });
    expect(own.accepted).toBe(true);
    expect(own.info).toMatchObject({ host: 'web' });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // No other interface on this machine: nothing else could reach it.
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: external.address, port: host.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(reached, `the host answered on ${external.address}:${host.port}`).toBe(false);
  });
});
