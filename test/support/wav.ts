// A small WAV reader and resampler for tests: espeak-ng fixtures to 16 kHz mono PCM16.
import { readFileSync } from 'node:fs';

export interface Pcm {
  samples: Int16Array;
  sampleRate: number;
}

/** Reads a 16-bit PCM WAV (any channel count; channels averaged). */
export function readWav(path: string): Pcm {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let channels = 1;
  let sampleRate = 16000;
  let bits = 16;
  while (offset + 8 <= bytes.byteLength) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`${path}: ${bits}-bit WAV; the test reader handles 16-bit only`);
      const frames = Math.floor(Math.min(size, bytes.byteLength - body) / (2 * channels));
      const samples = new Int16Array(frames);
      for (let f = 0; f < frames; f++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += view.getInt16(body + (f * channels + c) * 2, true);
        samples[f] = Math.round(sum / channels);
      }
      return { samples, sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** Linear-interpolation resampling to 16 kHz (good enough for fixtures; the app's DSP lives in main/audio). */
export function toPcm16k(pcm: Pcm): Int16Array {
  if (pcm.sampleRate === 16000) return pcm.samples;
  const outLength = Math.floor((pcm.samples.length * 16000) / pcm.sampleRate);
  const out = new Int16Array(outLength);
  const ratio = pcm.sampleRate / 16000;
  for (let i = 0; i < outLength; i++) {
    const x = i * ratio;
    const i0 = Math.floor(x);
    const a = pcm.samples[i0] ?? 0;
    const b = pcm.samples[Math.min(i0 + 1, pcm.samples.length - 1)] ?? a;
    out[i] = Math.round(a + (b - a) * (x - i0));
  }
  return out;
}

/** Splits samples into chunks of `ms` at 16 kHz, as little-endian bytes. */
export function chunksOf(samples: Int16Array, ms: number): Uint8Array[] {
  const size = Math.round((16000 * ms) / 1000);
  const out: Uint8Array[] = [];
  for (let i = 0; i < samples.length; i += size) {
    const part = samples.subarray(i, Math.min(samples.length, i + size));
    out.push(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return out;
}
