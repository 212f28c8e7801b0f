// Turns device-rate audio blocks into 16 kHz mono PCM16 chunks of a fixed duration, with their level (capture worklet core).
// Pure like dsp.ts, so the worklet and the Node tests run exactly the same code.
import { StreamingResampler, TARGET_RATE, downmixPlanar, floatToPcm16, peak, rms } from './dsp.js';

export interface PcmChunk {
  /** 16-bit little-endian mono PCM at 16 kHz: an ArrayBuffer of its own, ready to transfer. */
  pcm16: ArrayBuffer;
  samples: number;
  /** Linear RMS and peak of the chunk, 0..1. */
  rms: number;
  peak: number;
}

export interface CaptureChunkerOptions {
  /** Chunk duration in ms (default 100, what Live handles best). */
  chunkMs?: number;
  outputRate?: number;
}

export class CaptureChunker {
  readonly chunkSamples: number;
  private readonly resampler: StreamingResampler;
  private staging: Float32Array;
  private filled = 0;
  private scratch: Float32Array;
  private mono = new Float32Array(128);

  constructor(inputRate: number, options: CaptureChunkerOptions = {}) {
    const outputRate = options.outputRate ?? TARGET_RATE;
    this.chunkSamples = Math.max(1, Math.round(((options.chunkMs ?? 100) * outputRate) / 1000));
    this.resampler = new StreamingResampler(inputRate, outputRate);
    this.staging = new Float32Array(this.chunkSamples);
    this.scratch = new Float32Array(this.resampler.maxOutput(128));
  }

  /** Feeds one block of planar channels (a worklet's 128 frames, or any length); returns the chunks completed. */
  push(channels: readonly Float32Array[]): PcmChunk[] {
    const mono = downmixPlanar(channels, this.mono);
    if (mono.length > this.mono.length && channels.length > 1) this.mono = new Float32Array(mono.length);
    if (mono.length === 0) return [];
    const need = this.resampler.maxOutput(mono.length);
    if (this.scratch.length < need) this.scratch = new Float32Array(need);
    const n = this.resampler.processInto(mono, this.scratch, 0);
    return this.collect(this.scratch.subarray(0, n));
  }

  /** Ends the stream: returns the remaining audio, the last chunk possibly shorter than the others. */
  flush(): PcmChunk[] {
    const chunks = this.collect(this.resampler.flush());
    if (this.filled > 0) chunks.push(this.emit(this.filled));
    this.resampler.reset();
    return chunks;
  }

  private collect(resampled: Float32Array): PcmChunk[] {
    const chunks: PcmChunk[] = [];
    let pos = 0;
    while (pos < resampled.length) {
      const take = Math.min(this.chunkSamples - this.filled, resampled.length - pos);
      this.staging.set(resampled.subarray(pos, pos + take), this.filled);
      this.filled += take;
      pos += take;
      if (this.filled === this.chunkSamples) chunks.push(this.emit(this.filled));
    }
    return chunks;
  }

  private emit(count: number): PcmChunk {
    const block = this.staging.subarray(0, count);
    const pcm = floatToPcm16(block);
    this.filled = 0;
    return { pcm16: pcm.buffer as ArrayBuffer, samples: count, rms: rms(block), peak: peak(block) };
  }
}
