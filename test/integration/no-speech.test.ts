// No code from silence (issue 23): three seconds of silence or of quiet brown noise, spoken or given to the CLI's
// --audio, end in "Didn't catch that" and no generation request reaches the simulator; so does the simulator's phantom
// "Thank you." heard in near-silence.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeToPcm16 } from '../../main/audio/audio-tasks.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { speakAndCollect } from '../support/fault-helpers.js';
import { chunks100ms } from '../support/speech-pcm.js';
import { FIXTURE_CACHE, speechToolsAvailable } from '../support/speech.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/cli/voice-codegen.js');

/** The recordings, made with sox (cached like the speech fixtures). */
const RECORDINGS = {
  silence: ['-n', '-r', '16000', '-b', '16', '-c', '1', 'OUT', 'trim', '0', '3'],
  'quiet noise': ['-n', '-r', '16000', '-b', '16', '-c', '1', 'OUT', 'synth', '3', 'brownnoise', 'vol', '0.02'],
  // Half a second of a hiss in near-silence: an energy detector hears 0.5 s of "voice"; a speech model would say "Thank you.".
  'a breath': ['-n', '-r', '16000', '-b', '16', '-c', '1', 'OUT', 'synth', '0.5', 'whitenoise', 'vol', '0.1', 'pad', '1.5', '1'],
} as const;
type Recording = keyof typeof RECORDINGS;

function soxWav(name: Recording): string {
  mkdirSync(FIXTURE_CACHE, { recursive: true });
  const out = join(FIXTURE_CACHE, `no-speech-${name.replace(/\s+/g, '-')}.wav`);
  if (existsSync(out)) return out;
  const tmp = `${out}.tmp.wav`;
  execFileSync('sox', RECORDINGS[name].map((a) => (a === 'OUT' ? tmp : a)), { timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] });
  renameSync(tmp, out);
  return out;
}

function pcmOf(name: Recording): Uint8Array[] {
  const bytes = readFileSync(soxWav(name));
  return chunks100ms(new Uint8Array(decodeToPcm16(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).pcm16));
}

/** Code generation calls the simulator saw (transcription calls are not generation). */
function generationRequests(sim: GeminiSimulator): number {
  return sim.stats().rest.requests.filter((r) => !/transcribe/.test(r.model)).length;
}

describe('no code from silence', { timeout: 60_000 }, () => {
  let h: Harness;

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness({ prewarm: true });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
  });

  it.each(['silence', 'quiet noise'] as const)('three seconds of %s, spoken, end in "Didn\'t catch that" with no generation request', async (name) => {
    const { events, thrown } = await speakAndCollect(h, pcmOf(name));
    expect(thrown).toMatchObject({ code: 'NO_SPEECH' });
    expect((thrown as Error).message).toMatch(/^Didn't catch that/);
    // The advice fits push-to-talk (the default hotkey mode).
    expect((thrown as Error).message).toMatch(/Hold the hotkey/);
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ error: { code: 'NO_SPEECH' } });
    expect(events.some((e) => e.type === 'transcript.final' || e.type === 'code.chunk' || e.type === 'result')).toBe(false);
    expect(generationRequests(h.sim)).toBe(0);
    // Not even a transcript was asked for: the Live turn was never ended with activityEnd, and no REST fallback ran.
    expect(h.sim.stats().live.activityEnds).toBe(0);
    expect(h.sim.stats().rest.requests).toHaveLength(0);
  });

  it('the simulator\'s phantom "Thank you." in near-silence is dropped, spoken', async () => {
    h.sim.injectFault({ kind: 'phantom-transcript' });
    const { events, thrown } = await speakAndCollect(h, pcmOf('a breath'));
    // The phantom did come back from Live: the guard dropped it, generation never started.
    expect(h.sim.stats().live.turns.at(-1)?.transcript).toBe('Thank you.');
    expect(thrown).toMatchObject({ code: 'NO_SPEECH' });
    expect((thrown as Error).message).toMatch(/^Didn't catch that.*"Thank you\."/);
    expect(events.some((e) => e.type === 'code.chunk' || e.type === 'result')).toBe(false);
    expect(generationRequests(h.sim)).toBe(0);
  });

  it('in the browser the advice is about the button', async () => {
    // The router is the browser's door: a web host's page dictates with its button, and the advice says so.
    const web = await startHarness({ simulator: h.sim, host: 'web' });
    try {
      const outcome = await web.app.router.call('dictation.start', {}, { clientId: 'page' });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const started = outcome.result as { requestId: number };
      for (const chunk of pcmOf('silence')) web.app.onAudio(started.requestId, chunk, 'page');
      const failed = new Promise<{ code: string; message: string }>((resolve) => {
        const off = web.app.events.subscribe((name, payload) => {
          const { requestId, event } = payload as { requestId: number; event: { type: string; error?: { code: string; message: string } } };
          if (name === 'pipeline.event' && requestId === started.requestId && event.type === 'error' && event.error) {
            off();
            resolve(event.error);
          }
        });
      });
      await web.app.router.call('dictation.stop', { requestId: started.requestId }, { clientId: 'page' });
      const error = await failed;
      expect(error.code).toBe('NO_SPEECH');
      expect(error.message).toMatch(/Hold the button/);
      expect(generationRequests(h.sim)).toBe(0);
    } finally {
      await web.close();
    }
  });
});

describe('no code from silence: voice-codegen --audio', { timeout: 60_000 }, () => {
  let h: Harness;
  let dataDir: string;

  const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', VOICE_CODEGEN_DATA_DIR: dataDir, GEMINI_API_KEY: h.sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: h.sim.baseUrl },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness();
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-no-speech-'));
  });
  afterAll(async () => {
    await h?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
  });

  it.each(['silence', 'quiet noise'] as const)('three seconds of %s given to --audio: "Didn\'t catch that", exit 1, nothing sent', async (name) => {
    const r = await cli(['--audio', soxWav(name), '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Didn't catch that/);
    expect(r.stderr).toMatch(/right file/);
    expect(r.stderr).toContain('[NO_SPEECH]');
    // Never sent for transcription either: the recording was known to be empty before any call.
    expect(h.sim.stats().rest.requests).toHaveLength(0);
  });

  it('the phantom "Thank you." from a batch transcription of near-silence is dropped', async () => {
    h.sim.injectFault({ kind: 'phantom-transcript' });
    const r = await cli(['--audio', soxWav('a breath'), '--no-cache', '--json']);
    expect(r.code).toBe(1);
    expect(h.sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBe(1);
    expect(generationRequests(h.sim)).toBe(0);
    expect(r.stderr).toMatch(/Didn't catch that.*"Thank you\."/);
    const lines = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.type === 'error')).toMatchObject({ code: 'NO_SPEECH' });
  });
});
