// Pure audio DSP shared by the renderer's AudioWorklet and the Node workers: downmix, PCM16, levels, VAD, and the
// resampler (in dsp-resampler.ts). No I/O and no packages: these files are bundled into an AudioWorklet.

export { StreamingResampler, TARGET_RATE } from './dsp-resampler.js';
export type { ResamplerOptions } from './dsp-resampler.js';

/**
 * Averages planar channels into one. One channel is returned as it is (no copy); `into`, when long enough, is
 * reused for the result so a worklet calling this 375 times a second makes no garbage.
 */
export function downmixPlanar(channels: readonly Float32Array[], into?: Float32Array): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const out = into && into.length >= first.length ? into.subarray(0, first.length).fill(0) : new Float32Array(first.length);
  for (const ch of channels) {
    const n = Math.min(ch.length, out.length);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (ch[i] as number);
  }
  const scale = 1 / channels.length;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  return out;
}

/** Averages interleaved frames (L R L R ...) into one channel. */
export function downmixInterleaved(samples: Float32Array, channelCount: number): Float32Array {
  if (channelCount <= 1) return samples;
  const frames = Math.floor(samples.length / channelCount);
  const out = new Float32Array(frames);
  const scale = 1 / channelCount;
  for (let f = 0, j = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channelCount; c++) sum += samples[j++] as number;
    out[f] = sum * scale;
  }
  return out;
}

/** Float [-1, 1] to signed 16-bit with rounding and clipping (out-of-range input is clipped, never wrapped). */
export function floatToPcm16(samples: Float32Array, out: Int16Array = new Int16Array(samples.length), offset = 0): Int16Array {
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round((samples[i] as number) * 32767);
    out[offset + i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

export function pcm16ToFloat(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = (pcm[i] as number) / 32768;
  return out;
}

/** Root mean square of float samples (0 for no samples). */
export function rms(samples: ArrayLike<number>, scale = 1): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = (samples[i] as number) * scale;
    sum += v * v;
  }
  return Math.sqrt(sum / samples.length);
}

export function peak(samples: ArrayLike<number>, scale = 1): number {
  let max = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs((samples[i] as number) * scale);
    if (v > max) max = v;
  }
  return max;
}
