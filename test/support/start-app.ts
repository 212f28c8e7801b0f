// Starts the app the way a user does (node scripts/start.mjs) and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export interface StartedApp {
  launchUrl: string;
  origin: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startAppProcess(args: string[] = [], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<StartedApp> {
  // Never the user's own data, key or Redis: a throwaway data dir, and no inherited GEMINI_API_KEY/REDIS_URL/team secret.
  const dataDir = mkdtempSync(join(tmpdir(), 'vcg-start-'));
  const { GEMINI_API_KEY: _key, REDIS_URL: _redis, VOICE_CODEGEN_GEMINI_BASE_URL: _base, VOICE_CODEGEN_TEAM_SECRET: _team, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'scripts/start.mjs'), ...args], {
    env: { ...inherited, VOICE_CODEGEN_PORT: '0', VOICE_CODEGEN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) {
      rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = (): void => {
      const m = /(http:\/\/127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}:\n${out}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { launchUrl, origin: new URL(launchUrl).origin, output: () => out, stop };
}
