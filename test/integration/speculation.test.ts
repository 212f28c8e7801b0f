// Speculative generation on a stable partial transcript, against the simulator: kept when the final matches, cancelled when it does not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const generateCalls = (h: Harness): number => h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent').length;

describe('speculative generation', () => {
  let h: Harness;
  let audio: Uint8Array[];

  const speak = async (onEvent = eventLog().sink, waitForSpeculation = true) => {
    const dictation = h.app.startDictation({ onEvent });
    for (const chunk of audio) dictation.push(chunk);
    if (waitForSpeculation) await expect.poll(() => generateCalls(h), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    return dictation;
  };

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness({ prewarm: true, settings: { speculation: { enabled: true, stableMs: 100, minConfidence: 0.5 }, cache: { enabled: false } } });
    audio = chunks100ms(speechPcm16('write a function that sorts numbers in go', { toneHz: 1500 }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
    h.app.settings.speculation.enabled = true;
  });

  it('uses the speculative stream when the final transcript is the same request (one generate call)', async () => {
    h.sim.setScripts([{ toneHz: 1500, partials: ['write a function ', 'that sorts numbers ', 'in go'], final: 'write a function that sorts numbers in go' }]);
    const log = eventLog();
    const dictation = await speak(log.sink);
    const result = await dictation.finish();
    expect(result.complete).toBe(true);
    expect(result.intent).toBe('generate_function');
    expect(generateCalls(h)).toBe(1);
    expect(h.sim.stats().rest.streamsCancelled).toBe(0);
    // No code is shown before the final transcript confirms it.
    const types = log.types();
    expect(types.indexOf('code.chunk')).toBeGreaterThan(types.indexOf('transcript.final'));
  });

  it('cancels the speculative stream when the final differs and answers the final', async () => {
    h.sim.setScripts([{ toneHz: 1500, partials: ['write a function ', 'that sorts numbers ', 'in go'], final: 'write a class that sorts numbers in go' }]);
    h.sim.setCodeAnswer((req) => `Here.\n\n\`\`\`go\n// ${req.prompt.includes('class') ? 'CLASS' : 'FUNCTION'}\n${'var x = 1\n'.repeat(300)}\`\`\`\n`);
    h.sim.setProfile('realistic');
    try {
      const dictation = await speak();
      const result = await dictation.finish();
      expect(result.intent).toBe('generate_class');
      expect(result.code).toContain('CLASS');
      expect(generateCalls(h)).toBe(2);
      await expect.poll(() => h.sim.stats().rest.streamsCancelled, { timeout: 5000 }).toBe(1);
    } finally {
      h.sim.setProfile('instant');
      h.sim.setCodeAnswer(null);
    }
  });

  it('spends no prompt on a partial that is still mid-phrase ("... that sorts"), even when the speaker pauses', async () => {
    h.sim.setScripts([{ toneHz: 1500, partials: ['write a function ', 'that sorts '], final: 'write a function that sorts numbers in go' }]);
    const dictation = await speak(eventLog().sink, false);
    await new Promise((r) => setTimeout(r, 600));
    expect(generateCalls(h)).toBe(0);
    const result = await dictation.finish();
    expect(result.complete).toBe(true);
    expect(generateCalls(h)).toBe(1);
  });

  it('makes no early call when speculation is off', async () => {
    h.app.settings.speculation.enabled = false;
    h.sim.setScripts([{ toneHz: 1500, partials: ['write a function ', 'that sorts numbers ', 'in go'], final: 'write a function that sorts numbers in go' }]);
    const dictation = await speak(eventLog().sink, false);
    await new Promise((r) => setTimeout(r, 400));
    expect(generateCalls(h)).toBe(0);
    await dictation.finish();
    expect(generateCalls(h)).toBe(1);
  });
});
