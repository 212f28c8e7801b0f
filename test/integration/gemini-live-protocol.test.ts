// The simulator's Live wire protocol as Google speaks it: key checks, setup first, closes, binary frames, goAway.
import { GoogleGenAI, Modality, type Session } from '@google/genai';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startSimulator } from '../support/simulator.js';

let sim: GeminiSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

interface Raw {
  ws: WebSocket;
  frames: Array<{ data: string; binary: boolean }>;
  closed: Promise<{ code: number; reason: string }>;
}

function raw(query: string, path = PATH): Promise<Raw> {
  const ws = new WebSocket(`ws://127.0.0.1:${sim.port}${path}${query}`);
  const frames: Raw['frames'] = [];
  ws.on('message', (data: Buffer, binary: boolean) => frames.push({ data: data.toString('utf8'), binary }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, closed }));
    ws.once('error', reject);
  });
}

const SETUP = {
  setup: {
    model: 'models/gemini-3.5-transcribe-live',
    generationConfig: { responseModalities: ['TEXT'] },
    inputAudioTranscription: {},
    realtimeInputConfig: { automaticActivityDetection: { disabled: true } },
  },
};

async function sdkClose(apiKey: string, model: string, modality: Modality): Promise<{ code: number; reason: string }> {
  const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: sim.baseUrl } });
  return new Promise((resolve) => {
    // connect() never settles when the server closes before setupComplete: only onclose tells.
    void ai.live.connect({ model, config: { responseModalities: [modality] }, callbacks: { onmessage: () => undefined, onclose: (e: { code: number; reason: string }) => resolve({ code: e.code, reason: e.reason }) } });
  });
}

describe('simulated Live protocol', () => {
  it('closes a bad key with 1007 and a missing key with 1008, as Google does', async () => {
    expect(await sdkClose('not-a-key', 'gemini-3.5-transcribe-live', Modality.TEXT)).toEqual({ code: 1007, reason: 'API key not valid. Please pass a valid API key.' });
    const missing = await (await raw('')).closed;
    expect(missing.code).toBe(1008);
    expect(missing.reason).toMatch(/unregistered callers/);
    expect(Buffer.byteLength(missing.reason)).toBeLessThanOrEqual(123);
  });

  it('closes a conversational model asked for TEXT with 1007', async () => {
    expect(await sdkClose(sim.apiKey, 'gemini-2.5-flash-native-audio-preview-12-2025', Modality.TEXT)).toEqual({
      code: 1007,
      reason: 'Cannot extract voices from a non-audio request.',
    });
  });

  it('requires setup as the first message (1007)', async () => {
    const conn = await raw(`?key=${sim.apiKey}`);
    conn.ws.send(JSON.stringify({ realtimeInput: { activityStart: {} } }));
    expect((await conn.closed).code).toBe(1007);
  });

  it('accepts the double slash the SDK builds, answers setupComplete in a binary frame, and rejects a wrong audio mime type', async () => {
    const conn = await raw(`?key=${sim.apiKey}`, `/${PATH}`);
    conn.ws.send(JSON.stringify(SETUP));
    await expect.poll(() => conn.frames.length).toBe(1);
    expect(conn.frames[0]).toEqual({ data: '{"setupComplete":{}}', binary: true });
    conn.ws.send(JSON.stringify({ realtimeInput: { audio: { data: Buffer.alloc(3200).toString('base64'), mimeType: 'audio/wav' } } }));
    const closed = await conn.closed;
    expect(closed.code).toBe(1007);
    expect(closed.reason).toMatch(/audio\/wav/);
  });

  it('closes non-JSON client frames with 1007', async () => {
    const conn = await raw(`?key=${sim.apiKey}`);
    conn.ws.send('this is not json');
    expect((await conn.closed).code).toBe(1007);
  });

  it('sends goAway with timeLeft before the connection lifetime, then closes 1011', async () => {
    const short = await startSimulator({ connectionLifetimeMs: 400, goAwayLeadMs: 200 });
    try {
      const ai = new GoogleGenAI({ apiKey: short.apiKey, httpOptions: { baseUrl: short.baseUrl } });
      const messages: unknown[] = [];
      let session: Session | undefined;
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        void ai.live
          .connect({
            model: 'gemini-3.5-transcribe-live',
            config: { responseModalities: [Modality.TEXT], sessionResumption: {} },
            callbacks: { onmessage: (m) => messages.push(m), onclose: (e: { code: number; reason: string }) => resolve({ code: e.code, reason: e.reason }) },
          })
          .then((s) => (session = s));
      });
      expect(await closed).toEqual({ code: 1011, reason: 'Deadline expired before operation could complete.' });
      expect(messages).toContainEqual(expect.objectContaining({ goAway: { timeLeft: '0.2s' } }));
      expect(messages).toContainEqual(expect.objectContaining({ sessionResumptionUpdate: expect.objectContaining({ resumable: true }) }));
      session?.close();
    } finally {
      await short.close();
    }
  });

  it('answers activityStart with automatic activity detection on with 1007', async () => {
    const conn = await raw(`?key=${sim.apiKey}`);
    conn.ws.send(JSON.stringify({ setup: { model: 'models/gemini-3.5-transcribe-live', generationConfig: { responseModalities: ['TEXT'] } } }));
    await expect.poll(() => conn.frames.length).toBe(1);
    conn.ws.send(JSON.stringify({ realtimeInput: { activityStart: {} } }));
    expect((await conn.closed).code).toBe(1007);
  });
});
