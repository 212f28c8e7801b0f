// The CLI's syntax check, run as a user runs it (node dist/cli/voice-codegen.js) against the simulator: exit 3 when the code still does not parse.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/cli/voice-codegen.js');
const CODEGEN = DEFAULT_MODELS.codegen;

describe('voice-codegen CLI syntax check', () => {
  let sim: GeminiSimulator;
  let dataDir: string;

  const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env = { PATH: process.env.PATH ?? '', VOICE_CODEGEN_DATA_DIR: dataDir, GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl };
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
  const codegenCalls = () => sim.stats().rest.requests.filter((r) => r.model === CODEGEN).length;

  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-cli-check-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sim.clearFaults();
    sim.resetStats();
  });

  it('exits 3 when the repair fails too: the code on stdout, the errors as line:column on stderr', async () => {
    sim.injectFault({ kind: 'syntax-error', mode: 'brace', count: 2, model: CODEGEN });
    const r = await cli(['--text', 'write a typescript function that sums the invoice lines', '--no-cache']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/export function/);
    expect(r.stderr).toMatch(/does not parse as typescript \(also after a repair request\): 1 syntax error/);
    expect(r.stderr).toMatch(/^\d+:\d+: missing }$/m);
    expect(codegenCalls()).toBe(2);
  });

  it('exits 0 after a successful repair', async () => {
    sim.injectFault({ kind: 'syntax-error', mode: 'prose', count: 1, model: CODEGEN });
    const r = await cli(['--text', 'write a python function that sums the invoice lines', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/This function adds/);
    expect(r.stderr).toBe('');
    expect(codegenCalls()).toBe(2);
  });

  it('--no-check prints the broken code and exits 0 without a repair request; --help documents exit 3', async () => {
    sim.injectFault({ kind: 'syntax-error', mode: 'prose', count: 1, model: CODEGEN });
    const r = await cli(['--text', 'write a python function that sums the invoice lines', '--no-cache', '--no-check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/This function adds/);
    expect(codegenCalls()).toBe(1);
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/--no-check/);
    expect(help.stdout).toMatch(/3 the code still does not parse/);
  });
});
