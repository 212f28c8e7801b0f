// A 429 with a short RetryInfo: the request says it is waiting (until when) before it waits, then completes by itself;
// a wait longer than gemini.retry.maxDelayMs is an error that carries the delay; an unreachable endpoint is named.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/config/schema.js';
import { startGeminiSimulator } from '../../main/gemini-sim/index.js';
import type { PipelineEvent } from '../../preload/contract.js';
import { eventLog, startHarness, type Harness } from '../support/app-harness.js';
import { outcomeOf, speakAndCollect } from '../support/fault-helpers.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const CODEGEN = DEFAULT_MODELS.codegen;
const SETTINGS: SettingsInput = {
  gemini: { retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 5_000 } },
  speculation: { enabled: false },
  intent: { assistBelowConfidence: 0 },
  cache: { enabled: false },
};

async function typed(h: Harness, text: string): Promise<{ events: PipelineEvent[]; thrown: unknown }> {
  const log = eventLog();
  let thrown: unknown;
  await h.app.runText({ text, noCache: true }, log.sink).catch((e: unknown) => (thrown = e));
  return { events: log.events, thrown };
}

describe('waiting for a quota retry', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('a 429 with RetryInfo 3 s: "waiting" comes before any code, then the request completes by itself', async () => {
    const h = await startHarness({ settings: SETTINGS });
    harnesses.push(h);
    h.sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 3, count: 1, model: CODEGEN });
    const before = Date.now();
    const { events, thrown } = await typed(h, 'write a python function that reverses a string');
    expect(thrown).toBeUndefined();
    const types = events.map((e) => e.type);
    // The order a user sees: the request, then the countdown, then code, then the result. Nothing says "writing" first.
    const waitingAt = types.indexOf('waiting');
    expect(waitingAt, JSON.stringify(types)).toBeGreaterThan(-1);
    expect(types.slice(0, waitingAt)).not.toContain('code.chunk');
    expect(types.indexOf('code.chunk')).toBeGreaterThan(waitingAt);
    expect(types.lastIndexOf('waiting')).toBe(waitingAt);
    expect(types).not.toContain('error');
    const waiting = events[waitingAt] as Extract<PipelineEvent, { type: 'waiting' }>;
    expect(waiting).toMatchObject({ stage: 'generation', delayMs: 3000, reason: { code: 'QUOTA', retryable: true, retryAfterMs: 3000 } });
    expect(waiting.until).toBeGreaterThanOrEqual(before + 3000);
    const { result } = outcomeOf(events);
    expect(result).toMatchObject({ complete: true });
    // The wait is its own stage: it is not counted as generation time.
    expect(result?.timings.waiting).toBeGreaterThanOrEqual(2900);
    expect(result?.timings.generation ?? Infinity).toBeLessThan(result?.timings.waiting ?? 0);
    expect(h.sim.stats().rest.requestsByModel[CODEGEN]).toBe(2);
  });

  it('a 429 whose RetryInfo is longer than maxDelayMs: no waiting event, a QUOTA error with the delay', async () => {
    const h = await startHarness({ settings: SETTINGS });
    harnesses.push(h);
    h.sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 20, count: 1, model: CODEGEN });
    const { events } = await typed(h, 'write a python function that reverses a string');
    expect(events.map((e) => e.type)).not.toContain('waiting');
    expect(outcomeOf(events).error).toMatchObject({ code: 'QUOTA', retryAfterMs: 20_000 });
  });

  it('an unreachable endpoint: a typed request is refused with an error that names the host, never the Live connection', async () => {
    // Its own simulator (closed here, before the request), so the harness does not close it again.
    const sim = await startGeminiSimulator({ profile: 'instant' });
    const h = await startHarness({ settings: SETTINGS, simulator: sim });
    harnesses.push(h);
    const host = new URL(sim.baseUrl).host;
    await sim.close();
    const first = outcomeOf((await typed(h, 'write a python function that reverses a string')).events).error;
    expect(first?.code).toBe('NETWORK');
    expect(first?.message).toContain(host);
    expect(first?.info?.host).toBe(host);
    expect(first?.message).not.toMatch(/Live/);
  });
});

describe('waiting for a retry of the REST transcription fallback', () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('Live drops, the fallback upload gets a 429 with RetryInfo 1 s: "waiting" (transcription) comes before the final transcript, and the request completes', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    const TONE = 1250;
    const final = 'write a go function that parses the walrus config file';
    const audio = chunks100ms(speechPcm16('write a go function that parses the config file', { toneHz: TONE }));
    h = await startHarness({ settings: { ...SETTINGS, gemini: { ...SETTINGS.gemini, breaker: { failureThreshold: 1000, cooldownMs: 0 } } } });
    h.sim.setScripts([{ toneHz: TONE, partials: ['write a go function ', 'that parses the walrus config file'], final }]);
    h.sim.setDefaultTranscript({ final });
    h.sim.injectFault({ kind: 'live-drop-mid-turn' });
    h.sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 1, count: 1, model: 'gemini-3.5-transcribe' });
    const { events, thrown } = await speakAndCollect(h, audio);
    expect(thrown).toBeUndefined();
    const types = events.map((e) => e.type);
    const waitingAt = types.indexOf('waiting');
    expect(waitingAt, JSON.stringify(types)).toBeGreaterThan(-1);
    expect(events[waitingAt]).toMatchObject({ stage: 'transcription', delayMs: 1000, reason: { code: 'QUOTA' } });
    expect(types.indexOf('transcript.final')).toBeGreaterThan(waitingAt);
    const { result } = outcomeOf(events);
    expect(result).toMatchObject({ complete: true, transcript: final });
    expect(result?.timings.waiting).toBeGreaterThanOrEqual(900);
    expect(result?.timings.transcription ?? Infinity).toBeLessThan(result?.timings.waiting ?? 0);
  });
});
