// Latency profiles of the simulator: instant for tests, realistic from Google's published figures.
import type { ProfileName } from './types.js';

export interface LatencyProfile {
  name: ProfileName;
  /** Live: setup -> setupComplete. */
  setupCompleteMs: number;
  /** Live: first transcript increment after the first audio of a turn. */
  firstIncrementMs: number;
  /** Live: interval between increments, drawn uniformly from [min, max]. */
  incrementIntervalMs: readonly [number, number];
  /** Live: how far an increment lags behind the audio received, uniformly from [min, max]. */
  incrementLagMs: readonly [number, number];
  /** Live: last increment after activityEnd. */
  finalAfterActivityEndMs: number;
  /** REST batch transcription: fixed part, plus a fraction of the audio's duration. */
  batchBaseMs: number;
  batchPerAudioMs: number;
  /** REST generation: time to first token. */
  firstTokenMs: number;
  /** REST generation: output pacing (Infinity: no pacing). */
  tokensPerSecond: number;
}

/** Answers at once; text is still split into several chunks so that streaming paths are exercised. */
const INSTANT: LatencyProfile = {
  name: 'instant',
  setupCompleteMs: 0,
  firstIncrementMs: 0,
  incrementIntervalMs: [0, 0],
  incrementLagMs: [0, 0],
  finalAfterActivityEndMs: 0,
  batchBaseMs: 0,
  batchPerAudioMs: 0,
  firstTokenMs: 0,
  tokensPerSecond: Number.POSITIVE_INFINITY,
};

/**
 * Published and measured figures (see ../shared/gemini-protocol.md):
 * - Live connect -> setupComplete about 0.3 s p50 (measured by others from Europe/US).
 * - gemini-3.5-transcribe-live: first increment a few hundred ms after speech starts (300 ms),
 *   increments every 300-500 ms, each 150-250 ms behind the audio; the last one about 250 ms
 *   after activityEnd (Google's Live transcription guide: low-latency incremental transcription).
 * - Batch transcription by REST: 400 ms plus 10 % of the audio's duration. This one is OUR
 *   ASSUMPTION (Google publishes no figure for gemini-3.5-transcribe); change it when measured.
 * - Flash-class generation with thinking off: time to first token 0.23-0.40 s (300 ms used),
 *   190-280 output tokens/s (220 used) — Google's model card / Artificial Analysis figures.
 */
const REALISTIC: LatencyProfile = {
  name: 'realistic',
  setupCompleteMs: 300,
  firstIncrementMs: 300,
  incrementIntervalMs: [300, 500],
  incrementLagMs: [150, 250],
  finalAfterActivityEndMs: 250,
  batchBaseMs: 400,
  batchPerAudioMs: 0.1,
  firstTokenMs: 300,
  tokensPerSecond: 220,
};

export function latencyProfile(name: ProfileName): LatencyProfile {
  return name === 'realistic' ? REALISTIC : INSTANT;
}

/** A uniform draw in [min, max]; the simulator does not need reproducible jitter. */
export function between(range: readonly [number, number]): number {
  const [min, max] = range;
  return max <= min ? min : min + Math.random() * (max - min);
}
