// `voice-codegen dict ...` run as a user runs it: on the app's data folder, read by --intent-only and by --audio's transcription.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { runCli, type CliResult } from '../support/cli-run.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';

describe('voice-codegen dict', () => {
  let dataDir: string;
  let sim: GeminiSimulator;

  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => runCli(args, { VOICE_CODEGEN_DATA_DIR: dataDir, ...env });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-dict-'));
    sim = await startGeminiSimulator({ profile: 'instant' });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dict add with --sounds-like, then --intent-only --json shows the replaced transcript', async () => {
    const added = await cli(['dict', 'add', 'kubectl', '--sounds-like', 'cube control']);
    expect(added).toMatchObject({ code: 0, stderr: 'Added kubectl (sounds like "cube control").\n' });
    const r = await cli(['--intent-only', '--json', '--text', 'cube control get pods']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ type: 'intent', transcript: 'kubectl get pods', intent: 'generate_shell' });
    // Asking the request path to add a word saves nothing and asks no Gemini: it says how to add it.
    const before = sim.stats().rest.requests.length;
    const asked = await cli(['--text', 'add Terraform to my dictionary'], { GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });
    expect(asked).toMatchObject({ code: 0, stdout: '', stderr: 'voice-codegen: nothing was added. To add "Terraform": voice-codegen dict add "Terraform" [--sounds-like "..."]\n' });
    expect(sim.stats().rest.requests.length).toBe(before);
  });

  it('dict list, import, export and remove work on the same data', async () => {
    expect((await cli(['dict', 'add', 'kubectl', '--sounds-like', 'cube control'])).code).toBe(0);
    const file = join(dataDir, 'terms.csv');
    writeFileSync(file, 'term,spoken form\nPostgres,post gres\nTypeScript\n');
    expect(await cli(['dict', 'import', file])).toMatchObject({ code: 0, stderr: 'Imported 2 entries (2 new).\n' });
    expect((await cli(['dict', 'list'])).stdout).toBe('kubectl\tcube control\nPostgres\tpost gres\nTypeScript\n');
    const exported = await cli(['dict', 'export']);
    expect(exported.stdout).toBe('term,spoken form\nkubectl,cube control\nPostgres,post gres\nTypeScript\n');
    expect(await cli(['dict', 'remove', 'TypeScript'])).toMatchObject({ code: 0 });
    expect(await cli(['dict', 'remove', 'TypeScript'])).toMatchObject({ code: 1, stderr: expect.stringContaining('is not in the dictionary') });
    // Exported text imports back: nothing new.
    writeFileSync(file, exported.stdout);
    expect(await cli(['dict', 'import', file])).toMatchObject({ code: 0, stderr: 'Imported 3 entries (1 new).\n' });
  });

  it('a bad import names its lines and changes nothing; usage errors exit 2', async () => {
    const file = join(dataDir, 'bad.csv');
    writeFileSync(file, 'good one\n"open\nx,y,z\n');
    const r = await cli(['dict', 'import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: a double quote is not closed; line 3: 3 fields/);
    expect((await cli(['dict', 'list'])).stdout).not.toContain('good one');
    expect((await cli(['dict', 'frobnicate'])).code).toBe(2);
    expect((await cli(['dict', 'list', '--sounds-like', 'x'])).code).toBe(2);
    expect((await cli(['dict', 'import', join(dataDir, 'missing.csv')])).stderr).toMatch(/cannot be read/);
    const help = await cli(['dict', '--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('dict add TERM [--sounds-like PHRASE]') });
    expect((await cli(['--help'])).stdout).toContain('voice-codegen dict add|list|remove|import|export');
  });

  it('--audio sends the dictionary terms as the batch transcription vocabulary and replaces spoken forms', async (ctx) => {
    if (!speechToolsAvailable()) {
      ctx.skip('espeak-ng and sox are not installed (the README test line installs them)');
      return;
    }
    expect((await cli(['dict', 'add', 'kubectl', '--sounds-like', 'cube control'])).code).toBe(0);
    expect((await cli(['dict', 'add', 'Postgres'])).code).toBe(0);
    const wav = speechWav('cube control get pods');
    sim.setDefaultTranscript({ final: 'cube control get pods' });
    const r = await cli(['--audio', wav, '--intent-only', '--json'], { GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });
    expect(r.stderr).toBe('Heard: "kubectl get pods"\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n')[0] as string)).toEqual({ type: 'transcript.final', text: 'kubectl get pods' });
    const batch = sim.stats().rest.requests.find((q) => q.model === 'gemini-3.5-transcribe');
    expect(batch?.customVocabulary).toEqual(expect.arrayContaining(['kubectl', 'Postgres']));
  });
});
