// Tokens and cost for every Gemini call, by kind: after a spoken request the dashboard and /metrics show transcription,
// intent assist, generation and speculation; the daily cap counts them all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
type Kind = { input: number; output: number; costUsd: number };

describe('token accounting by kind', () => {
  let h: Harness;
  let speech: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    // Intent assist on every request (confidence is always below 1); no cache, so every request reaches Gemini.
    h = await startHarness({ prewarm: true, settings: { cache: { enabled: false }, intent: { assistBelowConfidence: 1, timeoutMs: 5_000 } } });
    speech = chunks100ms(speechPcm16('write a function that reverses a string in python', { toneHz: 1100 }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.resetStats();
  });

  async function dashboard(): Promise<Record<string, unknown>> {
    const o = await h.app.router.call('dashboard.get', {}, { clientId: 'test' });
    if (!o.ok) throw new Error(o.error.message);
    return o.result as Record<string, unknown>;
  }

  /**
   * A speculation starts on the stable partial "write a function ..." while the speaker pauses; the final transcript
   * says "class", so that stream is discarded (speculation tokens) and the answer is generated anew after intent assist.
   */
  async function speakRevisedRequest(): Promise<void> {
    h.sim.setScripts([{ toneHz: 1100, partials: ['write a function ', 'that reverses a string in python'], final: 'write a class that reverses a string in python' }]);
    const dictation = h.app.startDictation();
    for (const chunk of speech) dictation.push(chunk);
    await sleep(600);
    const result = await dictation.finish();
    expect(result.transcript).toBe('write a class that reverses a string in python');
  }

  it('after a spoken request the dashboard and /metrics show tokens for transcription, intent assist, generation and speculation', async () => {
    await speakRevisedRequest();
    // Live usage arrives with turnComplete; it is recorded when it arrives.
    await expect.poll(async () => Object.keys(((await dashboard()).tokens as { byKind?: Record<string, Kind> }).byKind ?? {}).sort(), { timeout: 5_000 }).toEqual(['generation', 'intent_assist', 'speculation', 'transcription']);
    const tokens = (await dashboard()).tokens as { today: number; estimatedCostUsd: number; byKind: Record<string, Kind> };
    for (const kind of ['transcription', 'intent_assist', 'generation', 'speculation']) {
      expect(tokens.byKind[kind]?.input, kind).toBeGreaterThan(0);
      expect(tokens.byKind[kind]?.costUsd, kind).toBeGreaterThan(0);
    }
    expect(tokens.byKind.generation?.output).toBeGreaterThan(0);
    const sum = Object.values(tokens.byKind).reduce((s, k) => s + k.input + k.output, 0);
    expect(tokens.today).toBe(sum);
    const metrics = await h.app.metricsText();
    for (const kind of ['transcription', 'intent_assist', 'generation', 'speculation']) {
      expect(metrics).toMatch(new RegExp(`voice_codegen_gemini_tokens_total\\{[^}]*kind="${kind}"[^}]*\\} [1-9]`));
    }
  });

  it('the daily cap counts intent assist tokens too, not only generation', async () => {
    const total = (t: { byKind?: Record<string, Kind> }, kind: string): number => (t.byKind?.[kind]?.input ?? 0) + (t.byKind?.[kind]?.output ?? 0);
    const before = (await dashboard()).tokens as { today: number; byKind?: Record<string, Kind> };
    await h.app.runText({ text: 'make the loop faster', noCache: true }, () => undefined);
    const after = (await dashboard()).tokens as { today: number; byKind?: Record<string, Kind> };
    const assist = total(after, 'intent_assist') - total(before, 'intent_assist');
    const generation = total(after, 'generation') - total(before, 'generation');
    expect(assist).toBeGreaterThan(0);
    expect(after.today - before.today).toBe(assist + generation);
    // A cap that generation alone would not reach is reached with the assist counted: the next request is refused.
    h.app.settings.monitor.dailyTokenCap = after.today;
    try {
      await expect(h.app.runText({ text: 'make the loop slower', noCache: true }, () => undefined)).rejects.toMatchObject({ code: 'TOKEN_CAP' });
    } finally {
      h.app.settings.monitor.dailyTokenCap = null;
    }
  });
});
