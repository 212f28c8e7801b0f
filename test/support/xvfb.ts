// Starts a private Xvfb on a free display number (Xvfb picks it through -displayfd, so parallel tests never collide) and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const XVFB_PATH = '/usr/bin/Xvfb';

export function xvfbAvailable(): boolean {
  return existsSync(XVFB_PATH);
}

export interface Xvfb {
  /** ":N", for DISPLAY. */
  display: string;
  /** Stops the server and waits for it to exit; clients of the display (xclip helpers) exit with it. */
  stop(): Promise<void>;
}

/** This process's environment pointed at an X display only (no Wayland socket, so tools take the X11 path). */
export function x11Env(display: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'WAYLAND_DISPLAY') env[k] = v;
  env.DISPLAY = display;
  return env;
}

/** Starts `Xvfb :N -screen 0 1280x800x24` on the first free N. */
export function startXvfb(timeoutMs = 10_000): Promise<Xvfb> {
  return new Promise<Xvfb>((resolve, reject) => {
    // fd 3 receives the display number once the server accepts connections: no polling for the socket.
    const child: ChildProcess = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let out = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Xvfb did not start within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`));
    });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ display: `:${out.trim()}`, stop });
    });
  });
}
