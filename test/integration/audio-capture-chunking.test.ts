// The capture worklet's DSP run in Node over a 48 kHz espeak-ng sentence, in the worklet's 128-frame blocks:
// the 16 kHz chunks add up to the recording's duration (within 1 %) and none is over 200 ms (Must-show 2, DSP half).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureChunker } from '../../main/audio/dsp-chunker.js';
import { decodeWav } from '../../main/audio/wav.js';
import { speechWav } from '../support/speech.js';

const SENTENCE = 'Write a Python function that reverses a linked list';

function runWorkletBlocks(rate: number, channels: 1 | 2): { chunks: ReturnType<CaptureChunker['push']>; sourceSec: number } {
  const wav = decodeWav(readFileSync(speechWav(SENTENCE, { rate, channels })));
  const chunker = new CaptureChunker(wav.sampleRate);
  const chunks: ReturnType<CaptureChunker['push']> = [];
  for (let at = 0; at < wav.frames; at += 128) {
    // An AudioWorklet hands over 128 frames per channel per call.
    chunks.push(...chunker.push(wav.channels.map((c) => c.subarray(at, Math.min(at + 128, wav.frames)))));
  }
  chunks.push(...chunker.flush());
  return { chunks, sourceSec: wav.durationSec };
}

describe('capture chunking', () => {
  for (const [rate, channels] of [[48000, 1], [44100, 2]] as const) {
    it(`turns ${rate} Hz ${channels === 2 ? 'stereo' : 'mono'} speech into 100 ms 16 kHz PCM16 chunks of the same total duration`, () => {
      const { chunks, sourceSec } = runWorkletBlocks(rate, channels);
      const samples = chunks.reduce((s, c) => s + c.samples, 0);
      expect(Math.abs(samples / 16000 - sourceSec) / sourceSec).toBeLessThan(0.01);
      for (const c of chunks) {
        expect(c.samples).toBeLessThanOrEqual(3200); // 200 ms at 16 kHz
        expect(c.pcm16.byteLength).toBe(c.samples * 2);
      }
      expect(chunks.slice(0, -1).every((c) => c.samples === 1600)).toBe(true);
      // The speech is there: some chunks are loud, and levels are in range.
      expect(Math.max(...chunks.map((c) => c.rms))).toBeGreaterThan(0.02);
      expect(chunks.every((c) => c.peak <= 1)).toBe(true);
    });
  }
});
