// Issue 18, major 1: after the app's launch URL is opened in Chromium, another server on another loopback port gets
// nothing that opens the API: no cookie or header carrying the token, and neither its page's script nor the server
// itself (replaying what it received, with a forged Origin) can open the WebSocket API.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';

const TOKEN = 'isolation-test-token-abcdefghijklmnop';

/** Tries the WebSocket API from Node with the given headers; true when app.info was answered. */
function opensApi(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    const done = (ok: boolean): void => {
      resolve(ok);
      ws.terminate();
    };
    ws.on('unexpected-response', () => done(false));
    ws.on('error', () => done(false));
    ws.on('open', () => {
      ws.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }));
      ws.on('message', (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as { kind: string; id?: number; result?: unknown };
        if (msg.kind === 'response' && msg.id === 1) done(msg.result !== undefined);
      });
    });
  });
}

describe('the launch token and other local servers', () => {
  let host: WebHost;
  let evil: Server;
  let evilOrigin: string;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const infoCalls: string[] = [];
  const evilSaw: IncomingHttpHeaders[] = [];
  const evilReports: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium (the README test line installs it)');
    const handlers = {
      'app.info': (_p: unknown, ctx: { clientId: string }) => {
        infoCalls.push(ctx.clientId);
        return { host: 'web', version: '0.0.0', simulated: true, hasApiKey: false, hotkey: 'X', hotkeyMode: 'push-to-talk' };
      },
    } as unknown as MethodHandlers;
    host = await startWebHost({ router: new ApiRouter(handlers), events: new AppEvents(), onAudio: () => undefined, rendererDir: `${process.cwd()}/dist/renderer`, port: 0, logger: silentLogger, token: TOKEN });
    const appWs = `${new URL(host.url).origin.replace('http', 'ws')}/ws`;
    // Another local server, on 127.0.0.1 and another port: it records every request, and its page's script tries the API.
    evil = createServer((req, res) => {
      evilSaw.push(req.headers);
      if (req.url?.startsWith('/report')) {
        evilReports.push(decodeURIComponent(req.url.slice('/report?'.length)));
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>other</title><img src="/pixel.png"><script>
        const ws = new WebSocket(${JSON.stringify(appWs)});
        ws.onopen = () => { ws.send(JSON.stringify({ id: 1, method: 'app.info', params: {} })); };
        ws.onmessage = (m) => fetch('/report?' + encodeURIComponent('message:' + m.data));
        ws.onerror = () => fetch('/report?refused');
      </script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', () => resolve()));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.cleanup();
    await host?.close();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
  });

  it('a second server on another loopback port, visited after the launch URL, receives nothing that opens the API', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    try {
      const app = await context.newPage();
      await app.goto(host.launchUrl);
      // The app's own page got in: its script called the API.
      await expect.poll(() => infoCalls.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(app.url()).not.toContain('token=');

      const other = await context.newPage();
      await other.goto(`${evilOrigin}/`);
      await expect.poll(() => evilReports.length, { timeout: 20_000 }).toBeGreaterThan(0);
      // The other page's script could not open the API.
      expect(evilReports).toEqual(['refused']);
      // Nothing the other server received carries the token (no cookie, no header).
      expect(evilSaw.length).toBeGreaterThan(1);
      for (const headers of evilSaw) expect(JSON.stringify(headers)).not.toContain(TOKEN);
      // Replaying everything it received, with the app's own Origin forged, does not open the API either.
      const appOrigin = new URL(host.url).origin;
      const appWs = `${appOrigin.replace('http', 'ws')}/ws`;
      for (const headers of evilSaw) {
        const replay: Record<string, string> = { Origin: appOrigin };
        if (headers.cookie) replay.Cookie = headers.cookie;
        if (headers.authorization) replay.Authorization = headers.authorization;
        expect(await opensApi(appWs, replay)).toBe(false);
      }
      // The control: the same replay with the real token does open it, so the refusal above is the token's doing.
      expect(await opensApi(appWs, { Origin: appOrigin, Cookie: `vcg_token=${TOKEN}` }, [`vcg.token.${TOKEN}`, 'vcg.v1'])).toBe(true);
    } finally {
      await context.close();
    }
  });
});
