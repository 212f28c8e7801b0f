// The voice-codegen CLI contract, run as a user runs it (node dist/cli/voice-codegen.js) against the simulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { CLI, runCli, type CliResult } from '../support/cli-run.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';

describe('voice-codegen CLI', () => {
  let sim: GeminiSimulator;
  let dataDir: string;

  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { VOICE_CODEGEN_DATA_DIR: dataDir, ...env });
  const withSim = (): Record<string, string> => ({ GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });

  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-cli-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the generated code on stdout', async () => {
    const r = await cli(['--text', 'write a debounce function in typescript', '--no-cache'], withSim());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/function debounce/);
    expect(r.stdout).not.toContain('```');
  });

  it('prints every event and the stage timings as JSON lines with --json', async () => {
    const r = await cli(['--json', '--text', 'write a debounce function in typescript', '--no-cache'], withSim());
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.type === 'intent')).toMatchObject({ intent: 'generate_function', slots: { language: 'typescript' } });
    expect(lines.some((l) => l.type === 'code.chunk')).toBe(true);
    const last = lines.at(-1);
    expect(last).toMatchObject({ type: 'timings', stages: { transcription: 0 } });
    for (const stage of ['intent', 'generation', 'total']) expect((last?.stages as Record<string, number>)[stage]).toBeGreaterThan(0);
  });

  it('prints the intent without a key or a Gemini call with --intent-only', async () => {
    const before = sim.stats().rest.requests.length;
    const r = await cli(['--intent-only', '--json', '--lang', 'python', '--text', 'write a class called user repository']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ type: 'intent', intent: 'generate_class', slots: { language: 'python', name: 'UserRepository' } });
    expect(sim.stats().rest.requests.length).toBe(before);
  });

  it('says how to get a key when there is none, and exits 1', async () => {
    const r = await cli(['--text', 'write a function']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GEMINI_API_KEY/);
    expect(r.stderr).toMatch(/npm run gemini-sim/);
    expect(r.stderr).not.toMatch(/Settings/);
  });

  it('exits 2 on bad usage with the usage text', async () => {
    const r = await cli(['--text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: voice-codegen/);
  });
});

describe('voice-codegen --audio', () => {
  let sim: GeminiSimulator;
  let dataDir: string;
  beforeAll(async () => {
    sim = await startGeminiSimulator({ profile: 'instant' });
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-cli-audio-'));
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[]): Promise<CliResult> => runCli(args, { VOICE_CODEGEN_DATA_DIR: dataDir, GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl }, 60_000);

  it('transcribes an espeak-ng recording and prints code for it', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    // A small recording goes to the batch model in one compressed (Ogg Opus) request; this fixture has no
    // identifying tone, so the simulator answers with its default transcript.
    sim.setDefaultTranscript({ final: 'write a function that reverses a string in python' });
    const wav = speechWav('write a function that reverses a string in python', { rate: 48000 });
    const r = await cli(['--audio', wav, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.type === 'transcript.final')).toMatchObject({ text: 'write a function that reverses a string in python' });
    expect(lines.find((l) => l.type === 'result')).toMatchObject({ result: { language: 'python', complete: true } });
    expect(sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBe(1);
    const plain = await cli(['--audio', wav, '--no-cache']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/def /);
  });

  it('prints the intent of a recording with --intent-only', async () => {
    const wav = speechWav('write a function that reverses a string in python', { rate: 16000 });
    const r = await cli(['--audio', wav, '--intent-only', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ type: 'intent', intent: 'generate_function', slots: { language: 'python' } });
  });

  it('says what is wrong with a file that is not a WAV', async () => {
    const r = await cli(['--audio', CLI]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BAD_AUDIO|WAV|RIFF/i);
  });
});
