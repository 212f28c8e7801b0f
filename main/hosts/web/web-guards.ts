// The web host's credential and address rules: the token compared in constant time, where it may travel, and the per-launch loopback address.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Logger } from '../../core/logger.js';

/** The page offers `vcg.token.<TOKEN>` and this name; the host answers with this name only, never echoing the token. */
export const WS_PROTOCOL = 'vcg.v1';
export const TOKEN_PROTOCOL_PREFIX = 'vcg.token.';
const FALLBACK_ADDRESS = '127.0.0.1';
/** Longest header value we look at for a token (a base64url token is 32 characters). */
const MAX_HEADER_CHARS = 4096;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `Authorization: Bearer TOKEN` (scrapers of /metrics). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header || header.length > MAX_HEADER_CHARS) return undefined;
  const m = /^Bearer ([\w.~+/=-]+)$/.exec(header.trim());
  return m?.[1];
}

/** The token the page offers as a WebSocket subprotocol (`Sec-WebSocket-Protocol: vcg.v1, vcg.token.TOKEN`). */
export function protocolToken(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (!header || header.length > MAX_HEADER_CHARS) return undefined;
  for (const part of header.split(',')) {
    const name = part.trim();
    if (name.startsWith(TOKEN_PROTOCOL_PREFIX)) return name.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** 127.x.y.z other than 127.0.0.1: every other local server on 127.0.0.1 (or another 127 address) is another origin. */
export function randomLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function listenOn(server: Server, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Listens on a per-launch random loopback address where the platform allows it (Linux routes all of 127/8 to the
 * loopback interface; macOS only has 127.0.0.1 unless an alias is configured), else on 127.0.0.1. A taken port falls
 * back to a free one. Returns the address listened on.
 */
export async function listenOnLoopback(server: Server, port: number, log: Logger, address?: string): Promise<string> {
  return listenOnFirst(server, port, log, address ? [address] : [randomLoopbackAddress(), FALLBACK_ADDRESS]);
}

/** Listens on the first of `candidates` that can be bound (exported for the fallback's test). */
export async function listenOnFirst(server: Server, port: number, log: Logger, candidates: readonly string[]): Promise<string> {
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      await listenOn(server, port, candidate);
      return candidate;
    } catch (error) {
      lastError = error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port !== 0) {
        log.warn({ port }, 'port taken, using a free one');
        await listenOn(server, 0, candidate);
        return candidate;
      }
      if (code !== 'EADDRNOTAVAIL' && code !== 'EINVAL') throw error;
      log.info({ address: candidate }, 'cannot listen on this loopback address; trying 127.0.0.1');
    }
  }
  throw lastError;
}
