// Maps a vcg://app/... request to a file inside dist/renderer (never outside it) with its MIME type and security headers.
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { withSecurityHeaders } from './csp-header.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.json': 'application/json', '.map': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

export type ProtocolTarget =
  | { ok: true; file: string; headers: Record<string, string[]> }
  | { ok: false; status: 403 | 404 };

export function resolveAppRequest(rendererDir: string, requestUrl: string): ProtocolTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 404 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 404 };
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0')) return { ok: false, status: 404 };
  const root = normalize(rendererDir);
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return { ok: false, status: 403 };
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { ok: true, file, headers: withSecurityHeaders({ 'Content-Type': type, 'Cache-Control': 'no-cache' }) };
}
