// Starts the built web host (dist/web/server.js) the way `npm start` does without Electron, and times its "Ready to dictate" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WebHostProcess {
  pid: number;
  launchUrl: string;
  /** Milliseconds from spawn() to the "Ready to dictate" line on stdout (as seen by this process). */
  readyMs: number;
  /** The ready line itself (it says whether a Live session is warm). */
  readyLine: string;
  output: () => string;
  /** Resident set size of the host process now, from /proc (Linux), in bytes. */
  rssBytes(): number;
  /** CPU time (user + system, all threads) the process has used so far, in ms (/proc): less noisy than wall time on a busy machine. */
  cpuMs(): number;
  /** Threads of the host process now (/proc): each worker thread is one. */
  threads(): number;
  stop(): Promise<void>;
}

export interface WebHostOptions {
  dataDir: string;
  /** The simulator (or Gemini) to point at. */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Node options before the script (e.g. --cpu-prof to see where start-up goes). */
  nodeArgs?: string[];
  /** Another build's server.js (before/after comparisons); dist/web/server.js by default. */
  entry?: string;
}

export async function startWebHostProcess(options: WebHostOptions): Promise<WebHostProcess> {
  // Never the user's own key, Redis or team secret.
  const { GEMINI_API_KEY: _k, REDIS_URL: _r, VOICE_CODEGEN_GEMINI_BASE_URL: _b, VOICE_CODEGEN_TEAM_SECRET: _t, ...inherited } = process.env;
  const env = {
    ...inherited,
    VOICE_CODEGEN_PORT: '0',
    VOICE_CODEGEN_DATA_DIR: options.dataDir,
    GEMINI_API_KEY: options.apiKey,
    VOICE_CODEGEN_GEMINI_BASE_URL: options.baseUrl,
    VOICE_CODEGEN_SIMULATED: '1',
    VOICE_CODEGEN_WEB_REASON: 'bench',
    ...options.env,
  };
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? join(process.cwd(), 'dist/web/server.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const seen = await new Promise<{ readyMs: number; readyLine: string; launchUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not say it was ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /^Ready to dictate.*$/m.exec(out)?.[0];
      const launchUrl = /(http:\/\/127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d+\/\?token=[\w-]+)/.exec(out)?.[1];
      if (line && launchUrl) {
        clearTimeout(timer);
        resolve({ readyMs: performance.now() - t0, readyLine: line, launchUrl });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with ${code}:\n${out}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const status = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
  return {
    pid: child.pid as number,
    ...seen,
    output: () => out,
    rssBytes: () => status('VmRSS') * 1024,
    threads: () => status('Threads'),
    cpuMs: () => {
      // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them, in clock ticks (100/s on Linux).
      const rest = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ').pop()?.split(' ') ?? [];
      return (Number(rest[11]) + Number(rest[12])) * 10;
    },
    stop,
  };
}
