// The web host: the renderer and the API over HTTP + WebSocket on 127.0.0.1, guarded by a per-launch token and an Origin check.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { AddressInfo } from 'node:net';
import { decodeAudioFrame, wsClientMessageSchema, type EventName, type WsServerMessage } from '../../../preload/contract.js';
import type { ApiRouter } from '../../app/api-router.js';
import type { Logger } from '../../core/logger.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

export interface WebHostEvents {
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export interface WebHostOptions {
  router: ApiRouter;
  events: WebHostEvents;
  onAudio(requestId: number, pcm16: Uint8Array, clientId: string): void;
  onClientClosed?(clientId: string): void;
  rendererDir: string;
  port: number;
  logger: Logger;
  /** Prometheus text for /metrics. */
  metrics?: () => Promise<string> | string;
  /** Fixed token (tests); a random one per launch otherwise. */
  token?: string;
}

export interface WebHost {
  readonly url: string;
  /** The URL with the token, printed at start. */
  readonly launchUrl: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};
const COOKIE = 'vcg_token';
const MAX_WS_MESSAGE = 8 * 1024 * 1024;

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.logger.child({ part: 'web-host' });
  /** Our own page's origins (127.0.0.1 and localhost on our port); anything else is another site. */
  const origins = new Set<string>();
  const clients = new Set<WebSocket>();
  let nextClient = 1;

  const authorised = (req: IncomingMessage, url: URL): boolean => sameToken(url.searchParams.get('token') ?? undefined, token) || sameToken(cookieToken(req), token);

  const securityHeaders = (res: ServerResponse): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  };

  const serveStatic = async (pathname: string, res: ServerResponse): Promise<void> => {
    let rel: string;
    try {
      rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
      return;
    }
    const file = normalize(join(options.rendererDir, rel));
    if (!file.startsWith(normalize(options.rendererDir) + sep) && file !== normalize(join(options.rendererDir, 'index.html'))) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    securityHeaders(res);
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (!authorised(req, url)) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorised: open the URL with the token printed when Voice CodeGen started.');
      return;
    }
    if (url.searchParams.has('token')) {
      // Move the token from the URL into an HttpOnly cookie and drop it from the address bar.
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      res.writeHead(303, { Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    if (url.pathname === '/metrics') {
      Promise.resolve(options.metrics ? options.metrics() : '')
        .then((text) => res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(text))
        .catch((error: unknown) => {
          log.error({ err: error }, 'metrics failed');
          res.writeHead(500).end('metrics failed');
        });
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(url.pathname, res).catch((error: unknown) => {
      log.error({ err: error }, 'static file failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !authorised(req, url) || !origins.has(req.headers.origin ?? '')) {
      log.warn({ origin: req.headers.origin, path: url.pathname }, 'websocket refused');
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: WsServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const unsubscribe = options.events.subscribe((event, payload) => {
    for (const ws of clients) send(ws, { kind: 'event', event, payload });
  });

  wss.on('connection', (ws) => {
    const clientId = `ws-${nextClient++}`;
    clients.add(ws);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        const frame = decodeAudioFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
        if (frame) options.onAudio(frame.requestId, frame.pcm16, clientId);
        else log.warn({ bytes: buf.byteLength }, 'malformed audio frame dropped');
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(buf.toString('utf8'));
      } catch {
        send(ws, { kind: 'response', id: 0, error: { code: 'VALIDATION', message: 'Messages must be JSON.', retryable: false } });
        return;
      }
      const msg = wsClientMessageSchema.safeParse(parsed);
      if (!msg.success) {
        const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : 0;
        send(ws, { kind: 'response', id, error: { code: 'VALIDATION', message: 'Malformed message: expected {id, method, params}.', retryable: false } });
        return;
      }
      options.router
        .call(msg.data.method, msg.data.params, { clientId })
        .then((outcome) => send(ws, outcome.ok ? { kind: 'response', id: msg.data.id, result: outcome.result } : { kind: 'response', id: msg.data.id, error: outcome.error }))
        .catch((error: unknown) => log.error({ err: error }, 'router failed'));
    });
    ws.on('close', () => {
      clients.delete(ws);
      options.onClientClosed?.(clientId);
    });
    ws.on('error', (error) => log.warn({ err: error }, 'websocket error'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || options.port === 0) throw error;
    log.warn({ port: options.port }, 'port taken, using a free one');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  origins.add(origin);
  origins.add(`http://localhost:${port}`);
  const url = `${origin}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Keep-alive and half-open browser connections must not hold the shutdown.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
