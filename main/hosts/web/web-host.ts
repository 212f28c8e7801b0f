// The web host: the renderer and the API over HTTP + WebSocket on a per-launch loopback address, guarded by a per-launch token (never a cookie), Host and Origin checks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { AddressInfo } from 'node:net';
import { AUDIO_FRAME_HEADER_BYTES, decodeAudioFrame, wsClientMessageSchema, type EventName, type WsServerMessage } from '../../../preload/contract.js';
import type { ApiRouter } from '../../app/api-router.js';
import type { Logger } from '../../core/logger.js';
import { AudioIntake } from '../audio-intake.js';
import { contentSecurityPolicy } from './csp.js';
import { bearerToken, listenOnLoopback, newToken, protocolToken, sameToken, WS_PROTOCOL } from './web-guards.js';

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
  /** Fixed loopback address (tests); a random 127.x.y.z per launch otherwise, 127.0.0.1 where that cannot be bound. */
  address?: string;
  /** Audio admission (frame size, 2x real-time rate, total); its clock is injectable for tests. */
  audioIntake?: AudioIntake;
}

export interface WebHost {
  readonly url: string;
  /** The URL with the token, printed at start. */
  readonly launchUrl: string;
  readonly port: number;
  /** The loopback address listened on. */
  readonly address: string;
  readonly token: string;
  readonly audioIntake: AudioIntake;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};
/** Text messages carry up to 1 MB of clipboard text as JSON; audio frames are checked against their own, smaller cap. */
const MAX_WS_MESSAGE = 4 * 1024 * 1024;
/** Open windows or tabs at once: each holds a dictation and a send queue, so their number bounds memory. */
export const MAX_WS_CLIENTS = 8;

/** The request target as a path on our own origin (`//evil.example/` stays a path: the host never redirects); null when unparseable. */
function requestPath(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  try {
    return new URL(`http://local${target.startsWith('/') ? '' : '/'}${target}`);
  } catch {
    return null;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const log = options.logger.child({ part: 'web-host' });
  const intake = options.audioIntake ?? new AudioIntake();
  /** Our own page's origins and Host values, known once listening; anything else is another site (or DNS rebinding). */
  const origins = new Set<string>();
  const authorities = new Set<string>();
  let csp = contentSecurityPolicy();
  const clients = new Set<WebSocket>();
  let nextClient = 1;

  const ownHost = (req: IncomingMessage): boolean => authorities.has((req.headers.host ?? '').toLowerCase());

  const securityHeaders = (res: ServerResponse): void => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  };

  /** The renderer's files: they hold no secret, so they need no token (the API does). HEAD answers without the body. */
  const serveStatic = async (pathname: string, res: ServerResponse, head: boolean): Promise<void> => {
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
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.byteLength, 'Cache-Control': 'no-store' });
      res.end(head ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  };

  const server = createServer((req, res) => {
    securityHeaders(res);
    if (!ownHost(req)) {
      // A page on another name that resolves to us (DNS rebinding) must not read anything, not even /healthz.
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: use the address Voice CodeGen printed.');
      return;
    }
    const url = requestPath(req);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname === '/metrics') {
      if (req.method !== 'GET') {
        res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain' }).end('Only GET.');
        return;
      }
      if (!sameToken(bearerToken(req), token)) {
        res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end('Unauthorised: send Authorization: Bearer TOKEN, with the token printed when Voice CodeGen started.');
        return;
      }
      Promise.resolve(options.metrics ? options.metrics() : '')
        .then((text) => res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(text))
        .catch((error: unknown) => {
          log.error({ err: error }, 'metrics failed');
          res.writeHead(500).end('metrics failed');
        });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(url.pathname, res, req.method === 'HEAD').catch((error: unknown) => {
      log.error({ err: error }, 'static file failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE, handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false) });
  server.on('upgrade', (req, socket, head) => {
    const url = requestPath(req);
    // The token travels only as a subprotocol: never in a cookie (cookies ignore ports) nor the query (logs, history).
    if (url?.pathname !== '/ws' || !ownHost(req) || !origins.has(req.headers.origin ?? '') || !sameToken(protocolToken(req), token)) {
      log.warn({ origin: req.headers.origin, path: url?.pathname.slice(0, 200) }, 'websocket refused');
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
    if (clients.size >= MAX_WS_CLIENTS) {
      log.warn({ clients: clients.size }, 'websocket refused: too many clients');
      ws.close(1013, `Voice CodeGen allows ${MAX_WS_CLIENTS} open windows or tabs at once; close one and reload.`);
      return;
    }
    const clientId = `ws-${nextClient++}`;
    clients.add(ws);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        if (buf.byteLength > AUDIO_FRAME_HEADER_BYTES + intake.limits.maxFrameBytes) {
          ws.close(1009, `Audio frames are at most ${intake.limits.maxFrameBytes / 1024} KB.`);
          return;
        }
        const frame = decodeAudioFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
        if (!frame) log.warn({ bytes: buf.byteLength }, 'malformed audio frame dropped');
        else if (intake.admit(clientId, frame.requestId, frame.pcm16.byteLength) === 'ok') options.onAudio(frame.requestId, frame.pcm16, clientId);
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
      intake.clientClosed(clientId);
      options.onClientClosed?.(clientId);
    });
    ws.on('error', (error) => log.warn({ err: error }, 'websocket error'));
  });

  const address = await listenOnLoopback(server, options.port, log, options.address);
  const port = (server.address() as AddressInfo).port;
  const authority = `${address}:${port}`;
  origins.add(`http://${authority}`);
  authorities.add(authority);
  if (address === '127.0.0.1') {
    // Only where we had to fall back to 127.0.0.1 does `localhost` name the same origin's machine.
    origins.add(`http://localhost:${port}`);
    authorities.add(`localhost:${port}`);
  }
  csp = contentSecurityPolicy([`ws://${authority}`, `http://${authority}`]);
  const url = `http://${authority}/`;
  return {
    url,
    // The page moves the token into its sessionStorage and out of the address bar (renderer/src/api/connect.ts).
    launchUrl: `${url}?token=${token}`,
    port,
    address,
    token,
    audioIntake: intake,
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
