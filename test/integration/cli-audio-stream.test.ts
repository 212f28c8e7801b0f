// Issue 18: `voice-codegen --audio /dev/zero` read without end (5.7 GB RSS). The CLI now reads --audio as a stream,
// stops at the size cap and exits 2 with a clear message, quickly and with bounded memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'dist/cli/voice-codegen.js');
/** Past this the child is killed and the test fails: the old CLI would have grown until the machine ran out. */
const RSS_LIMIT_BYTES = 1024 * 1024 * 1024;

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
  peakRssBytes: number | null;
  killedForMemory: boolean;
}

function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function runCli(args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peak: number | null = null;
    let killedForMemory = false;
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 10_000) stderr += d.toString('utf8');
    });
    const watch = setInterval(() => {
      const rss = child.pid !== undefined ? rssOf(child.pid) : null;
      if (rss !== null) peak = Math.max(peak ?? 0, rss);
      if (rss !== null && rss > RSS_LIMIT_BYTES) {
        killedForMemory = true;
        child.kill('SIGKILL');
      }
    }, 10);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started, peakRssBytes: peak, killedForMemory });
    });
  });
}

describe('voice-codegen --audio from an endless stream', { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-cli-stream-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.skipIf(!existsSync('/dev/zero'))('stops at the size cap: exit 2, a message naming the file and the limit, bounded memory', async () => {
    const r = await runCli(['--audio', '/dev/zero'], { VOICE_CODEGEN_DATA_DIR: dataDir, GEMINI_API_KEY: 'unused-key-1234' }, 30_000);
    console.log(`--audio /dev/zero: exit ${r.code} after ${r.ms} ms, peak RSS ${r.peakRssBytes === null ? 'unknown' : `${Math.round(r.peakRssBytes / 1048576)} MB`}`);
    expect(r.killedForMemory).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero');
    expect(r.stderr).toMatch(/200 MB/);
    if (r.peakRssBytes !== null) expect(r.peakRssBytes).toBeLessThan(RSS_LIMIT_BYTES);
  });

  it('a missing file is named, with exit 1 as before', async () => {
    const r = await runCli(['--audio', join(dataDir, 'missing.wav')], { VOICE_CODEGEN_DATA_DIR: dataDir }, 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.wav');
  });
});
