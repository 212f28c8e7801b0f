// Faults seen through the renderer's door (router calls, audio frames, pushed pipeline events), as the web host and
// Electron IPC deliver them: each request's event stream ends in a result or an actionable error for that request id.
import { DEFAULT_MODELS } from '../../main/config/models.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, PipelineEvent } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, call, expectActionableError, historyWith, outcomeOf } from '../support/fault-helpers.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const TONE = 1500;
/** The faults target the model the app uses by default. */
const CODEGEN = DEFAULT_MODELS.codegen;

describe('faults through the router and pushed events', () => {
  let h: Harness;
  let audio: Uint8Array[];
  const pushed: Array<EventPayload<'pipeline.event'>> = [];
  let unsubscribe: () => void = () => undefined;

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16('write a rust function that parses dates', { toneHz: TONE }));
    h = await startHarness({ prewarm: true, host: 'web', settings: FAULT_SETTINGS });
    unsubscribe = h.app.events.subscribe((name, payload) => name === 'pipeline.event' && pushed.push(payload as EventPayload<'pipeline.event'>));
  });
  afterAll(async () => {
    unsubscribe();
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
  });

  const eventsOf = (requestId: number): PipelineEvent[] => pushed.filter((p) => p.requestId === requestId).map((p) => p.event);
  const finished = (requestId: number): boolean => eventsOf(requestId).some((e) => e.type === 'timings');

  it('request.text with Gemini answering 503 pushes a retryable UNAVAILABLE error for that request, and history keeps the transcript', async () => {
    h.sim.injectFault({ kind: 'http-error', status: 503, count: 5, model: CODEGEN });
    const { requestId } = (await call(h, 'request.text', { text: 'write a rust function that parses walrus dates', noCache: true })) as { requestId: number };
    await expect.poll(() => finished(requestId), { timeout: 10_000 }).toBe(true);
    const { result, error } = outcomeOf(eventsOf(requestId));
    expect(result).toBeUndefined();
    expectActionableError(error, { code: 'UNAVAILABLE', retryable: true });
    expect((await historyWith(h, 'walrus'))[0]).toMatchObject({ errorCode: 'UNAVAILABLE', code: null });
  });

  it('a dictation driven by router calls and audio frames still gets its result when Live drops mid-turn', async () => {
    const final = 'write a rust function that parses yak dates';
    h.sim.setScripts([{ toneHz: TONE, partials: ['write a rust function ', 'that parses yak dates'], final }]);
    h.sim.setDefaultTranscript({ final });
    h.sim.injectFault({ kind: 'live-drop-mid-turn' });
    const client = 'ws-7';
    const { requestId } = (await h.app.router.call('dictation.start', {}, { clientId: client }).then((o) => (o.ok ? o.result : { requestId: 0 }))) as { requestId: number };
    expect(requestId).toBeGreaterThan(0);
    for (const chunk of audio) h.app.onAudio(requestId, chunk, client);
    // A frame for this request id from another client must not disturb it.
    h.app.onAudio(requestId, new Uint8Array(3200).fill(7), 'ws-intruder');
    const stop = await h.app.router.call('dictation.stop', { requestId }, { clientId: client });
    expect(stop.ok).toBe(true);
    await expect.poll(() => finished(requestId), { timeout: 15_000 }).toBe(true);
    const { result, error } = outcomeOf(eventsOf(requestId));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ transcript: final, complete: true });
  });

  it('a stop for a request that belongs to another client, or that is unknown, is refused with VALIDATION', async () => {
    const { requestId } = (await call(h, 'request.text', { text: 'write a rust function that parses zebu dates' })) as { requestId: number };
    const foreign = await h.app.router.call('request.cancel', { requestId }, { clientId: 'someone-else' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await h.app.router.call('dictation.stop', { requestId: 987_654 }, { clientId: 'fault-test' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await expect.poll(() => finished(requestId), { timeout: 10_000 }).toBe(true);
  });
});
