// The real CommandRunner against real processes: missing tools, hung tools, and helpers that outlive the tool (xclip -i).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { ExecCommandRunner } from '../../main/hosts/electron/insert/exec-command-runner.js';

const skip = process.platform === 'win32';
if (skip) console.log('insert-command-runner: skipped, the test drives /bin/sh');

const dir = mkdtempSync(join(tmpdir(), 'vcg-runner-'));
const runner = new ExecCommandRunner({ env: { PATH: process.env.PATH } });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('running paste tools', () => {
  it.skipIf(skip)('gives stdout, stderr, stdin and a non-zero exit code back without throwing', async () => {
    const result = await runner.run('sh', ['-c', 'cat; echo oops >&2; exit 4'], { input: 'line 1\nline 2' });
    expect(result).toMatchObject({ exitCode: 4, stdout: 'line 1\nline 2', stderr: 'oops\n' });
  });

  it.skipIf(skip)('says a tool is not installed with a reason the inserters recognise', async () => {
    const error = await runner.run('vcg-no-such-tool', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'no-tool' } });
  });

  it.skipIf(skip)('stops a tool that hangs', async () => {
    await expect(runner.run('sleep', ['30'], { timeoutMs: 100 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it.skipIf(skip)('returns when a detached tool exits while the helper it forked keeps running', async () => {
    const pidFile = join(dir, 'helper.pid');
    // Like xclip -i: the tool exits, its forked child keeps serving. Without `detached` the child's inherited
    // stdout would keep the call open until the child ends.
    const result = await runner.run('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; exit 0`], { detached: true });
    expect(result.exitCode).toBe(0);
    const helper = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(helper)).toBe(true);
    process.kill(helper, 'SIGTERM');
  });
});
