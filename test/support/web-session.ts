// Setup and teardown shared by the e2e suites that drive the web host in Chromium against the Gemini simulator.
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startAppProcess, type StartedApp } from './start-app.js';

export interface WebAppOptions {
  /** The app says "simulated Gemini" (VOICE_CODEGEN_SIMULATED=1). */
  simulated?: boolean;
  /** The app's data directory (else startAppProcess makes a throwaway one). */
  dataDir?: string;
}

/**
 * Starts the app's web host against `sim`, as a user runs it: NODE_ENV=production, since vitest's NODE_ENV=test would
 * make Vite bundle React's development build.
 */
export function startWebApp(sim: GeminiSimulator, options: WebAppOptions = {}): Promise<StartedApp> {
  return startAppProcess(['--web'], {
    GEMINI_API_KEY: sim.apiKey,
    VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl,
    ...(options.simulated ? { VOICE_CODEGEN_SIMULATED: '1' } : {}),
    ...(options.dataDir !== undefined ? { VOICE_CODEGEN_DATA_DIR: options.dataDir } : {}),
    NODE_ENV: 'production',
  });
}

export interface ReturningUserOptions {
  viewport?: { width: number; height: number };
  /** Permissions granted to the app's origin (none when left out). */
  grant?: { permissions: string[]; origin: string };
}

/**
 * A browser context (1280x800 unless told, 20 s default timeout) for a user who has already seen the onboarding and
 * the privacy notice.
 */
export async function newReturningUserContext(browser: Browser, options: ReturningUserOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  context.setDefaultTimeout(20_000);
  if (options.grant) await context.grantPermissions(options.grant.permissions, { origin: options.grant.origin });
  await context.addInitScript(() => {
    localStorage.setItem('vcg.onboarded', '1');
    localStorage.setItem('vcg.privacyNoticeSeen', '1');
  });
  return context;
}

export interface WebSession {
  context?: Pick<BrowserContext, 'close'>;
  browser?: { cleanup(): Promise<void> };
  app?: Pick<StartedApp, 'stop'>;
  sim?: Pick<GeminiSimulator, 'close'>;
  dataDir?: string;
}

/**
 * Closes whatever of a suite's session exists, in this order: the context, the browser (and its profile), the app,
 * the simulator, then removes the data directory. Parts left undefined by a failed setup are skipped.
 */
export async function closeWebSession({ context, browser, app, sim, dataDir }: WebSession): Promise<void> {
  await context?.close();
  await browser?.cleanup();
  await app?.stop();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
