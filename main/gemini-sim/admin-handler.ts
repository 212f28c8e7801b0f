// The simulator's admin API (its own port, never on the Google-shaped routes, behind its own token): stats, scripts, faults, profile.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, GeminiSimulator, ProfileName, TranscriptScript } from './types.js';

const FAULT_KINDS = new Set<string>([
  'delay', 'http-error', 'sse-cut', 'stream-error-event', 'finish-reason',
  'live-drop-mid-turn', 'live-close-before-setup', 'live-no-setup-complete', 'live-go-away', 'live-malformed-frame', 'phantom-transcript',
]);

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > 1024 * 1024) throw new Error('body too large');
    parts.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(parts).toString('utf8') || 'null');
}

function isScript(value: unknown): value is TranscriptScript {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.final === 'string' && (s.toneHz === undefined || typeof s.toneHz === 'number') && (s.partials === undefined || (Array.isArray(s.partials) && s.partials.every((p) => typeof p === 'string')));
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may drive it: a caller with `Authorization: Bearer ADMIN_TOKEN` (printed by `npm run gemini-sim`) and no Origin
 * header. Browsers add Origin to every cross-origin POST, so a page on any site is refused even before the token.
 */
function refusal(req: IncomingMessage, token: string): { status: number; error: string } | null {
  if (req.headers.origin !== undefined) return { status: 403, error: 'The admin API is not for web pages (a request with an Origin header was refused).' };
  const m = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '');
  if (!sameToken(m?.[1], token)) return { status: 401, error: 'Send Authorization: Bearer <admin token>; the admin token is printed with the admin URL when the simulator starts.' };
  return null;
}

/**
 * GET /stats, POST /stats/reset, POST /scripts {scripts, default?}, POST /faults {faults} (or one
 * fault), DELETE /faults, POST /profile {profile}, POST /code-answer {text|null}.
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, sim: GeminiSimulator, token: string): Promise<void> {
  const refused = refusal(req, token);
  if (refused) return send(res, refused.status, { error: refused.error });
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  try {
    if (req.method === 'GET' && path === '/stats') return send(res, 200, sim.stats());
    if (req.method === 'POST' && path === '/stats/reset') {
      sim.resetStats();
      return send(res, 200, { ok: true });
    }
    if (req.method === 'DELETE' && path === '/faults') {
      sim.clearFaults();
      return send(res, 200, { ok: true });
    }
    if (req.method !== 'POST') return send(res, 404, { error: `no route ${req.method ?? ''} ${path}` });
    const body = (await readJson(req)) as Record<string, unknown> | null;
    if (path === '/scripts') {
      const scripts = Array.isArray(body?.scripts) ? body.scripts : [];
      if (!scripts.every(isScript)) return send(res, 400, { error: 'scripts: expected [{ final: string, toneHz?: number, partials?: string[] }]' });
      sim.setScripts(scripts);
      if (body?.default !== undefined) {
        if (!isScript(body.default)) return send(res, 400, { error: 'default: expected { final: string, partials?: string[] }' });
        sim.setDefaultTranscript(body.default);
      }
      return send(res, 200, { ok: true, scripts: scripts.length });
    }
    if (path === '/faults') {
      const faults = Array.isArray(body?.faults) ? body.faults : [body];
      for (const fault of faults) {
        if (typeof fault !== 'object' || fault === null || !FAULT_KINDS.has(String((fault as Record<string, unknown>).kind))) {
          return send(res, 400, { error: `faults: kind must be one of ${[...FAULT_KINDS].join(', ')}` });
        }
      }
      for (const fault of faults) sim.injectFault(fault as Fault);
      return send(res, 200, { ok: true, injected: faults.length });
    }
    if (path === '/profile') {
      const profile = body?.profile;
      if (profile !== 'instant' && profile !== 'realistic') return send(res, 400, { error: 'profile: instant or realistic' });
      sim.setProfile(profile as ProfileName);
      return send(res, 200, { ok: true, profile });
    }
    if (path === '/code-answer') {
      const text = body?.text;
      if (text !== null && typeof text !== 'string') return send(res, 400, { error: 'text: a string, or null for the default answer' });
      sim.setCodeAnswer(text);
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: `no route POST ${path}` });
  } catch (error) {
    return send(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
