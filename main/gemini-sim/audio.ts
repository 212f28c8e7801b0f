// Audio the simulator receives: PCM16 from base64, WAV parsing, and the "is this real audio" check.

export interface DecodedAudio {
  samples: Int16Array;
  sampleRate: number;
}

/** Little-endian PCM16 bytes as samples (copies when the bytes are not 2-aligned). */
export function pcm16FromBytes(bytes: Uint8Array): Int16Array {
  const count = Math.floor(bytes.byteLength / 2);
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, count);
  const copy = new Uint8Array(count * 2);
  copy.set(bytes.subarray(0, count * 2));
  return new Int16Array(copy.buffer);
}

/** Mono PCM16 from a RIFF/WAVE file (8/16/24/32-bit integer PCM; channels averaged), or null. */
export function decodeWav(bytes: Uint8Array): DecodedAudio | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let offset = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let format = 0;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID.
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      if (format !== 1 || channels === 0 || ![8, 16, 24, 32].includes(bits)) return null;
      const bytesPerSample = bits / 8;
      // sox writes 0xffffffff as the size of a piped stream: take what is there.
      const dataEnd = Math.min(bytes.byteLength, body + size);
      const frames = Math.floor((dataEnd - body) / (bytesPerSample * channels));
      const samples = new Int16Array(frames);
      for (let f = 0; f < frames; f++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += readSample(view, body + (f * channels + c) * bytesPerSample, bits);
        samples[f] = Math.max(-32768, Math.min(32767, Math.round(sum / channels)));
      }
      return { samples, sampleRate };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

function readSample(view: DataView, at: number, bits: number): number {
  switch (bits) {
    case 8:
      return (view.getUint8(at) - 128) << 8;
    case 16:
      return view.getInt16(at, true);
    case 24:
      return ((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) >> 16;
    default:
      return view.getInt32(at, true) >> 16;
  }
}

/** RMS below this (about -50 dBFS) is silence: the simulator then hears nothing. */
const SILENCE_RMS = 100;

/** Running sample count and energy of one turn's audio. */
export class AudioMeter {
  samples = 0;
  private sumSquares = 0;

  /** Samples in chunks loud enough to be voice, and the sample count at the end of the last such chunk. */
  voicedSamples = 0;
  voiceEnd = 0;

  add(samples: Int16Array): void {
    this.samples += samples.length;
    let sum = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i] ?? 0;
      sum += x * x;
    }
    this.sumSquares += sum;
    if (samples.length > 0 && Math.sqrt(sum / samples.length) >= SILENCE_RMS) {
      this.voicedSamples += samples.length;
      this.voiceEnd = this.samples;
    }
  }

  get nonSilent(): boolean {
    return this.samples > 0 && this.rms >= SILENCE_RMS;
  }

  /** RMS of the whole turn in PCM16 units (0 without samples). */
  get rms(): number {
    return this.samples > 0 ? Math.sqrt(this.sumSquares / this.samples) : 0;
  }
}

/** The phantom-transcript fault's defaults: what a speech model says to near-silence, and below which level. */
export const PHANTOM_TEXT = 'Thank you.';
export const PHANTOM_BELOW_RMS = 1_000;
