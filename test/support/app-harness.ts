// Builds the real app (the same composition root as the hosts) against the Gemini simulator with a temp data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../main/app/create-app.js';
import type { CreateAppOptions } from '../../main/app/app-types.js';
import type { SettingsInput } from '../../main/config/schema.js';
import { silentLogger } from '../../main/core/logger.js';
import { startGeminiSimulator, type GeminiSimulator, type SimulatorOptions } from '../../main/gemini-sim/index.js';
import type { PipelineEvent } from '../../preload/contract.js';

export const WORKERS_DIR = join(process.cwd(), 'dist', 'workers');

export interface Harness {
  app: App;
  /** The in-process simulator (absent when `remote` was given). */
  sim: GeminiSimulator;
  dataDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimulatorOptions;
  /** Reuse a running simulator. */
  simulator?: GeminiSimulator;
  /** A simulator in another process (only its address is needed). */
  remote?: { baseUrl: string; apiKey: string };
  settings?: SettingsInput;
  dataDir?: string;
  host?: CreateAppOptions['host'];
  prewarm?: boolean;
  platform?: CreateAppOptions['platform'];
  env?: Record<string, string>;
  memoryReader?: CreateAppOptions['memoryReader'];
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = options.remote ? (null as unknown as GeminiSimulator) : options.simulator ?? (await startGeminiSimulator({ profile: 'instant', ...options.sim }));
  const address = options.remote ?? sim;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vcg-app-'));
  const app = await createApp({
    // As a user starts it: their stored settings, with the environment (the simulator's key and URL) on top.
    storedSettings: options.settings ?? {},
    env: { GEMINI_API_KEY: address.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: address.baseUrl, ...options.env },
    logger: silentLogger,
    host: options.host ?? 'cli',
    dataDir,
    workersDir: WORKERS_DIR,
    prewarm: options.prewarm ?? false,
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.memoryReader ? { memoryReader: options.memoryReader } : {}),
  });
  return {
    app,
    sim,
    dataDir,
    close: async () => {
      await app.close();
      if (!options.simulator && !options.remote) await sim.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects a request's events in order. */
export function eventLog(): { events: PipelineEvent[]; sink: (e: PipelineEvent) => void; types: () => string[] } {
  const events: PipelineEvent[] = [];
  return { events, sink: (e) => events.push(e), types: () => events.map((e) => e.type) };
}
