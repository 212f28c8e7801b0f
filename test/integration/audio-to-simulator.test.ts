// Must-show 2: an espeak-ng sentence at 48 kHz, chunked by the capture DSP, streamed over the real Live protocol
// to the simulator, arrives with its duration within 1 % and no chunk over 200 ms, and is recognised (its tone).
import { readFileSync } from 'node:fs';
import { GoogleGenAI, Modality } from '@google/genai';
import type { LiveServerMessage, Session } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureChunker } from '../../main/audio/dsp-chunker.js';
import type { PcmChunk } from '../../main/audio/dsp-chunker.js';
import { decodeWav } from '../../main/audio/wav.js';
import { startGeminiSimulator } from '../../main/gemini-sim/index.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { speechWav } from '../support/speech.js';

const SENTENCE = 'Write a Python function that reverses a linked list';
const TONE_HZ = 1400;
let sim: GeminiSimulator;

beforeAll(async () => {
  sim = await startGeminiSimulator();
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

describe('capture DSP to the simulator over Live', () => {
  it('delivers the whole sentence: duration within 1 %, no chunk over 200 ms, transcript recognised', async () => {
    const wav = decodeWav(readFileSync(speechWav(SENTENCE, { rate: 48000, toneHz: TONE_HZ })));
    expect(wav.sampleRate).toBe(48000);
    const chunks = captureChunks(wav.channels, wav.sampleRate);
    const sentSamples = chunks.reduce((s, c) => s + c.samples, 0);
    expect(Math.max(...chunks.map((c) => c.samples))).toBeLessThanOrEqual(3200);

    const ai = new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } });
    let transcript = '';
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const session: Session = await ai.live.connect({
      model: 'gemini-3.5-transcribe-live',
      config: { responseModalities: [Modality.TEXT], inputAudioTranscription: {}, realtimeInputConfig: { automaticActivityDetection: { disabled: true } } },
      callbacks: {
        onmessage: (m: LiveServerMessage) => {
          transcript += m.serverContent?.inputTranscription?.text ?? '';
          if (m.serverContent?.turnComplete) resolveDone();
        },
        onclose: () => resolveDone(),
      },
    });
    try {
      session.sendRealtimeInput({ activityStart: {} });
      for (const c of chunks) {
        session.sendRealtimeInput({ audio: { data: Buffer.from(c.pcm16).toString('base64'), mimeType: 'audio/pcm;rate=16000' } });
      }
      session.sendRealtimeInput({ activityEnd: {} });
      await done;
    } finally {
      session.close();
    }

    const turn = sim.stats().live.turns[0];
    expect(turn?.samples).toBe(sentSamples);
    expect(turn?.chunks).toBe(chunks.length);
    const receivedSec = (turn?.samples ?? 0) / 16000;
    expect(Math.abs(receivedSec - wav.durationSec) / wav.durationSec).toBeLessThan(0.01);
    expect(turn?.toneHz).toBe(TONE_HZ); // the identifying tone survived resampling
    expect(transcript.trim()).toBe(SENTENCE.toLowerCase());
  });
});
