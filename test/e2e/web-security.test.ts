// The web host's guards, over real HTTP and WebSocket: the per-launch token on the API (WebSocket subprotocol, /metrics
// bearer), no cookie, the Origin and Host checks, the CSP header, local-only redirects, and loopback-only binding.
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

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    // The path goes on the wire exactly as written (new URL would resolve `/.//x` before the host sees it).
    const at = /^(http:\/\/[^/]+)(.*)$/.exec(url);
    const base = new URL(at?.[1] ?? url);
    const req = request({ hostname: base.hostname, port: base.port, path: at?.[2] || '/', headers, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and says whether the host accepted it (and the answer to app.info when it did). */
function openSocket(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<{ accepted: boolean; status?: number; info?: unknown; protocol?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
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
          resolve({ accepted: true, info: msg.result, protocol: ws.protocol });
          ws.close();
        }
      });
    });
  });
}

describe('web host security', () => {
  let host: WebHost;
  let origin: string;
  let authority: string;

  beforeAll(async () => {
    const handlers = {
      'app.info': () => ({ host: 'web', version: '0.0.0', simulated: true, hasApiKey: false, hotkey: 'X', hotkeyMode: 'push-to-talk' }),
    } as unknown as MethodHandlers;
    host = await startWebHost({ router: new ApiRouter(handlers), events: new AppEvents(), onAudio: () => undefined, rendererDir: `${process.cwd()}/dist/renderer`, port: 0, logger: silentLogger, token: TOKEN, metrics: () => 'vcg_up 1\n' });
    origin = new URL(host.url).origin;
    authority = new URL(host.url).host;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('serves the static app without the token (it holds no secret) and never sets a cookie', async () => {
    for (const path of ['/', '/index.html', `/?token=${TOKEN}`]) {
      const res = await get(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).not.toContain(TOKEN);
    }
    expect((await get(`${origin}/assets/none.js`)).status).toBe(404);
  });

  it('/metrics needs Authorization: Bearer TOKEN; a query token, a cookie or a wrong bearer is refused', async () => {
    expect((await get(`${origin}/metrics`)).status).toBe(401);
    expect((await get(`${origin}/metrics?token=${TOKEN}`)).status).toBe(401);
    expect((await get(`${origin}/metrics`, { Cookie: `vcg_token=${TOKEN}` })).status).toBe(401);
    expect((await get(`${origin}/metrics`, { Authorization: `Bearer wrong-${TOKEN}` })).status).toBe(401);
    const ok = await get(`${origin}/metrics`, { Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('vcg_up 1');
  });

  it('/metrics answers only GET (405 otherwise); HEAD / answers like GET without a body', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const res = await get(`${origin}/metrics`, { Authorization: `Bearer ${TOKEN}` }, method);
      expect(res.status, method).toBe(405);
      expect(String(res.headers.allow)).toBe('GET');
    }
    const full = await get(`${origin}/`);
    const head = await get(`${origin}/`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe(full.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(full.body)));
    expect((await get(`${origin}/`, {}, 'POST')).status).toBe(405);
  });

  it('/healthz answers ok and nothing else, without the token', async () => {
    const res = await get(`${origin}/healthz`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');
  });

  it('never redirects off the host: GET /.//evil.example/?token=T', async () => {
    for (const path of [`/.//evil.example/?token=${TOKEN}`, `//evil.example/?token=${TOKEN}`, `/%2F%2Fevil.example/?token=${TOKEN}`, `/\\evil.example/?token=${TOKEN}`]) {
      const res = await get(`${origin}${path}`);
      const location = res.headers.location;
      if (location !== undefined) expect(String(location), path).toMatch(/^\/(?![/\\])/);
    }
  });

  it('answers 421 to a Host header that is not its own address and port (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `localhost:${host.port + 1}`, `${new URL(host.url).hostname}:1`]) {
      expect((await get(`${origin}/`, { Host: hostHeader })).status, hostHeader).toBe(421);
      expect((await get(`${origin}/healthz`, { Host: hostHeader })).status, hostHeader).toBe(421);
      expect((await get(`${origin}/metrics`, { Host: hostHeader, Authorization: `Bearer ${TOKEN}` })).status, hostHeader).toBe(421);
    }
    expect((await get(`${origin}/`, { Host: authority })).status).toBe(200);
    const wsUrl = `${origin.replace('http', 'ws')}/ws`;
    await expect(openSocket(wsUrl, { Origin: origin, Host: 'evil.example' }, [`vcg.token.${TOKEN}`, 'vcg.v1'])).resolves.toMatchObject({ accepted: false });
  });

  it("pages carry the strict CSP whose connect-src names only the host's own origin", async () => {
    const page = await get(`${origin}/`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/).sort();
    expect(connect).toEqual(["'self'", `http://${authority}`, `ws://${authority}`].sort());
  });

  it('opens the WebSocket only with the token as a subprotocol, from its own Origin, and echoes a fixed protocol name', async () => {
    const wsUrl = `${origin.replace('http', 'ws')}/ws`;
    const tokenProtocols = [`vcg.token.${TOKEN}`, 'vcg.v1'];
    await expect(openSocket(wsUrl, { Origin: 'http://evil.example' }, tokenProtocols)).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: 'http://127.0.0.1:1' }, tokenProtocols)).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: origin })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: origin, Cookie: `vcg_token=${TOKEN}` })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(`${wsUrl}?token=${TOKEN}`, { Origin: origin })).resolves.toMatchObject({ accepted: false, status: 403 });
    await expect(openSocket(wsUrl, { Origin: origin }, ['vcg.token.wrong', 'vcg.v1'])).resolves.toMatchObject({ accepted: false, status: 403 });
    const own = await openSocket(wsUrl, { Origin: origin }, tokenProtocols);
    expect(own.accepted).toBe(true);
    expect(own.protocol).toBe('vcg.v1');
    expect(own.info).toMatchObject({ host: 'web' });
  });

  it('listens on a per-launch loopback address (127.x.y.z on Linux), loopback only', async () => {
    const address = new URL(host.url).hostname;
    expect(address).toMatch(/^127\.\d+\.\d+\.\d+$/);
    if (process.platform === 'linux') expect(address).not.toBe('127.0.0.1');
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
