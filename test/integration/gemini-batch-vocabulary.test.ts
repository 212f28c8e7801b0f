// Batch transcription (the REST fallback and --audio): the audio part alone, vocabulary in audioTranscriptionConfig.customVocabulary.
import { readFileSync } from 'node:fs';
import { GoogleGenAI } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileTranscriber } from '../../main/gemini/file-transcriber.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { simulatorEndpoint, startSimulator, TEST_RETRY } from '../support/simulator.js';
import { speechWav } from '../support/speech.js';

let sim: GeminiSimulator;
const SCRIPT = { toneHz: 1300, final: 'call fetchUserById with the id' };

beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.setScripts([]);
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
});

function wav(): Buffer {
  return readFileSync(speechWav('call fetch user by id with the id', { rate: 16000, toneHz: 1300 }));
}

describe('batch transcription vocabulary', () => {
  it('sends the audio part alone and the vocabulary in audioTranscriptionConfig.customVocabulary, so identifiers are spelt', async () => {
    sim.setScripts([SCRIPT]);
    const transcriber = new FileTranscriber({ endpoint: simulatorEndpoint(sim), retry: TEST_RETRY });
    const result = await transcriber.transcribe({ audio: wav(), mimeType: 'audio/wav', vocabulary: ['fetchUserById', 'userId'], signal: AbortSignal.timeout(10_000) });
    expect(result.text).toBe('call fetchUserById with the id');
    expect(sim.stats().rest.requests[0]).toMatchObject({ model: 'gemini-3.5-transcribe', customVocabulary: ['fetchUserById', 'userId'], textParts: 0, audioParts: 1, toneHz: 1300 });
  });

  it('without vocabulary the identifier comes back as spoken words', async () => {
    sim.setScripts([SCRIPT]);
    const transcriber = new FileTranscriber({ endpoint: simulatorEndpoint(sim), retry: TEST_RETRY });
    const result = await transcriber.transcribe({ audio: wav(), mimeType: 'audio/wav', signal: AbortSignal.timeout(10_000) });
    expect(result.text).toBe('call fetch user by id with the id');
    expect(sim.stats().rest.requests[0]).toMatchObject({ customVocabulary: null, textParts: 0 });
  });

  it('the simulator takes vocabulary only from audioTranscriptionConfig, never from words in a prompt', async () => {
    sim.setScripts([SCRIPT]);
    const ai = new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } });
    const response = await ai.models.generateContent({
      model: 'gemini-3.5-transcribe',
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'audio/wav', data: wav().toString('base64') } }, { text: 'Terms: fetchUserById' }] }],
    });
    expect(response.text).toBe('call fetch user by id with the id');
  });
});
