// "Ready to dictate": the web host says so once a Live session is warm, so the first hotkey press never waits for a handshake.
import type { App } from '../../app/app-types.js';

/** The line the web host prints when it is ready (benches and scripts wait for it). */
export const READY_LINE_PREFIX = 'Ready to dictate';

export interface Readiness {
  /** True when a Live session is warm; false when none is kept warm (no key, pool.min 0) or none came in time. */
  warm: boolean;
  /** Milliseconds since this process started (performance.now() counts from the process's time origin). */
  atMs: number;
  line: string;
}

/**
 * Waits (checking every intervalMs, at most timeoutMs) until the app holds a warm Live session. Returns at once when
 * none will ever be kept warm: no instance has a key, or settings.pool.min is 0.
 */
export async function waitUntilReady(app: Pick<App, 'settings' | 'warmSessions'>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 10;
  const hasKey = app.settings.gemini.instances.some((i) => typeof i.apiKey === 'string' && i.apiKey !== '');
  if (!hasKey || app.settings.pool.min <= 0) {
    const why = hasKey ? ' (no Live session is kept warm: pool.min is 0, so the first dictation connects when it starts)' : ' once you add a Gemini API key in Settings (or run npm run demo)';
    return done(false, `${READY_LINE_PREFIX}${why}`);
  }
  const deadline = performance.now() + timeoutMs;
  while (app.warmSessions() < 1) {
    if (performance.now() > deadline) return done(false, `${READY_LINE_PREFIX}, but no Live session warmed up in ${Math.round(timeoutMs / 1000)} s: the first dictation will connect when it starts`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return done(true, `${READY_LINE_PREFIX}: a Live session is warm`);
}

function done(warm: boolean, text: string): Readiness {
  const atMs = Math.round(performance.now());
  return { warm, atMs, line: `${text} (${atMs} ms after start).` };
}
