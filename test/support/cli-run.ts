// Runs the built voice-codegen CLI (or a shell around it) as a user does, with a clean environment, for the CLI tests.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The built CLI (node scripts/build.mjs writes it; vitest's global setup builds what is stale). */
export const CLI = join(process.cwd(), 'dist/cli/voice-codegen.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file` with `args` and an environment of PATH and `env` only (no inherited key, data dir or Redis). A non-zero
 * exit is returned as `code`, not thrown; -1 when it did not exit by itself (killed at `timeoutMs`).
 */
export async function runProgram(file: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(file, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Runs the CLI under this Node with `args`, as runProgram does. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliResult> {
  return runProgram(process.execPath, [CLI, ...args], env, timeoutMs);
}
