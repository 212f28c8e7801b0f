// The CLI as a terminal user meets it: languages checked, what was heard shown, advice for a terminal, piped code, readable timings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { CLI, runProgram, type CliResult } from '../support/cli-run.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';

describe('voice-codegen for a terminal user', () => {
  let sim: GeminiSimulator;
  let dataDir: string;
  const prompts: string[] = [];

  const exec = (file: string, args: string[], env: Record<string, string>): Promise<CliResult> => runProgram(file, args, { VOICE_CODEGEN_DATA_DIR: dataDir, ...env });
  const withSim = (): Record<string, string> => ({ GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });
  const cli = (args: string[], env: Record<string, string> = withSim()): Promise<CliResult> => exec(process.execPath, [CLI, ...args], env);
  /** Runs the CLI from bash, so stdin can be a real pipe (a FIFO) as in `cat file | voice-codegen`. */
  const shell = (script: string): Promise<CliResult> => exec('/bin/bash', ['-c', script], { ...withSim(), NODE: process.execPath, CLI });

  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    sim.setCodeAnswer((request) => {
      prompts.push(request.prompt);
      return 'Here you go.\n\n```python\ndef add(a, b):\n    return a + b\n```\n';
    });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-cli-use-'));
  });
  beforeEach(() => {
    prompts.length = 0;
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an unknown --lang with exit 2 and lists the languages; aliases still work', async () => {
    const bad = await cli(['--lang', 'klingon', '--text', 'write a function']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown language "klingon"/);
    expect(bad.stderr).toMatch(/typescript, javascript, python, go, rust, java/);
    for (const [alias, id] of [['ts', 'typescript'], ['py', 'python'], ['golang', 'go'], ['shell', 'bash']]) {
      const r = await cli(['--intent-only', '--json', '--lang', alias as string, '--text', 'write a python function that adds two numbers'], {});
      expect(r.code, alias).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ slots: { language: id } });
    }
  });

  it('--audio says on stderr what was heard', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    sim.setDefaultTranscript({ final: 'write a function that adds two numbers in python' });
    const wav = speechWav('write a function that adds two numbers in python', { rate: 16000 });
    const r = await cli(['--audio', wav, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Heard: "write a function that adds two numbers in python"');
    expect(r.stdout).toMatch(/def add/);
  });

  it('gives terminal advice: the env variable for a rejected key, the host for an unreachable endpoint', async () => {
    const rejected = await cli(['--text', 'write a python function that adds two numbers', '--no-cache'], { GEMINI_API_KEY: 'not-a-real-key', VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/rejected the API key\. Check GEMINI_API_KEY/);
    expect(rejected.stderr).not.toMatch(/Settings|microphone/i);

    // A port nobody listens on: taken, then released.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = await cli(['--text', 'write a python function that adds two numbers', '--no-cache'], { GEMINI_API_KEY: 'k', VOICE_CODEGEN_GEMINI_BASE_URL: `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`127.0.0.1:${port}`);
    expect(down.stderr).not.toMatch(/Settings|Live connection/i);
  });

  it('piped code is the code a request acts on, and --code FILE does the same', async () => {
    const piped = await shell(`printf 'def add(a, b):\\n    return a - b\\n' | "$NODE" "$CLI" --text "fix the error in this code" --no-cache`);
    expect(piped.code, piped.stderr).toBe(0);
    expect(prompts.at(-1)).toContain('return a - b');

    const file = join(dataDir, 'sub.py');
    writeFileSync(file, 'def sub(a, b):\n    return a + b\n');
    const r = await cli(['--code', file, '--text', 'explain this code', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(prompts.at(-1)).toContain('return a + b');
  });

  it('a request that does not act on code never waits on stdin, even when a pipe stays open', async () => {
    // stdin is a FIFO whose writer lives 60 s: reading it would hang the CLI past the 30 s limit.
    const fifo = join(dataDir, 'stdin.fifo');
    const r = await shell(`mkfifo '${fifo}'; sleep 60 > '${fifo}' 2>/dev/null & w=$!; "$NODE" "$CLI" --text "write a python function that adds two numbers" --no-cache < '${fifo}'; s=$?; kill $w; exit $s`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/def add/);
  });

  it('bad --code input exits 2 and says why: a missing file, a binary file', async () => {
    const missing = await cli(['--code', join(dataDir, 'nope.py'), '--text', 'explain this code']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read --code .*nope\.py/);
    const binary = join(dataDir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    const r = await cli(['--code', binary, '--text', 'explain this code']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary file/);
  });

  it('--json stage times are rounded to 0.1 ms', async () => {
    const r = await cli(['--json', '--text', 'write a python function that adds two numbers', '--no-cache']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; stages?: Record<string, number>; result?: { timings: Record<string, number> } });
    const stages = [lines.find((l) => l.type === 'timings')?.stages, lines.find((l) => l.type === 'result')?.result?.timings];
    for (const set of stages) {
      expect(set).toBeDefined();
      for (const ms of Object.values(set ?? {})) expect(Math.abs(ms * 10 - Math.round(ms * 10))).toBeLessThan(1e-9);
    }
  });
});
