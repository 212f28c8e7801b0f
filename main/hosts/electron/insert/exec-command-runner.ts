// The real CommandRunner: child_process.spawn without a shell, with a timeout that kills the tool and an AbortSignal.
import { spawn } from 'node:child_process';
import { AppError } from '../../../core/errors.js';
import type { CommandRunner, RunOptions, RunResult } from './command-runner.js';

export interface ExecCommandRunnerOptions {
  /** The environment tools see (DISPLAY, WAYLAND_DISPLAY, PATH); the composition root passes process.env. */
  env: Readonly<Record<string, string | undefined>>;
  /** Used when a call gives no timeout. */
  defaultTimeoutMs?: number;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export class ExecCommandRunner implements CommandRunner {
  constructor(private readonly options: ExecCommandRunnerOptions) {}

  run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 5_000;
    return new Promise<RunResult>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new AppError('CANCELLED', 'The paste was cancelled.'));
        return;
      }
      const child = spawn(file, [...args], {
        env: { ...this.options.env },
        stdio: ['pipe', options.detached ? 'ignore' : 'pipe', options.detached ? 'ignore' : 'pipe'],
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let settled = false;
      const finish = (action: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        action();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() => reject(new AppError('TIMEOUT', `${file} did not finish within ${timeoutMs} ms and was stopped.`, { details: { file } })));
      }, timeoutMs);
      const onAbort = (): void => {
        child.kill('SIGKILL');
        finish(() => reject(new AppError('CANCELLED', 'The paste was cancelled.')));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (chunk: Buffer) => {
        outBytes += chunk.length;
        if (outBytes > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
        else out.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT';
        finish(() =>
          reject(
            new AppError(missing ? 'UNAVAILABLE' : 'INTERNAL', missing ? `${file} is not installed.` : `${file} could not be started: ${error.message}`, {
              cause: error,
              retryable: false,
              details: { file, reason: missing ? 'no-tool' : 'failed' },
            }),
          ),
        );
      });
      // 'close' waits for stdio to end; with detached output there is none, and the forked helper must not be awaited.
      child.on(options.detached ? 'exit' : 'close', (code: number | null, signal: NodeJS.Signals | null) => {
        const bytes = Buffer.concat(out);
        finish(() => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr: Buffer.concat(err).toString('utf8') }));
      });
      // A tool that exits without reading its input raises EPIPE on stdin: the exit code tells the story.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input ?? '');
    });
  }
}
