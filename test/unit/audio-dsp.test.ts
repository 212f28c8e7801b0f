// Behaviour of the shared DSP: resampler quality (Must-show 1), seamless streaming, PCM16, levels and the VAD.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamingResampler, downmixInterleaved, downmixPlanar, floatToPcm16, pcm16ToFloat, peak, rms } from '../../main/audio/dsp.js';

function sine(freq: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

function resampleAll(input: Float32Array, inRate: number, blocks: number[] = [4800]): Float32Array {
  const r = new StreamingResampler(inRate, 16000);
  const parts: Float32Array[] = [];
  let pos = 0;
  for (let b = 0; pos < input.length; b++) {
    const size = blocks[b % blocks.length] as number;
    parts.push(r.process(input.subarray(pos, pos + size)));
    pos += size;
  }
  parts.push(r.flush());
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** SNR of `out` against the ideal sine at 16 kHz, skipping the edges where the filter saw padding. */
function snrDb(out: Float32Array, freq: number, amp: number): number {
  let sig = 0;
  let err = 0;
  for (let n = 200; n < out.length - 200; n++) {
    const ideal = amp * Math.sin((2 * Math.PI * freq * n) / 16000);
    sig += ideal * ideal;
    err += ((out[n] as number) - ideal) ** 2;
  }
  return 10 * Math.log10(sig / err);
}

describe('StreamingResampler', () => {
  for (const inRate of [48000, 44100]) {
    it(`keeps a 1 kHz sine clean from ${inRate} Hz to 16 kHz (SNR >= 60 dB)`, () => {
      const out = resampleAll(sine(1000, inRate, 1), inRate);
      expect(out.length).toBe(16000);
      expect(snrDb(out, 1000, 0.5)).toBeGreaterThanOrEqual(60);
    });

    it(`removes a 10 kHz tone from ${inRate} Hz instead of aliasing it (>= 50 dB down)`, () => {
      const input = sine(10000, inRate, 1);
      const out = resampleAll(input, inRate);
      const attenuation = 20 * Math.log10(rms(input) / rms(out.subarray(200, out.length - 200)));
      expect(attenuation).toBeGreaterThanOrEqual(50);
    });
  }

  it('gives the same output whatever the block sizes (worklet blocks, 100 ms chunks, odd sizes)', () => {
    const input = sine(440, 44100, 0.5);
    const reference = resampleAll(input, 44100, [input.length]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (blocks) => {
        const out = resampleAll(input, 44100, blocks);
        expect(out.length).toBe(reference.length);
        let maxDiff = 0;
        for (let i = 0; i < out.length; i++) maxDiff = Math.max(maxDiff, Math.abs((out[i] as number) - (reference[i] as number)));
        expect(maxDiff).toBeLessThan(1e-6);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the duration exact for any rate, including odd ones and upsampling', () => {
    for (const inRate of [8000, 11025, 16000, 22050, 32000, 44056, 96000]) {
      const out = resampleAll(sine(300, inRate, 0.75), inRate, [1000, 333]);
      expect(out.length).toBe(Math.ceil((Math.round(inRate * 0.75) * 16000) / inRate));
      expect(snrDb(out, 300, 0.5)).toBeGreaterThan(50);
    }
  });

  it('rejects a rate that is not a positive integer', () => {
    expect(() => new StreamingResampler(0, 16000)).toThrow(RangeError);
    expect(() => new StreamingResampler(44100.5, 16000)).toThrow(RangeError);
  });
});

describe('PCM16, downmix and levels', () => {
  it('round-trips float through PCM16 within one step, clipping out-of-range values', () => {
    const input = Float32Array.from([0, 0.5, -0.5, 1, -1, 1.7, -3]);
    const pcm = floatToPcm16(input);
    expect(Array.from(pcm)).toEqual([0, 16384, -16383, 32767, -32767, 32767, -32768]);
    const back = pcm16ToFloat(pcm);
    for (let i = 0; i < 5; i++) expect(Math.abs((back[i] as number) - (input[i] as number))).toBeLessThan(1 / 16384);
  });

  it('averages stereo into mono, planar or interleaved', () => {
    expect(Array.from(downmixPlanar([Float32Array.from([1, 0.5]), Float32Array.from([0, -0.5])]))).toEqual([0.5, 0]);
    expect(Array.from(downmixInterleaved(Float32Array.from([1, 0, 0.5, -0.5]), 2))).toEqual([0.5, 0]);
  });

  it('measures RMS and peak', () => {
    const s = sine(1000, 16000, 1, 0.5);
    expect(rms(s)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(peak(s)).toBeCloseTo(0.5, 3);
    expect(rms(new Float32Array(0))).toBe(0);
  });
});
