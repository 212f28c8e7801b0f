// Energy voice activity detector: how much of an utterance has voice in it, so silence and quiet noise never reach generation.
// Pure and streaming (chunks of any size, 16 kHz mono PCM16), linear in the samples and allocation-free per chunk:
// it runs on every microphone chunk. Each 20 ms frame's level (dBFS) goes into a 1 dB histogram; the verdict is
// read from that histogram, so it can be asked for at any time at a fixed cost.

/** 20 ms frames at 16 kHz. */
export const VAD_FRAME_SAMPLES = 320;
export const VAD_FRAME_MS = 20;
/** Histogram bins: one per dB from -100 dBFS (and below) to 0 dBFS. */
const BINS = 101;
const MIN_DB = -100;
/**
 * A frame below this level (after pre-emphasis) is never voice: -42 dBFS, where the quietest speech sounds (the "f"
 * of "fix it" from espeak-ng) still are, and well above a quiet room's microphone noise (-60 dBFS and below).
 */
export const VAD_ABSOLUTE_DB = -42;
/**
 * Voice stands this far above the recording's own noise floor (its 10th percentile frame level). Measured after
 * pre-emphasis: sox's `brownnoise vol 0.02` (the quiet noise) has frames at -60 dBFS, `brownnoise vol 0.1`
 * and `pinknoise`/`whitenoise vol 0.1` stay under their thresholds too; the least voice among the spoken fixtures
 * is 320 ms ("fix it" at 220 words per minute)...
 */
export const VAD_MARGIN_DB = 10;
/** ...where that floor is taken as at most this, so speech without a single pause is never its own floor. */
const FLOOR_CAP_DB = -35;
const FLOOR_PERCENTILE = 0.1;
const PRE_EMPHASIS = 0.97;

export interface VoiceActivitySummary {
  /** Milliseconds of frames judged to be voice. */
  voicedMs: number;
  /** Milliseconds analysed (whole frames). */
  totalMs: number;
  /** The estimated noise floor in dBFS (10th percentile frame level). */
  floorDb: number;
  /** The level a frame needed to count as voice, in dBFS. */
  thresholdDb: number;
}

export class VoiceActivity {
  private readonly histogram = new Uint32Array(BINS);
  private frames = 0;
  private frameSum = 0;
  private frameFill = 0;
  /** An odd byte left over from a chunk that split a sample. */
  private carry = -1;
  private previous = 0;

  /** Adds little-endian PCM16 bytes (any length and alignment). */
  pushBytes(bytes: Uint8Array): void {
    let i = 0;
    if (this.carry >= 0 && bytes.byteLength > 0) {
      this.addSample(toInt16(this.carry | ((bytes[0] as number) << 8)));
      this.carry = -1;
      i = 1;
    }
    const end = bytes.byteLength - ((bytes.byteLength - i) & 1);
    for (; i < end; i += 2) this.addSample(toInt16((bytes[i] as number) | ((bytes[i + 1] as number) << 8)));
    if (end < bytes.byteLength) this.carry = bytes[end] as number;
  }

  /** Adds PCM16 samples. */
  pushSamples(samples: Int16Array): void {
    for (let i = 0; i < samples.length; i++) this.addSample(samples[i] as number);
  }

  /** The verdict so far: constant time (a walk over 101 bins). */
  summary(): VoiceActivitySummary {
    const totalMs = this.frames * VAD_FRAME_MS;
    if (this.frames === 0) return { voicedMs: 0, totalMs: 0, floorDb: MIN_DB, thresholdDb: VAD_ABSOLUTE_DB };
    const rank = Math.floor(this.frames * FLOOR_PERCENTILE);
    let seen = 0;
    let floorBin = 0;
    for (; floorBin < BINS; floorBin++) {
      seen += this.histogram[floorBin] as number;
      if (seen > rank) break;
    }
    const floorDb = Math.min(MIN_DB + floorBin, FLOOR_CAP_DB);
    const thresholdDb = Math.max(VAD_ABSOLUTE_DB, floorDb + VAD_MARGIN_DB);
    let voiced = 0;
    for (let b = Math.max(0, Math.ceil(thresholdDb - MIN_DB)); b < BINS; b++) voiced += this.histogram[b] as number;
    return { voicedMs: voiced * VAD_FRAME_MS, totalMs, floorDb: MIN_DB + floorBin, thresholdDb };
  }

  get voicedMs(): number {
    return this.summary().voicedMs;
  }

  reset(): void {
    this.histogram.fill(0);
    this.frames = 0;
    this.frameSum = 0;
    this.frameFill = 0;
    this.carry = -1;
    this.previous = 0;
  }

  private addSample(s: number): void {
    // Pre-emphasis (the speech-processing standard, +6 dB per octave): voice keeps its level, while rumble and brown
    // noise (a microphone's auto gain lifts them) lose theirs, so loudness alone does not count as voice.
    const e = s - PRE_EMPHASIS * this.previous;
    this.previous = s;
    this.frameSum += e * e;
    if (++this.frameFill < VAD_FRAME_SAMPLES) return;
    const meanSquare = this.frameSum / (VAD_FRAME_SAMPLES * 32768 * 32768);
    const db = meanSquare > 0 ? 10 * Math.log10(meanSquare) : MIN_DB;
    const bin = db <= MIN_DB ? 0 : db >= 0 ? BINS - 1 : Math.floor(db - MIN_DB);
    this.histogram[bin] = (this.histogram[bin] as number) + 1;
    this.frames++;
    this.frameSum = 0;
    this.frameFill = 0;
  }
}

function toInt16(u: number): number {
  return u >= 0x8000 ? u - 0x10000 : u;
}

/** The verdict for a whole recording of PCM16 samples. */
export function voiceActivity(samples: Int16Array): VoiceActivitySummary {
  const vad = new VoiceActivity();
  vad.pushSamples(samples);
  return vad.summary();
}
