// The audio worker's jobs as plain functions on buffers (decode a WAV, encode Ogg Opus), shared by the worker and tests.
import { AppError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';
import { StreamingResampler, TARGET_RATE, downmixPlanar, floatToPcm16 } from './dsp.js';
import { encodeOggOpus } from './ogg-opus.js';
import type { OggOpusOptions } from './ogg-opus.js';
import { decodeWav } from './wav.js';
import { voiceActivity } from './voice-activity.js';

/** What a worker task posts back: AppError codes survive the thread hop this way (thrown errors lose them). */
export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export interface Pcm16Audio {
  /** 16 kHz mono PCM16, little-endian. */
  pcm16: ArrayBuffer;
  sampleRate: number;
  durationSec: number;
  source: { sampleRate: number; channelCount: number; bitsPerSample: number; encoding: 'pcm' | 'float'; truncated: boolean };
  /** Milliseconds of voice in it (voice-activity.ts): under 300 ms it is not sent for transcription. */
  voicedMs?: number;
}

export interface EncodedAudio {
  /** A complete Ogg Opus file. */
  ogg: ArrayBuffer;
  mimeType: 'audio/ogg';
  durationSec: number;
}

export interface PreparedAudio extends Pcm16Audio {
  encoded?: EncodedAudio;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  if (b.length === 0) return a;
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Resamples float samples of any rate to 16 kHz PCM16 in one go (whole-file path, so the tail is flushed). */
export function resampleToPcm16(mono: Float32Array, sampleRate: number): Int16Array {
  const r = new StreamingResampler(sampleRate, TARGET_RATE);
  return floatToPcm16(concat(r.process(mono), r.flush()));
}

/** Decodes a WAV file of any common layout to 16 kHz mono PCM16. */
export function decodeToPcm16(wav: ArrayBuffer, maxSeconds = Infinity): Pcm16Audio {
  const decoded = decodeWav(new Uint8Array(wav), maxSeconds);
  if (decoded.durationSec > maxSeconds) {
    throw new AppError('INPUT_TOO_LARGE', `The recording is ${Math.round(decoded.durationSec)} s long; at most ${maxSeconds} s can be transcribed at once. Split it and try again.`, {
      details: { durationSec: decoded.durationSec, maxSeconds },
    });
  }
  const pcm = resampleToPcm16(downmixPlanar(decoded.channels), decoded.sampleRate);
  return {
    pcm16: pcm.buffer as ArrayBuffer,
    sampleRate: TARGET_RATE,
    durationSec: pcm.length / TARGET_RATE,
    source: { sampleRate: decoded.sampleRate, channelCount: decoded.channelCount, bitsPerSample: decoded.bitsPerSample, encoding: decoded.encoding, truncated: decoded.truncated },
  };
}

export function encodePcm16(pcm16: ArrayBuffer, sampleRate = TARGET_RATE, options: OggOpusOptions = {}): EncodedAudio {
  const pcm = new Int16Array(pcm16, 0, Math.floor(pcm16.byteLength / 2));
  const ogg = encodeOggOpus(pcm, sampleRate, options);
  return { ogg: ogg.buffer as ArrayBuffer, mimeType: 'audio/ogg', durationSec: pcm.length / sampleRate };
}

/** Everything the batch path needs from a WAV in one worker hop: 16 kHz PCM, and Opus when asked. */
export function prepareWav(wav: ArrayBuffer, options: { encode?: boolean; maxSeconds?: number; opus?: OggOpusOptions } = {}): PreparedAudio {
  const decoded = decodeToPcm16(wav, options.maxSeconds);
  const audio = { ...decoded, voicedMs: voiceActivity(new Int16Array(decoded.pcm16)).voicedMs };
  const encoded = options.encode === false ? undefined : encodePcm16(audio.pcm16, audio.sampleRate, options.opus);
  return { ...audio, ...(encoded ? { encoded } : {}) };
}
