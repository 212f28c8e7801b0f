// Spoken edits: a dictation and a recorded file over a selection (espeak-ng speech, the real SDK's Live and REST calls to the simulator), with speculation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable, speechWav } from '../support/speech.js';
import { readFileSync } from 'node:fs';

const generateCalls = (h: Harness): number => h.sim.stats().rest.requests.filter((r) => r.kind === 'streamGenerateContent').length;
const SELECTION = 'function greet(user) {\n  return `hello ${user}`;\n}\n';
const RENAMED = 'function greet(account) {\n  return `hello ${account}`;\n}\n';

describe('spoken edits', () => {
  let h: Harness;
  let audio: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    h = await startHarness({ prewarm: true, settings: { speculation: { enabled: true, stableMs: 100, minConfidence: 0.95 }, cache: { enabled: false } } });
    audio = chunks100ms(speechPcm16('rename user to account', { toneHz: 1700 }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
    h.sim.setScripts([{ toneHz: 1700, partials: ['rename user ', 'to account'], final: 'rename user to account' }]);
  });

  it('announces the edit at hotkey down and ends with the replacement, keeping the speculative stream', async () => {
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink, edit: { selection: SELECTION, app: 'gedit' } });
    expect(log.events[0]).toEqual({ type: 'edit', before: SELECTION, lines: 3, app: 'gedit' });
    for (const chunk of audio) dictation.push(chunk);
    // Speculation starts on the stable partial, with the edit prompt.
    await expect.poll(() => generateCalls(h), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    expect(h.sim.stats().rest.requests.find((r) => r.kind === 'streamGenerateContent')?.prompt).toContain('Edit request');
    const result = await dictation.finish();
    expect(result.edit).toEqual({ before: SELECTION, after: RENAMED, app: 'gedit' });
    expect(generateCalls(h)).toBe(1);
    expect(log.types().filter((t) => t === 'edit')).toHaveLength(1);
    expect(log.types()).toContain('code.chunk');
  });

  it('refuses an oversized selection at hotkey down, before recording', () => {
    expect(() => h.app.startDictation({ edit: { selection: '€'.repeat(30_000) } })).toThrow(/65,536 bytes/);
  });

  it('edits with a recorded file (--audio): the edit event comes before the transcript', async () => {
    const wav = readFileSync(speechWav('rename user to account', { rate: 16000, toneHz: 1700 }));
    const log = eventLog();
    const result = await h.app.runAudioFile(new Uint8Array(wav), { edit: { selection: SELECTION } }, log.sink);
    expect(log.events[0]).toMatchObject({ type: 'edit', before: SELECTION });
    expect(log.types().indexOf('transcript.final')).toBeGreaterThan(0);
    expect(result.edit?.after).toBe(RENAMED);
  });
});
