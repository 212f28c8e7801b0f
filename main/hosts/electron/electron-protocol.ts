// Serves dist/renderer on vcg://app (a privileged, secure, standard scheme) with our CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './logic/app-origin.js';
import { resolveAppRequest } from './logic/app-protocol.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

function toHeaders(headers: Record<string, string[]>): Headers {
  const out = new Headers();
  for (const [name, values] of Object.entries(headers)) for (const v of values) out.append(name, v);
  return out;
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppRequest(rendererDir, request.url);
    if (!target.ok) return new Response(null, { status: target.status });
    try {
      const body = await readFile(target.file);
      return new Response(body, { status: 200, headers: toHeaders(target.headers) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
