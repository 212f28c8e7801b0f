// Spoken requests: audio to a pooled Live session, partial and final transcripts, code; and the REST fallback when Live fails.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const SPOKEN = 'write a function that reverses a string in python';

describe('dictation through the pipeline', () => {
  let h: Harness;
  let audio: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness({ prewarm: true });
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: 1100 }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
    h.sim.setScripts([{ toneHz: 1100, partials: ['write a function ', 'that reverses a string ', 'in python'], final: SPOKEN }]);
  });

  it('streams the audio to Live, shows partials, then answers the final transcript', async () => {
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio) dictation.push(chunk);
    const result = await dictation.finish();
    const types = log.types();
    expect(types[0]).toBe('listening');
    expect(types).toContain('transcript.partial');
    expect(types.indexOf('transcript.partial')).toBeLessThan(types.indexOf('transcript.final'));
    expect(log.events.find((e) => e.type === 'transcript.final')).toMatchObject({ text: SPOKEN });
    expect(result).toMatchObject({ intent: 'generate_function', language: 'python', complete: true });
    const turn = h.sim.stats().live.turns.at(-1);
    expect(turn?.samples).toBe(audio.reduce((n, c) => n + c.byteLength / 2, 0));
    expect(result.timings.transcription).toBeGreaterThan(0);
  });

  it('falls back to REST with the kept audio when the Live socket drops mid-turn', async () => {
    h.sim.injectFault({ kind: 'live-drop-mid-turn' });
    // Compressed (Ogg Opus) uploads are answered with the simulator's default transcript.
    h.sim.setDefaultTranscript({ final: SPOKEN });
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio) dictation.push(chunk);
    const result = await dictation.finish();
    expect(result.transcript).toBe(SPOKEN);
    expect(result.complete).toBe(true);
    expect(h.sim.stats().rest.requestsByModel['gemini-3.5-transcribe']).toBe(1);
    expect(log.types()).not.toContain('error');
  });

  it('Esc cancels: no code is generated and the session is given up', async () => {
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio.slice(0, 5)) dictation.push(chunk);
    dictation.cancel();
    await expect(dictation.finish()).rejects.toMatchObject({ code: expect.stringMatching(/CANCELLED|VALIDATION/) });
    expect(h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent')).toHaveLength(0);
  });
});
