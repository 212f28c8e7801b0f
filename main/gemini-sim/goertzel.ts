// Tone detection with the Goertzel filter: picks a scripted transcript from the tone at the start of the audio.

/**
 * Power of one frequency in a block of samples, normalised by the block's energy so that a pure
 * tone at that frequency scores about 1 whatever its amplitude, and speech or other tones score
 * near 0. A normalised score survives resampling and gain changes, which raw power does not.
 */
export function toneScore(samples: Int16Array, sampleRate: number, freqHz: number, start = 0, length = samples.length - start): number {
  const end = Math.min(samples.length, start + length);
  const n = end - start;
  if (n <= 0 || freqHz <= 0 || freqHz >= sampleRate / 2) return 0;
  const coeff = 2 * Math.cos((2 * Math.PI * freqHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = start; i < end; i++) {
    const x = (samples[i] ?? 0) / 32768;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // A sine of amplitude A over n samples: power ~ (A n / 2)^2 and energy ~ A^2 n / 2.
  return power / ((n / 2) * energy);
}

/** The identifying tone is 150 ms long; we look inside it, away from its edges. */
const WINDOW_START_S = 0.015;
const WINDOW_LENGTH_S = 0.12;
const MIN_SCORE = 0.5;

/** Seconds of audio needed before detectTone can decide. */
export const TONE_WINDOW_END_S = WINDOW_START_S + WINDOW_LENGTH_S;

/** The candidate frequency whose tone opens the audio, or null when none clearly does. */
export function detectTone(samples: Int16Array, sampleRate: number, candidatesHz: readonly number[]): number | null {
  const start = Math.round(WINDOW_START_S * sampleRate);
  const length = Math.round(WINDOW_LENGTH_S * sampleRate);
  if (samples.length < start + length / 2) return null;
  let best: number | null = null;
  let bestScore = MIN_SCORE;
  for (const freq of candidatesHz) {
    const score = toneScore(samples, sampleRate, freq, start, length);
    if (score > bestScore) {
      bestScore = score;
      best = freq;
    }
  }
  return best;
}
