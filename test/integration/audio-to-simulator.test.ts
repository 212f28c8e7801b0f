// Must-show 2: an espeak-ng sentence at 48 kHz, chunked by the capture DSP and pushed through LiveTranscriber (the
// real @google/genai SDK over the Live protocol), reaches the simulator with its duration within 1 % and no chunk
// over 200 ms, and is recognised by its identifying tone, which survives the resampler.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureChunker } from '../../main/audio/dsp-chunker.js';
import type { PcmChunk } from '../../main/audio/dsp-chunker.js';
import { UtteranceBuffer } from '../../main/audio/utterance-buffer.js';
import { decodeWav } from '../../main/audio/wav.js';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { simulatorEndpoint, startSimulator } from '../support/simulator.js';
import { speechWav } from '../support/speech.js';

const SENTENCE = 'Write a Python function that reverses a linked list';
const TONE_HZ = 1400;
let sim: GeminiSimulator;

beforeAll(async () => {
  sim = await startSimulator();
  sim.setScripts([{ toneHz: TONE_HZ, final: SENTENCE.toLowerCase() }]);
});
afterAll(async () => {
  await sim?.close();
});

/** Runs the capture worklet's DSP over the recording in the worklet's 128-frame blocks. */
function captureChunks(channels: Float32Array[], rate: number): PcmChunk[] {
  const chunker = new CaptureChunker(rate);
  const chunks: PcmChunk[] = [];
  const frames = channels[0]?.length ?? 0;
  for (let at = 0; at < frames; at += 128) chunks.push(...chunker.push(channels.map((c) => c.subarray(at, Math.min(at + 128, frames)))));
  chunks.push(...chunker.flush());
  return chunks;
}

describe('capture DSP -> LiveTranscriber -> simulator', () => {
  it('delivers the whole sentence: duration within 1 %, no chunk over 200 ms, transcript recognised', async () => {
    const wav = decodeWav(readFileSync(speechWav(SENTENCE, { rate: 48000, toneHz: TONE_HZ })));
    expect(wav.sampleRate).toBe(48000);
    const chunks = captureChunks(wav.channels, wav.sampleRate);
    expect(Math.max(...chunks.map((c) => c.samples))).toBeLessThanOrEqual(3200);

    const transcriber = new LiveTranscriber({ endpoint: simulatorEndpoint(sim), connectTimeoutMs: 5_000 });
    const session = await transcriber.connect();
    const kept = new UtteranceBuffer();
    let transcript: string;
    try {
      const utterance = session.startUtterance();
      for (const c of chunks) {
        // What main does with each chunk from the renderer: forward it at once and keep a copy for the REST fallback.
        const bytes = new Uint8Array(c.pcm16);
        utterance.push(bytes);
        kept.append(bytes);
      }
      transcript = await utterance.finish(AbortSignal.timeout(10_000));
    } finally {
      session.close();
    }

    const turn = sim.stats().live.turns[0];
    const sentSamples = chunks.reduce((s, c) => s + c.samples, 0);
    expect(turn?.samples).toBe(sentSamples);
    expect(turn?.chunks).toBe(chunks.length);
    const receivedSec = (turn?.samples ?? 0) / 16000;
    expect(Math.abs(receivedSec - wav.durationSec) / wav.durationSec).toBeLessThan(0.01);
    expect(turn?.toneHz).toBe(TONE_HZ);
    expect(transcript.trim()).toBe(SENTENCE.toLowerCase());
    expect(kept.byteLength).toBe(sentSamples * 2); // the fallback copy holds the same audio
  });
});
