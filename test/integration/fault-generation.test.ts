// Gemini failing before the first token, mid-stream, or with a bad finish, for typed and spoken requests alike:
// the user always gets a result or an error that says what to do, and history keeps the transcript.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../main/gemini-sim/index.js';
import type { PipelineEvent } from '../../preload/contract.js';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, expectActionableError, historyWith, outcomeOf, type Outcome, speakAndCollect } from '../support/fault-helpers.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

/** The faults target the model the app uses by default. */
const CODEGEN = DEFAULT_MODELS.codegen;
const TONE = 1100;

interface Case {
  name: string;
  /** A word only this case's transcript contains, so history.search finds its entry. */
  word: string;
  faults: Fault[];
  expect: { result: 'complete' } | { result: 'incomplete'; code: string } | { code: string; retryable: boolean };
}

// Counts of 5 outlast the generator's 3 attempts; a count of 1 shows that a retry before the first token recovers.
const CASES: Case[] = [
  { name: '503 before the first token, every attempt', word: 'quokka', faults: [{ kind: 'http-error', status: 503, count: 5, model: CODEGEN }], expect: { code: 'UNAVAILABLE', retryable: true } },
  { name: '500 before the first token, every attempt', word: 'wombat', faults: [{ kind: 'http-error', status: 500, count: 5, model: CODEGEN }], expect: { code: 'UNAVAILABLE', retryable: true } },
  { name: '504 deadline before the first token', word: 'narwhal', faults: [{ kind: 'http-error', status: 504, count: 5, model: CODEGEN }], expect: { code: 'TIMEOUT', retryable: true } },
  { name: 'one 503, then a healthy answer', word: 'pangolin', faults: [{ kind: 'http-error', status: 503, count: 1, model: CODEGEN }], expect: { result: 'complete' } },
  { name: '429 whose RetryInfo (1 s) is short enough to wait for', word: 'axolotl', faults: [{ kind: 'http-error', status: 429, retryDelaySeconds: 1, count: 1, model: CODEGEN }], expect: { result: 'complete' } },
  { name: 'a slow first token', word: 'capybara', faults: [{ kind: 'delay', ms: 400, model: CODEGEN }], expect: { result: 'complete' } },
  { name: '403 (key refused)', word: 'okapi', faults: [{ kind: 'http-error', status: 403, count: 5, model: CODEGEN }], expect: { code: 'INVALID_KEY', retryable: false } },
  { name: '404 (unknown model)', word: 'tapir', faults: [{ kind: 'http-error', status: 404, count: 5, model: CODEGEN }], expect: { code: 'BAD_REQUEST', retryable: false } },
  { name: 'the stream cut mid-event', word: 'ocelot', faults: [{ kind: 'sse-cut', mode: 'partial-event', count: 5, model: CODEGEN }], expect: { code: 'NETWORK', retryable: true } },
  { name: 'the socket dropped mid-answer', word: 'lemur', faults: [{ kind: 'sse-cut', mode: 'socket', count: 5, model: CODEGEN }], expect: { code: 'NETWORK', retryable: true } },
  { name: 'a 503 error event inside the stream', word: 'gecko', faults: [{ kind: 'stream-error-event', status: 503, count: 5, model: CODEGEN }], expect: { code: 'UNAVAILABLE', retryable: true } },
  { name: 'a 500 error event inside the stream', word: 'ibis', faults: [{ kind: 'stream-error-event', status: 500, count: 5, model: CODEGEN }], expect: { code: 'UNAVAILABLE', retryable: true } },
  { name: 'MAX_TOKENS (answer cut short)', word: 'marmot', faults: [{ kind: 'finish-reason', reason: 'MAX_TOKENS', model: CODEGEN }], expect: { result: 'incomplete', code: 'TRUNCATED' } },
  { name: 'SAFETY (answer withheld)', word: 'puffin', faults: [{ kind: 'finish-reason', reason: 'SAFETY', model: CODEGEN }], expect: { result: 'incomplete', code: 'BLOCKED' } },
];

const transcriptOf = (c: Case): string => `write a python function that sorts the ${c.word} records by age`;

/** Checks what the user saw and what history kept for one request. */
async function expectOutcome(h: Harness, c: Case, outcome: Outcome, thrown: unknown): Promise<void> {
  const [entry] = await historyWith(h, c.word);
  expect(entry, 'history keeps the transcript').toBeDefined();
  expect(entry?.transcript).toBe(transcriptOf(c));
  if ('code' in c.expect && !('result' in c.expect)) {
    expect(outcome.result).toBeUndefined();
    expectActionableError(outcome.error, c.expect);
    expect(thrown).toMatchObject({ code: c.expect.code });
    expect(entry).toMatchObject({ code: null, errorCode: c.expect.code });
    return;
  }
  expect(thrown).toBeUndefined();
  expect(outcome.result).toBeDefined();
  if (c.expect.result === 'complete') {
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ complete: true, transcript: transcriptOf(c) });
    expect(entry).toMatchObject({ errorCode: null, code: outcome.result?.code });
  } else {
    // An incomplete answer is shown as such: never copied as complete, and the error says why.
    expect(outcome.result?.complete).toBe(false);
    expectActionableError(outcome.error, { code: c.expect.code, retryable: false });
    expect(entry).toMatchObject({ errorCode: c.expect.code });
  }
}

async function typed(h: Harness, c: Case): Promise<{ events: PipelineEvent[]; thrown: unknown }> {
  const log = eventLog();
  let thrown: unknown;
  await h.app.runText({ text: transcriptOf(c), noCache: true }, log.sink).catch((e: unknown) => (thrown = e));
  return { events: log.events, thrown };
}

async function spoken(h: Harness, c: Case, audio: Uint8Array[]): Promise<{ events: PipelineEvent[]; thrown: unknown }> {
  h.sim.setScripts([{ toneHz: TONE, partials: ['write a python function ', `that sorts the ${c.word} records `], final: transcriptOf(c) }]);
  return speakAndCollect(h, audio);
}

describe('code generation faults', () => {
  let h: Harness;
  let audio: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16('write a python function that sorts the records by age', { toneHz: TONE }));
    h = await startHarness({ prewarm: true, settings: FAULT_SETTINGS });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
  });

  describe.each(CASES)('$name', (c) => {
    it(`a typed request gets ${'result' in c.expect ? 'a result' : `a ${c.expect.code} error`} and history keeps its transcript`, async () => {
      for (const f of c.faults) h.sim.injectFault(f);
      const { events, thrown } = await typed(h, c);
      await expectOutcome(h, c, outcomeOf(events), thrown);
    });

    it(`a spoken request gets ${'result' in c.expect ? 'a result' : `a ${c.expect.code} error`} and history keeps its transcript`, async () => {
      const spokenCase = { ...c, word: `${c.word}s` };
      for (const f of c.faults) h.sim.injectFault(f);
      const { events, thrown } = await spoken(h, spokenCase, audio);
      // The transcript was final before generation failed: the user saw it.
      expect(events.find((e) => e.type === 'transcript.final')).toMatchObject({ text: transcriptOf(spokenCase) });
      await expectOutcome(h, spokenCase, outcomeOf(events), thrown);
    });
  });
});

describe('quota errors with a long RetryInfo', () => {
  // Each test gets its own app: a 429 opens the instance's breaker for the RetryInfo delay, by design.
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('a typed request gets QUOTA with the wait from RetryInfo, and the next one is refused at once with when to retry', async () => {
    h = await startHarness({ settings: FAULT_SETTINGS });
    h.sim.injectFault({ kind: 'http-error', status: 429, retryDelaySeconds: 30, count: 5, model: CODEGEN });
    const c: Case = { name: '429', word: 'meerkat', faults: [], expect: { code: 'QUOTA', retryable: true } };
    const first = await typed(h, c);
    const { error } = outcomeOf(first.events);
    expectActionableError(error, { code: 'QUOTA', retryable: true });
    expect(error?.retryAfterMs).toBe(30_000);
    expect(error?.message).toMatch(/30 s/);
    await expectOutcome(h, c, outcomeOf(first.events), first.thrown);
    // Only one call reached Gemini: a RetryInfo longer than we may wait is not retried.
    expect(h.sim.stats().rest.requestsByModel[CODEGEN]).toBe(1);

    const next: Case = { name: 'after 429', word: 'dingo', faults: [], expect: { code: 'NO_HEALTHY_INSTANCE', retryable: true } };
    const second = await typed(h, next);
    const refused = outcomeOf(second.events).error;
    expectActionableError(refused, { code: 'NO_HEALTHY_INSTANCE', retryable: true });
    expect(refused?.retryAfterMs).toBeGreaterThan(0);
    expect(refused?.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(h.sim.stats().rest.requestsByModel[CODEGEN]).toBe(1);
    expect((await historyWith(h, 'dingo'))[0]).toMatchObject({ errorCode: 'NO_HEALTHY_INSTANCE' });
    await h.close();
    h = undefined;
  });

  it('a spoken request whose answer stream ends in a 429 event gets QUOTA with its retry delay, and history keeps the transcript', async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required');
    const audio = chunks100ms(speechPcm16('write a python function that sorts the records by age', { toneHz: TONE }));
    h = await startHarness({ prewarm: true, settings: FAULT_SETTINGS });
    h.sim.injectFault({ kind: 'stream-error-event', status: 429, count: 5, model: CODEGEN });
    const c: Case = { name: '429 event', word: 'jackal', faults: [], expect: { code: 'QUOTA', retryable: true } };
    const { events, thrown } = await spoken(h, c, audio);
    const { error } = outcomeOf(events);
    expect(error?.retryAfterMs).toBeGreaterThan(0);
    await expectOutcome(h, c, outcomeOf(events), thrown);
    await h.close();
    h = undefined;
  });
});
