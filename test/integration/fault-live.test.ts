// Live transcription failing at setup, mid-transcript, with goAway or a garbled frame, and Gemini unreachable altogether:
// a spoken request still gets a result (the kept audio goes by REST) or an error that says what to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiSimulator, type Fault, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import type { PipelineEvent } from '../../preload/contract.js';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, expectActionableError, historyWith, outcomeOf, speakAndCollect } from '../support/fault-helpers.js';
import { freePort } from '../support/net.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const TONE = 1300;
const BATCH = 'gemini-3.5-transcribe';

const transcriptFor = (word: string): string => `write a go function that parses the ${word} config file`;

async function dictate(h: Harness, word: string, audio: Uint8Array[]): Promise<{ events: PipelineEvent[]; thrown: unknown }> {
  const final = transcriptFor(word);
  h.sim.setScripts([{ toneHz: TONE, partials: ['write a go function ', `that parses the ${word} config file`], final }]);
  // The REST fallback uploads Ogg Opus; the simulator answers it from the same script (or this default).
  h.sim.setDefaultTranscript({ final });
  return speakAndCollect(h, audio);
}

describe('Live transcription faults', () => {
  let sim: GeminiSimulator;
  let audio: Uint8Array[];
  let h: Harness | undefined;

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16('write a go function that parses the config file', { toneHz: TONE }));
    sim = await startGeminiSimulator({ profile: 'instant' });
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  /** A fresh app per case (no warm session), so a setup fault hits the connection this dictation opens. */
  async function freshApp(options: { prewarm?: boolean } = {}): Promise<Harness> {
    await h?.close();
    sim.clearFaults();
    sim.resetStats();
    h = await startHarness({ simulator: sim, prewarm: options.prewarm ?? false, settings: FAULT_SETTINGS });
    return h;
  }

  const FALLBACK_CASES: Array<{ name: string; word: string; fault: Fault }> = [
    { name: 'the server closes the socket before setupComplete', word: 'badger', fault: { kind: 'live-close-before-setup' } },
    { name: 'setupComplete never comes', word: 'beaver', fault: { kind: 'live-no-setup-complete' } },
    { name: 'the socket drops mid-transcript', word: 'bison', fault: { kind: 'live-drop-mid-turn' } },
    { name: 'the server sends a frame that is not JSON', word: 'camel', fault: { kind: 'live-malformed-frame' } },
    { name: 'goAway arrives with setupComplete', word: 'coyote', fault: { kind: 'live-go-away', timeLeftMs: 100 } },
  ];

  it.each(FALLBACK_CASES)('a spoken request still gets its code when $name, and history keeps the transcript', async ({ word, fault }) => {
    const app = await freshApp();
    sim.injectFault(fault);
    const { events, thrown } = await dictate(app, word, audio);
    expect(thrown).toBeUndefined();
    const { result, error } = outcomeOf(events);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ transcript: transcriptFor(word), complete: true });
    const [entry] = await historyWith(app, word);
    expect(entry).toMatchObject({ id: result?.historyId, transcript: transcriptFor(word), errorCode: null });
  });

  it('a spoken request still gets its code when goAway arrives mid-turn on a warm session and the connection ends', async () => {
    const app = await freshApp({ prewarm: true });
    await expect.poll(() => app.app.router.call('dashboard.get', {}, { clientId: 't' }).then((o) => (o.ok ? (o.result as { pool: { idle: number } }).pool.idle : 0)), { timeout: 10_000 }).toBeGreaterThan(0);
    sim.injectFault({ kind: 'live-go-away', timeLeftMs: 50 });
    const { events, thrown } = await dictate(app, 'dingo', audio);
    expect(thrown).toBeUndefined();
    expect(outcomeOf(events).result).toMatchObject({ transcript: transcriptFor('dingo'), complete: true });
    expect((await historyWith(app, 'dingo'))[0]).toMatchObject({ transcript: transcriptFor('dingo') });
  });

  it('when Live and the REST fallback both fail, the user gets a retryable UNAVAILABLE error and nothing half-written is in history', async () => {
    const app = await freshApp();
    sim.injectFault({ kind: 'live-drop-mid-turn' });
    sim.injectFault({ kind: 'http-error', status: 503, count: 10, model: BATCH });
    const { events, thrown } = await dictate(app, 'ferret', audio);
    const { result, error } = outcomeOf(events);
    expect(result).toBeUndefined();
    expectActionableError(error, { code: 'UNAVAILABLE', retryable: true });
    expect(thrown).toMatchObject({ code: 'UNAVAILABLE' });
    // No transcript was ever final, so there is nothing to keep.
    expect(events.some((e) => e.type === 'transcript.final')).toBe(false);
    expect(await historyWith(app, 'ferret')).toEqual([]);
  });

  it('when the fallback upload is refused for quota, the error carries the RetryInfo wait', async () => {
    const app = await freshApp();
    sim.injectFault({ kind: 'live-drop-mid-turn' });
    sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 40, count: 10, model: BATCH });
    const { events } = await dictate(app, 'gerbil', audio);
    const { error } = outcomeOf(events);
    expectActionableError(error, { code: 'QUOTA', retryable: true });
    expect(error?.retryAfterMs).toBe(40_000);
  });
});

describe('Gemini unreachable (nothing listens at the base URL)', () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('typed and spoken requests get a retryable NETWORK error, and the typed transcript is kept in history', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required');
    const port = await freePort();
    h = await startHarness({ settings: FAULT_SETTINGS, env: { VOICE_CODEGEN_GEMINI_BASE_URL: `http://127.0.0.1:${port}` } });

    const typed = eventLog();
    await h.app.runText({ text: transcriptFor('hamster'), noCache: true }, typed.sink).catch(() => undefined);
    expectActionableError(outcomeOf(typed.events).error, { code: 'NETWORK', retryable: true });
    expect((await historyWith(h, 'hamster'))[0]).toMatchObject({ transcript: transcriptFor('hamster'), errorCode: 'NETWORK', code: null });

    const audio = chunks100ms(speechPcm16('write a go function that parses the config file', { toneHz: TONE }));
    const spoken = eventLog();
    const dictation = h.app.startDictation({ onEvent: spoken.sink });
    for (const chunk of audio) dictation.push(chunk);
    await dictation.finish().catch(() => undefined);
    expectActionableError(outcomeOf(spoken.events).error, { code: 'NETWORK', retryable: true });
  });
});
