// The audio worker pool with real Piscina workers on real espeak-ng recordings: results, moved buffers, errors, cancel.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioWorkerPool } from '../../main/audio/audio-worker-pool.js';
import { UtteranceBuffer } from '../../main/audio/utterance-buffer.js';
import { decodeWav } from '../../main/audio/wav.js';
import { AppError } from '../../main/core/errors.js';
import { speechWav } from '../support/speech.js';
import { WORKERS_DIR } from '../support/app-harness.js';

// The worker scripts/build.mjs built (vitest's global setup builds what is stale before any test).
const WORKER = join(WORKERS_DIR, 'audio.js');
const SENTENCE = 'Create a React component that shows a list of users';
let pool: AudioWorkerPool;
const dir = mkdtempSync(join(tmpdir(), 'audio-pool-'));

beforeAll(() => {
  pool = new AudioWorkerPool({ filename: WORKER });
});
afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return 'no error';
}

describe('AudioWorkerPool', () => {
  it('turns a 48 kHz stereo 24-bit recording into 16 kHz PCM, speech segments and Opus, moving the input', async () => {
    const file = readFileSync(speechWav(SENTENCE, { rate: 48000, channels: 2, bits: 24 }));
    const input = new Uint8Array(file); // a buffer of its own, so it is moved rather than copied
    const sourceFrames = decodeWav(file).frames;
    const sourceSec = sourceFrames / 48000;
    const result = await pool.prepare(input);
    expect(input.byteLength).toBe(0); // transferred to the worker, not copied
    expect(result.source).toMatchObject({ sampleRate: 48000, channelCount: 2, bitsPerSample: 24 });
    expect(result.sampleRate).toBe(16000);
    expect(result.durationSec).toBeCloseTo(sourceSec, 2);
    expect(result.pcm16.byteLength).toBe(Math.ceil(sourceFrames / 3) * 2);
    expect(result.analysis.segments.length).toBeGreaterThan(0);
    expect(result.analysis.speechSec).toBeGreaterThan(1);
    expect(result.analysis.speechSec).toBeLessThanOrEqual(result.durationSec);
    expect(new TextDecoder().decode(new Uint8Array(result.encoded?.ogg ?? new ArrayBuffer(0), 0, 4))).toBe('OggS');
    expect(result.pcm16.byteLength / (result.encoded?.ogg.byteLength ?? Infinity)).toBeGreaterThanOrEqual(4);
  });

  it('decodes 32-bit float WAV and encodes (Opus, FLAC) and analyses PCM as separate jobs', async () => {
    const floatWav = join(dir, 'float.wav');
    execFileSync('sox', [speechWav(SENTENCE, { rate: 44100 }), '-e', 'floating-point', '-b', '32', floatWav]);
    const audio = await pool.decode(readFileSync(floatWav));
    expect(audio.source.encoding).toBe('float');
    const kept = audio.pcm16.slice(0);
    const forFlac = audio.pcm16.slice(0);
    const [encoded, analysis] = await Promise.all([pool.encodeOpus(audio.pcm16), pool.analyse(kept)]);
    expect(encoded.mimeType).toBe('audio/ogg');
    expect(encoded.durationSec).toBeCloseTo(audio.durationSec, 3);
    expect(analysis.durationSec).toBeCloseTo(audio.durationSec, 3);
    expect(analysis.rmsDb).toBeLessThan(0);
    const lossless = await pool.encodeLossless(forFlac);
    expect(lossless.mimeType).toBe('audio/flac');
    expect(new TextDecoder().decode(new Uint8Array(lossless.flac, 0, 4))).toBe('fLaC');
  });

  it('encodes the audio kept from a Live session as Ogg Opus for the REST fallback', async () => {
    const audio = await pool.decode(readFileSync(speechWav(SENTENCE, { rate: 48000 })));
    const kept = new UtteranceBuffer();
    const pcm = new Uint8Array(audio.pcm16);
    for (let at = 0; at < pcm.byteLength; at += 3200) kept.append(pcm.subarray(at, at + 3200));
    const upload = await pool.encodeForUpload(kept.concat(), 16000, new AbortController().signal);
    expect(upload.mimeType).toBe('audio/ogg');
    expect(new TextDecoder().decode(upload.data.subarray(0, 4))).toBe('OggS');
    expect(upload.data.byteLength * 4).toBeLessThan(kept.byteLength);
  });

  it('resamples float samples at any rate to 16 kHz PCM16', async () => {
    const samples = new Float32Array(44100).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));
    const pcm = await pool.resample(samples, 44100);
    expect(pcm.byteLength).toBe(16000 * 2);
  });

  it('keeps the BAD_AUDIO code and message of a file it cannot read', async () => {
    const error = await pool.decode(new TextEncoder().encode('not a wav file at all')).catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_AUDIO');
    expect((error as AppError).message).toMatch(/RIFF\/WAVE/);
  });

  it('refuses input over the size limit before doing any work', async () => {
    const small = new AudioWorkerPool({ filename: WORKER, maxInputBytes: 1000 });
    try {
      await expect(codeOf(small.decode(new Uint8Array(2000)))).resolves.toBe('INPUT_TOO_LARGE');
      expect(small.stats().completed).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('cancels a job whose signal aborts, and keeps serving others', async () => {
    const aborted = AbortSignal.abort();
    await expect(codeOf(pool.decode(readFileSync(speechWav(SENTENCE)), aborted))).resolves.toBe('CANCELLED');
    const controller = new AbortController();
    const long = new Float32Array(48000 * 60); // a minute of audio keeps a worker busy long enough to abort it mid-job
    const job = pool.resample(long, 48000, controller.signal);
    controller.abort();
    await expect(codeOf(job)).resolves.toBe('CANCELLED');
    const after = await pool.resample(new Float32Array(4800), 48000);
    expect(after.byteLength).toBe(1600 * 2);
  });

  it('lets idle workers exit', async () => {
    const idle = new AudioWorkerPool({ filename: WORKER, idleTimeoutMs: 20 });
    try {
      await idle.resample(new Float32Array(480), 48000);
      for (let i = 0; i < 200 && idle.stats().threads > 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(idle.stats().threads).toBe(0);
    } finally {
      await idle.close();
    }
  });
});
