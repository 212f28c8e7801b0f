// Starts the protocol-faithful Gemini simulator: Google-shaped REST + Live WebSocket, plus an optional admin API.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { handleAdmin } from './admin-handler.js';
import { LiveConnection } from './live-connection.js';
import { handleRest } from './rest-handler.js';
import { emptyStats, SimState } from './state.js';
import { DEFAULT_TRANSCRIPT } from './transcripts.js';
import type { GeminiSimulator, SimulatorOptions } from './types.js';

export type * from './types.js';
export { DEFAULT_TRANSCRIPT, spokenForm } from './transcripts.js';
export { defaultCodeAnswer } from './code-answer.js';

/** The path the SDK builds (it may double the slash after the host; both are accepted). */
const LIVE_PATH = /^\/ws\/google\.ai\.generativelanguage\.(v1beta|v1alpha|v1)\.GenerativeService\.(BidiGenerateContent|BidiGenerateContentConstrained)$/;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startGeminiSimulator(options: SimulatorOptions = {}): Promise<GeminiSimulator> {
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : ['sim-key'];
  const state = new SimState(
    {
      apiKeys: new Set(apiKeys),
      // Google ends a Live connection after about 10 minutes, with goAway first.
      connectionLifetimeMs: options.connectionLifetimeMs ?? 600_000,
      goAwayLeadMs: options.goAwayLeadMs ?? 5_000,
      tokensPerSecond: options.tokensPerSecond,
    },
    options.profile ?? 'instant',
  );
  const sockets = new Set<WebSocket>();
  const server = createServer((req, res) => {
    handleRest(req, res, state).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // '//ws/...' would parse as a protocol-relative URL: collapse slashes before parsing.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://127.0.0.1');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    if (!LIVE_PATH.test(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.once('close', () => sockets.delete(ws));
      // With an API key the key travels in the query string only; ephemeral tokens use access_token.
      new LiveConnection(ws, state, url.searchParams.get('key') ?? url.searchParams.get('access_token'));
    });
  });
  const port = await listen(server, options.port ?? 0);
  const baseUrl = `http://127.0.0.1:${port}`;

  let admin: Server | null = null;
  let adminUrl: string | null = null;
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const sim: GeminiSimulator = {
    baseUrl,
    apiKey: apiKeys[0] as string,
    port,
    get adminUrl() {
      return adminUrl;
    },
    get adminToken() {
      return adminUrl === null ? null : adminToken;
    },
    setProfile: (profile) => state.setProfile(profile),
    setScripts: (scripts) => {
      state.scripts = scripts.map((s) => ({ ...s }));
    },
    setDefaultTranscript: (script) => {
      state.defaultTranscript = { ...script };
    },
    setCodeAnswer: (answer) => {
      state.codeAnswer = answer;
    },
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    stats: () => structuredClone(state.stats),
    resetStats: () => {
      const open = state.stats.live.open;
      state.stats = emptyStats();
      state.stats.live.open = open;
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await Promise.all([closeServer(server), admin ? closeServer(admin) : Promise.resolve()]);
    },
  };
  if (options.adminPort !== undefined && options.adminPort !== false) {
    admin = createServer((req, res) => {
      handleAdmin(req, res, sim, adminToken).catch(() => res.destroy());
    });
    adminUrl = `http://127.0.0.1:${await listen(admin, options.adminPort)}`;
  }
  state.defaultTranscript = DEFAULT_TRANSCRIPT;
  return sim;
}
