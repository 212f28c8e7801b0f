// The audio worker pool with real Piscina workers on real espeak-ng recordings: the two jobs the app sends (a recorded
// WAV prepared for upload, a kept utterance encoded for the REST fallback), moved buffers, errors, cancel.
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
  it('turns a 48 kHz stereo 24-bit recording into 16 kHz PCM and Opus, moving the input', async () => {
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
    expect(new TextDecoder().decode(new Uint8Array(result.encoded?.ogg ?? new ArrayBuffer(0), 0, 4))).toBe('OggS');
    expect(result.pcm16.byteLength / (result.encoded?.ogg.byteLength ?? Infinity)).toBeGreaterThanOrEqual(4);
  });

  it('prepares a 32-bit float WAV without encoding when asked', async () => {
    const floatWav = join(dir, 'float.wav');
    execFileSync('sox', [speechWav(SENTENCE, { rate: 44100 }), '-e', 'floating-point', '-b', '32', floatWav]);
    const audio = await pool.prepare(readFileSync(floatWav), { encode: false });
    expect(audio.source.encoding).toBe('float');
    expect(audio.encoded).toBeUndefined();
    expect(audio.pcm16.byteLength).toBe(Math.round(audio.durationSec * 16000) * 2);
  });

  it('encodes the audio kept from a Live session as Ogg Opus for the REST fallback', async () => {
    const audio = await pool.prepare(readFileSync(speechWav(SENTENCE, { rate: 48000 })), { encode: false });
    const kept = new UtteranceBuffer();
    const pcm = new Uint8Array(audio.pcm16);
    for (let at = 0; at < pcm.byteLength; at += 3200) kept.append(pcm.subarray(at, at + 3200));
    const upload = await pool.encodeForUpload(kept.concat(), 16000, new AbortController().signal);
    expect(upload.mimeType).toBe('audio/ogg');
    expect(new TextDecoder().decode(upload.data.subarray(0, 4))).toBe('OggS');
    expect(upload.data.byteLength * 4).toBeLessThan(kept.byteLength);
  });

  it('keeps the BAD_AUDIO code and message of a file it cannot read', async () => {
    const error = await pool.prepare(new TextEncoder().encode('not a wav file at all')).catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_AUDIO');
    expect((error as AppError).message).toMatch(/RIFF\/WAVE/);
  });

  it('refuses input over the size limit before doing any work', async () => {
    const small = new AudioWorkerPool({ filename: WORKER, maxInputBytes: 1000 });
    try {
      await expect(codeOf(small.prepare(new Uint8Array(2000)))).resolves.toBe('INPUT_TOO_LARGE');
      expect(small.stats().completed).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('cancels a job whose signal aborts, and keeps serving others', async () => {
    const aborted = AbortSignal.abort();
    await expect(codeOf(pool.prepare(readFileSync(speechWav(SENTENCE)), {}, aborted))).resolves.toBe('CANCELLED');
    const controller = new AbortController();
    const long = new Uint8Array(16000 * 2 * 60); // a minute of audio keeps a worker busy long enough to abort it mid-job
    const job = pool.encodeForUpload(long, 16000, controller.signal);
    controller.abort();
    await expect(codeOf(job)).resolves.toBe('CANCELLED');
    const after = await pool.encodeForUpload(new Uint8Array(3200), 16000, new AbortController().signal);
    expect(new TextDecoder().decode(after.data.subarray(0, 4))).toBe('OggS');
  });

  it('lets idle workers exit', async () => {
    const idle = new AudioWorkerPool({ filename: WORKER, idleTimeoutMs: 20 });
    try {
      await idle.encodeForUpload(new Uint8Array(3200), 16000, new AbortController().signal);
      for (let i = 0; i < 200 && idle.stats().threads > 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(idle.stats().threads).toBe(0);
    } finally {
      await idle.close();
    }
  });
});
