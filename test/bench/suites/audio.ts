// Suite audio: how much faster than real time the capture resampler and the Opus encoder run (one core each), and what
// the voice detector costs per microphone chunk.
import { readFileSync } from 'node:fs';
import { TARGET_RATE, StreamingResampler, floatToPcm16, pcm16ToFloat } from '../../../main/audio/dsp.js';
import { resampleToPcm16 } from '../../../main/audio/audio-tasks.js';
import { encodeOggOpus } from '../../../main/audio/ogg-opus.js';
import { decodeWav } from '../../../main/audio/wav.js';
import { VoiceActivity } from '../../../main/audio/voice-activity.js';
import { speechWav } from '../../support/speech.js';
import { stats } from '../harness.js';
import type { BenchContext } from '../harness.js';

const SENTENCE = 'Create a TypeScript function that parses a CSV file and returns an array of objects with typed fields';

/** Repeats a recording until it lasts at least `seconds`, so each sample times a realistic amount of audio. */
function loop(samples: Float32Array, rate: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.ceil(rate * seconds));
  for (let at = 0; at < out.length; at += samples.length) out.set(samples.subarray(0, Math.min(samples.length, out.length - at)), at);
  return out;
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Streams `audio` through a fresh resampler in 100 ms blocks, as the capture worklet's chunks arrive. */
function streamResample(audio: Float32Array, rate: number): number {
  const r = new StreamingResampler(rate, TARGET_RATE);
  const block = rate / 10;
  const out = new Float32Array(r.maxOutput(block));
  let produced = 0;
  for (let at = 0; at < audio.length; at += block) produced += r.processInto(audio.subarray(at, at + block), out, 0);
  return produced + r.flush().length;
}

export async function run(ctx: BenchContext): Promise<void> {
  const audioSec = 10;
  const results: Record<number, ReturnType<typeof stats>> = {};
  for (const rate of [48000, 44100]) {
    const speech = decodeWav(readFileSync(speechWav(SENTENCE, { rate }))).channels[0] as Float32Array;
    const audio = loop(speech, rate, audioSec);
    for (let i = 0; i < 3; i++) streamResample(audio, rate); // warm-up: JIT the inner loop
    const ms: number[] = [];
    for (let s = 0; s < 30; s++) ms.push(timeMs(() => streamResample(audio, rate)));
    results[rate] = stats(ms);
  }
  const r48 = results[48000] as ReturnType<typeof stats>;
  const r44 = results[44100] as ReturnType<typeof stats>;
  ctx.record('audio.resample_x_realtime', {
    value: (audioSec * 1000) / r48.median,
    unit: 'x',
    better: 'higher',
    goal: 200,
    detail: {
      what: '48 kHz speech streamed in 100 ms blocks to 16 kHz (75 dB Kaiser windowed-sinc), audio seconds per wall second',
      median: r48.median,
      p99: r48.p99,
      unit_of_median: 'ms per 10 s of audio',
      x_realtime_at_p99: (audioSec * 1000) / r48.p99,
      from_44100: { median: r44.median, p99: r44.p99, x_realtime: (audioSec * 1000) / r44.median },
      samples: r48.n,
    },
  });

  const speech48 = decodeWav(readFileSync(speechWav(SENTENCE, { rate: 48000 })));
  const speech16 = pcm16ToFloat(resampleToPcm16(speech48.channels[0] as Float32Array, 48000));
  const pcm = floatToPcm16(loop(speech16, TARGET_RATE, audioSec));
  let bytes = 0;
  for (let i = 0; i < 2; i++) bytes = encodeOggOpus(pcm, TARGET_RATE).byteLength;
  const encodeMs: number[] = [];
  for (let s = 0; s < 25; s++) encodeMs.push(timeMs(() => encodeOggOpus(pcm, TARGET_RATE)));
  const e = stats(encodeMs);
  ctx.record('audio.encode_x_realtime', {
    value: (audioSec * 1000) / e.median,
    unit: 'x',
    better: 'higher',
    goal: 100,
    detail: {
      what: '16 kHz mono speech to Ogg Opus (opusscript wasm, 24 kbps, complexity 3, 60 ms frames), audio seconds per wall second',
      median: e.median,
      p99: e.p99,
      unit_of_median: 'ms per 10 s of audio',
      x_realtime_at_p99: (audioSec * 1000) / e.p99,
      pcm_to_opus_size_ratio: pcm.byteLength / bytes,
      samples: e.n,
    },
  });

  recordVad(ctx, pcm);
}

/** The voice detector runs on every 100 ms chunk of every dictation: its cost per chunk, and that it grows linearly. */
function recordVad(ctx: BenchContext, pcm: Int16Array): void {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const CHUNK = 3200;
  const chunks = Math.floor(bytes.byteLength / CHUNK);
  const vad = new VoiceActivity();
  for (let i = 0; i < 2000; i++) vad.pushBytes(bytes.subarray((i % chunks) * CHUNK, (i % chunks + 1) * CHUNK)); // warm-up
  const us: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const chunk = bytes.subarray((i % chunks) * CHUNK, (i % chunks + 1) * CHUNK);
    const t0 = process.hrtime.bigint();
    vad.pushBytes(chunk);
    us.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  const whole = (n: number): number => {
    const v = new VoiceActivity();
    return timeMs(() => {
      for (let i = 0; i < n; i++) v.pushBytes(bytes.subarray((i % chunks) * CHUNK, (i % chunks + 1) * CHUNK));
      v.summary();
    });
  };
  const tenSeconds = stats(Array.from({ length: 20 }, () => whole(100)));
  const hundredSeconds = stats(Array.from({ length: 20 }, () => whole(1000)));
  const s = stats(us);
  ctx.record('audio.vad_chunk_us', {
    value: s.p99,
    unit: 'us',
    better: 'lower',
    goal: 100,
    detail: {
      what: 'energy voice detector (20 ms frames, 1 dB histogram) on one 100 ms chunk of 16 kHz PCM16, p99',
      median: s.median, p99: s.p99, max: s.max, samples: s.n,
      // Minimums: the least preempted run (a shared 2-core machine slices a 10 ms run more often than a 1 ms one).
      ms_per_10s_audio_min: tenSeconds.min, ms_per_100s_audio_min: hundredSeconds.min,
      growth_10x_audio: hundredSeconds.min / tenSeconds.min,
    },
  });
}
