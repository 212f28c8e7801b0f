// LiveTranscriber against the simulator through the real @google/genai SDK: turns, vocabulary, tones, faults.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { LiveTranscriber } from '../../main/gemini/live-transcriber.js';
import type { LiveSession } from '../../main/gemini/types.js';
import { toneThenWarble, useLiveSimulator } from '../support/live-simulator.js';
import { freePort } from '../support/net.js';
import { simulatorEndpoint, rejectionOf } from '../support/simulator.js';
import { speechWav } from '../support/speech.js';
import { chunksOf, readWav, toPcm16k } from '../support/wav.js';

const live = useLiveSimulator();

async function transcribe(session: LiveSession, samples: Int16Array, partials: string[] = []): Promise<string> {
  const utterance = session.startUtterance({ onPartial: (text) => partials.push(text) });
  for (const chunk of chunksOf(samples, 100)) utterance.push(chunk);
  return utterance.finish(AbortSignal.timeout(10_000));
}

describe('LiveTranscriber over the simulator', () => {
  it('runs a full push-to-talk turn with partial and final transcripts', async () => {
    live.sim.setScripts([{ toneHz: 1200, final: 'write a function that reverses a string' }]);
    const session = await live.connect();
    const partials: string[] = [];
    const final = await transcribe(session, toneThenWarble(1200, 1.2), partials);
    expect(final).toBe('write a function that reverses a string');
    expect(partials.length).toBeGreaterThan(1);
    expect(final.startsWith(partials[0] ?? 'none')).toBe(true);
    const stats = live.sim.stats().live;
    expect(stats.setups[0]).toMatchObject({ model: 'gemini-3.5-transcribe-live', responseModalities: ['TEXT'], automaticActivityDetection: false });
    expect(stats.activityStarts).toBe(1);
    expect(stats.activityEnds).toBe(1);
    expect(stats.turns[0]).toMatchObject({ samples: 19200, toneHz: 1200, nonSilent: true });
  });

  it('shows a revised partial, then the final that replaced it', async () => {
    live.sim.setScripts([{ toneHz: 900, final: 'write a class', partials: ['write a ', 'function'] }]);
    const session = await live.connect();
    const partials: string[] = [];
    const final = await transcribe(session, toneThenWarble(900), partials);
    expect(partials).toContain('write a function');
    expect(final).toBe('write a class');
  });

  it('spells an identifier only when it was sent as custom vocabulary', async () => {
    live.sim.setScripts([{ toneHz: 1500, final: 'call fetchUserById with the id' }]);
    const plain = await transcribe(await live.connect(), toneThenWarble(1500));
    expect(plain).toBe('call fetch user by id with the id');
    const biased = await transcribe(await live.connect(['fetchUserById', 'userId']), toneThenWarble(1500));
    expect(biased).toBe('call fetchUserById with the id');
    expect(live.sim.stats().live.setups.map((s) => s.vocabulary)).toContainEqual(['fetchUserById', 'userId']);
  });

  it('answers the default transcript without a known tone, and nothing for silence', async () => {
    const session = await live.connect();
    expect(await transcribe(session, toneThenWarble(null))).toBe('write a function that adds two numbers');
    expect(await transcribe(session, new Int16Array(8000))).toBe('');
    const turns = live.sim.stats().live.turns;
    expect(turns.map((t) => t.nonSilent)).toEqual([true, false]);
  });

  it('keeps 20 concurrent sessions apart by their tones', async () => {
    const tones = Array.from({ length: 20 }, (_, i) => 600 + i * 100);
    live.sim.setScripts(tones.map((hz) => ({ toneHz: hz, final: `request number ${hz}` })));
    const opened = await Promise.all(tones.map(() => live.connect()));
    const finals = await Promise.all(opened.map((s, i) => transcribe(s, toneThenWarble(tones[i] ?? 0))));
    expect(finals).toEqual(tones.map((hz) => `request number ${hz}`));
  });

  it('feeds an espeak-ng WAV at 16 kHz in 100 ms chunks and the simulator counts the same samples', async () => {
    live.sim.setScripts([{ toneHz: 1000, final: 'sort the users by age' }]);
    const pcm = toPcm16k(readWav(speechWav('sort the users by age', { rate: 48000, toneHz: 1000 })));
    const session = await live.connect();
    const final = await transcribe(session, pcm);
    expect(final).toBe('sort the users by age');
    const turn = live.sim.stats().live.turns[0];
    expect(turn?.samples).toBe(pcm.length);
    expect(turn?.chunks).toBe(Math.ceil(pcm.length / 1600));
  });

  it('marks a session closing on goAway, refuses new utterances, and reports the 1011 close that follows', async () => {
    live.sim.injectFault({ kind: 'live-go-away', timeLeftMs: 200 });
    const session = await live.connect();
    // goAway came with setupComplete: the session is never handed out again.
    expect(session.closing).toBe(true);
    expect(() => session.startUtterance()).toThrow(AppError);
    const closed = await new Promise<number>((resolve) => session.onClose((info) => resolve(info.code)));
    expect(closed).toBe(1011);
    expect(session.closed).toBe(true);
  });

  it('tells goAway listeners how long is left when it arrives mid-session', async () => {
    const session = await live.connect();
    const timeLeft = new Promise<number>((resolve) => session.onGoAway(resolve));
    live.sim.injectFault({ kind: 'live-go-away', timeLeftMs: 3_000 });
    await transcribe(session, toneThenWarble(null));
    expect(await timeLeft).toBe(3_000);
    expect(session.closing).toBe(true);
  });

  it('still completes setup after an injected Live delay', async () => {
    live.sim.injectFault({ kind: 'delay', ms: 50, target: 'live' });
    const session = await live.connect();
    expect(session.closing).toBe(false);
    expect(await transcribe(session, toneThenWarble(null))).toBe('write a function that adds two numbers');
  });

  it('fails the turn with UNAVAILABLE when the socket drops mid-turn', async () => {
    const session = await live.connect();
    const closed = new Promise<number>((resolve) => session.onClose((info) => resolve(info.code)));
    live.sim.injectFault({ kind: 'live-drop-mid-turn' });
    const error = await rejectionOf(transcribe(session, toneThenWarble(null)));
    expect(error.code).toBe('UNAVAILABLE');
    expect(await closed).toBe(1011);
    expect(session.closed).toBe(true);
  });

  it('survives a malformed server frame: the session closes and the frame is counted', async () => {
    const transcriber = new LiveTranscriber({ endpoint: simulatorEndpoint(live.sim), connectTimeoutMs: 5_000 });
    const session = await transcriber.connect();
    live.track(session);
    live.sim.injectFault({ kind: 'live-malformed-frame' });
    const error = await rejectionOf(transcribe(session, toneThenWarble(null)));
    expect(error.code).toBe('UNAVAILABLE');
    expect(transcriber.malformedFrames).toBe(1);
    expect(session.closing).toBe(true);
    // The transcriber still opens healthy sessions afterwards.
    const next = await transcriber.connect();
    live.track(next);
    expect(await transcribe(next, toneThenWarble(null))).toBe('write a function that adds two numbers');
  });

  it('fails connect with UNAVAILABLE when the server closes before setupComplete (no hang)', async () => {
    live.sim.injectFault({ kind: 'live-close-before-setup' });
    const error = await rejectionOf(live.connect([], 5_000));
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('fails connect with TIMEOUT when setupComplete never comes', async () => {
    live.sim.injectFault({ kind: 'live-no-setup-complete' });
    const error = await rejectionOf(live.connect([], 300));
    expect(error.code).toBe('TIMEOUT');
    // The half-open socket was closed by the app.
    await expect.poll(() => live.sim.stats().live.open).toBe(0);
  });

  it('cancels connect and finish through their AbortSignals', async () => {
    live.sim.injectFault({ kind: 'live-no-setup-complete' });
    const transcriber = new LiveTranscriber({ endpoint: simulatorEndpoint(live.sim), connectTimeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = transcriber.connect({ signal: controller.signal });
    await expect.poll(() => live.sim.stats().live.setups.length).toBe(1);
    controller.abort();
    expect((await rejectionOf(pending)).code).toBe('CANCELLED');

    const session = await live.connect();
    const utterance = session.startUtterance();
    const finishing = utterance.finish(AbortSignal.abort());
    expect((await rejectionOf(finishing)).code).toBe('CANCELLED');
    expect(session.closing).toBe(true);
  });

  it('fails connect with NETWORK when nothing listens at the endpoint', async () => {
    const port = await freePort();
    const transcriber = new LiveTranscriber({ endpoint: simulatorEndpoint(live.sim, { baseUrl: `http://127.0.0.1:${port}` }), connectTimeoutMs: 5_000 });
    expect((await rejectionOf(transcriber.connect())).code).toBe('NETWORK');
  });

  it('maps a bad key to INVALID_KEY and a conversational model to BAD_REQUEST', async () => {
    const badKey = new LiveTranscriber({ endpoint: simulatorEndpoint(live.sim, { apiKey: 'wrong' }), connectTimeoutMs: 5_000 });
    expect((await rejectionOf(badKey.connect())).code).toBe('INVALID_KEY');
    const conversational = new LiveTranscriber({
      endpoint: simulatorEndpoint(live.sim, { models: { ...simulatorEndpoint(live.sim).models, live: 'gemini-2.5-flash-native-audio-preview-12-2025' } }),
      connectTimeoutMs: 5_000,
    });
    const error = await rejectionOf(conversational.connect());
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details).toMatchObject({ closeCode: 1007, closeReason: 'Cannot extract voices from a non-audio request.' });
  });
});
