// Runs the Gemini simulator in its own process (as Google is a separate machine), driven through its admin API:
// load and soak benches use it so that the app and the "server" do not share one event loop.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { SimulatorStats, TranscriptScript } from '../../main/gemini-sim/index.js';
import { leastThinking } from '../../main/config/models.js';
import { settingsSchema } from '../../main/config/schema.js';

export interface SimulatorProcess {
  baseUrl: string;
  apiKey: string;
  adminUrl: string;
  adminToken: string;
  setScripts(scripts: TranscriptScript[], fallback?: TranscriptScript): Promise<void>;
  stats(): Promise<SimulatorStats>;
  /** Forgets the requests counted so far (stats() then holds only what comes after). */
  resetStats(): Promise<void>;
  /**
   * Sends a few streamed generate calls from a process of its own, then forgets them: Google's servers are warm when
   * a user asks, so a bench does not count the simulator's own first-request costs (about 8 ms) against the app.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** options.tokensPerSecond: the profile's streaming rate replaced (the simulator's --tokens-per-second). */
export async function startSimulatorProcess(profile: 'instant' | 'realistic', options: { tokensPerSecond?: number } = {}): Promise<SimulatorProcess> {
  const rate = options.tokensPerSecond === undefined ? [] : ['--tokens-per-second', String(options.tokensPerSecond)];
  const child: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'dist/gemini-sim/cli.js'), '--profile', profile, '--admin-port', '0', ...rate], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ baseUrl: string; apiKey: string; adminUrl: string; adminToken: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start:\n${out}`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const baseUrl = /base URL:\s+(\S+)/.exec(out)?.[1];
      const apiKey = /API key:\s+(\S+)/.exec(out)?.[1];
      const adminUrl = /admin URL:\s+(\S+)/.exec(out)?.[1];
      const adminToken = /admin token:\s+(\S+)/.exec(out)?.[1];
      if (baseUrl && apiKey && adminUrl && adminToken) {
        clearTimeout(timer);
        resolve({ baseUrl, apiKey, adminUrl, adminToken });
      }
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}:\n${out}`)));
  });
  const admin = async (path: string, body?: unknown): Promise<unknown> => {
    const authorization = `Bearer ${info.adminToken}`;
    const res = await fetch(`${info.adminUrl}${path}`, body === undefined ? { headers: { authorization } } : { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`simulator admin ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const resetStats = async (): Promise<void> => {
    await admin('/stats/reset', {});
  };
  return {
    ...info,
    setScripts: async (scripts, fallback) => {
      await admin('/scripts', { scripts, ...(fallback ? { default: fallback } : {}) });
    },
    stats: async () => (await admin('/stats')) as SimulatorStats,
    resetStats,
    warm: async () => {
      // Another process: the app under test runs in this one, and its own first fetch must stay its own. The calls
      // have the shape of the app's (its model, least thinking, output settings), so the simulator warms the same path.
      const { models, temperature, maxOutputTokens } = settingsSchema.parse({}).gemini;
      const model = models.codegen;
      const thinkingConfig = leastThinking(model).config;
      const body = (i: number): string => JSON.stringify({
        contents: [{ role: 'user', parts: [{ text: `warm-up ${i}: write a function that adds two numbers in python` }] }],
        systemInstruction: { parts: [{ text: 'Answer with one fenced code block.' }] },
        generationConfig: { temperature, maxOutputTokens, ...(thinkingConfig ? { thinkingConfig } : {}) },
      });
      const script = `const u = process.env.SIM_URL + '/v1beta/models/' + process.env.SIM_MODEL + ':streamGenerateContent?alt=sse';
        await Promise.all(JSON.parse(process.env.SIM_BODIES).map(async (body) => {
          const r = await fetch(u, { method: 'POST', headers: { 'x-goog-api-key': process.env.SIM_KEY, 'content-type': 'application/json' }, body });
          const text = await r.text();
          if (!r.ok) throw new Error('simulator warm-up: HTTP ' + r.status + ' ' + text.slice(0, 200));
        }));`;
      const env = { ...process.env, SIM_URL: info.baseUrl.replace(/\/$/, ''), SIM_KEY: info.apiKey, SIM_MODEL: model, SIM_BODIES: JSON.stringify([1, 2, 3].map(body)) };
      await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 30_000 });
      await resetStats();
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
