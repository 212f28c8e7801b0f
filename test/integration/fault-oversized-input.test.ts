// Oversized inputs (an hour of audio, a 10 MB typed request, a 1 MB clipboard) are refused or bounded with a clear
// message, and nothing oversized reaches Gemini or history.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../main/audio/wav.js';
import type { CodeAnswerRequest } from '../../main/gemini-sim/index.js';
import type { EventPayload } from '../../preload/contract.js';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, expectActionableError, historyWith, outcomeOf } from '../support/fault-helpers.js';

const MB = 1_000_000;

/** A clipboard the test sets: the platform service Electron provides, here a variable. */
const clipboard = { text: '', readText: async (): Promise<string> => clipboard.text, writeText: (): void => undefined };

/** Python source of exactly `chars` characters. */
function pythonSource(chars: number): string {
  return 'def handler(event, context):\n    return {"status": 200, "body": event}\n\n'.repeat(Math.ceil(chars / 70)).slice(0, chars);
}

describe('oversized inputs', () => {
  let h: Harness;
  const prompts: number[] = [];

  beforeAll(async () => {
    // Clipboard context is opt-in; this user has turned it on.
    h = await startHarness({ settings: { ...FAULT_SETTINGS, privacy: { clipboardContext: true } }, platform: { clipboard } });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    prompts.length = 0;
    h.sim.resetStats();
    // Record how much text each code request carried; answer with a short snippet.
    h.sim.setCodeAnswer((request: CodeAnswerRequest) => {
      prompts.push(request.prompt.length + request.systemInstruction.length);
      return 'Here it is.\n\n```python\ndef explain():\n    return "ok"\n```\n';
    });
  });

  it('an hour of recorded audio is refused with INPUT_TOO_LARGE saying the limit, before any upload', async () => {
    // 8 kHz mono PCM16: an hour is 57.6 MB of samples.
    const hour = new Int16Array(8000 * 3600);
    for (let i = 0; i < hour.length; i += 50) hour[i] = ((i / 50) % 400) - 200;
    const log = eventLog();
    const failure = await h.app.runAudioFile(encodeWav(hour, 8000, 1), { noCache: true }, log.sink).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INPUT_TOO_LARGE', retryable: false });
    expect((failure as Error).message).toMatch(/3600 s long; at most 1800 s/);
    // Regression: failures before the transcript reached the caller only as a rejection, so the CLI's --json
    // event stream had no error line for a refused recording.
    expectActionableError(outcomeOf(log.events).error, { code: 'INPUT_TOO_LARGE', retryable: false });
    expect(h.sim.stats().rest.requests).toHaveLength(0);
    expect(h.sim.stats().live.audioChunks).toBe(0);
  });

  it('a recorded file that is not a WAV, or whose transcription Gemini refuses, ends in an error event saying what to do', async () => {
    const notWav = eventLog();
    await h.app.runAudioFile(new TextEncoder().encode('ID3 this is an mp3, honest'), {}, notWav.sink).catch(() => undefined);
    expectActionableError(outcomeOf(notWav.events).error, { code: 'BAD_AUDIO', retryable: false });

    h.sim.injectFault({ kind: 'http-error', status: 503, count: 10, model: 'gemini-3.5-transcribe' });
    // A 1.3 kHz tone: loud and high enough to pass the no-speech guard (a low hum would not reach Gemini at all).
    const second = Int16Array.from({ length: 16000 }, (_, i) => Math.round(Math.sin(i / 2) * 8000));
    const refused = eventLog();
    await h.app.runAudioFile(encodeWav(second, 16000, 1), { noCache: true }, refused.sink).catch(() => undefined);
    h.sim.clearFaults();
    expectActionableError(outcomeOf(refused.events).error, { code: 'UNAVAILABLE', retryable: true });
  });

  it('a 10 MB typed request is refused with INPUT_TOO_LARGE by the app and with VALIDATION by the contract, saying the limit; nothing is stored or sent', async () => {
    const text = `write a function ${'a'.repeat(10 * MB)}`;
    const failure = await h.app.runText({ text }, () => undefined).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INPUT_TOO_LARGE', retryable: false });
    expect((failure as Error).message).toMatch(/limit is 100,000/);
    const viaContract = await h.app.router.call('request.text', { text }, { clientId: 'big' });
    expect(viaContract).toMatchObject({ ok: false, error: { code: 'VALIDATION', retryable: false } });
    expect(!viaContract.ok && viaContract.error.message).toMatch(/text.*100000/);
    expect(h.sim.stats().rest.requests).toHaveLength(0);
    const recent = (await h.app.router.call('history.search', { limit: 5 }, { clientId: 'big' })) as { ok: true; result: { entries: Array<{ transcript: string }> } };
    expect(recent.result.entries.every((e) => e.transcript.length < 1000)).toBe(true);
  });

  it('a quick command on more than 1 MB of clipboard is refused with INPUT_TOO_LARGE, through the app and as an error event to the renderer', async () => {
    clipboard.text = pythonSource(MB + 1);
    const failure = await h.app.runQuick('explain', () => undefined).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INPUT_TOO_LARGE' });
    expect((failure as Error).message).toMatch(/more than 1 MB/);

    const events: Array<EventPayload<'pipeline.event'>> = [];
    const unsubscribe = h.app.events.subscribe((name, payload) => name === 'pipeline.event' && events.push(payload as EventPayload<'pipeline.event'>));
    try {
      const started = await h.app.router.call('request.quick', { command: 'explain' }, { clientId: 'renderer' });
      expect(started.ok).toBe(true);
      const id = started.ok ? (started.result as { requestId: number }).requestId : 0;
      await expect.poll(() => events.find((e) => e.requestId === id && e.event.type === 'error')).toBeDefined();
      const error = events.find((e) => e.requestId === id && e.event.type === 'error')?.event;
      expectActionableError(error?.type === 'error' ? error.error : undefined, { code: 'INPUT_TOO_LARGE', retryable: false });
    } finally {
      unsubscribe();
    }
    expect(h.sim.stats().rest.requests).toHaveLength(0);
  });

  it('a quick command on a 1 MB clipboard is answered, with the code cut to a bounded prompt', async () => {
    clipboard.text = pythonSource(MB);
    const log = eventLog();
    const result = await h.app.runQuick('explain', log.sink);
    expect(result.complete).toBe(true);
    expect(prompts).toHaveLength(1);
    // The prompt holds at most the prompt builder's clipboard cap (24,000 characters) plus the template.
    expect(prompts[0]).toBeLessThan(40_000);
    expect(prompts[0]).toBeGreaterThan(20_000);
    const [entry] = await historyWith(h, 'explain');
    expect(entry?.transcript.length).toBeLessThan(100);
  });

  it('a spoken or typed request that refers to a 1 MB clipboard uses a bounded slice of it', async () => {
    clipboard.text = pythonSource(MB);
    const typed = eventLog();
    const result = await h.app.runText({ text: 'explain this code', noCache: true }, typed.sink);
    expect(outcomeOf(typed.events).error).toBeUndefined();
    expect(result.complete).toBe(true);
    expect(prompts).toHaveLength(1);
    // The context loader keeps 16,000 characters of the clipboard.
    expect(prompts[0]).toBeLessThan(30_000);
    expect(prompts[0]).toBeGreaterThan(16_000);
  });
});
