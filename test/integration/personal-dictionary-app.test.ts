// The personal dictionary and snippets in the real app against the simulator: spoken forms replaced in the final
// transcript, terms in the Live setup the simulator received, snippets expanded with no request to Gemini.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';
import type { MethodName, MethodParams } from '../../preload/contract.js';

const TONE_HZ = 1500;

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`still waiting for: ${what}`);
}

describe('personal dictionary and snippets in the app', () => {
  let h: Harness;
  let audio: Uint8Array[];

  const call = async <M extends MethodName>(method: M, params: MethodParams<M>): Promise<unknown> => {
    const outcome = await h.app.router.call(method, params, { clientId: 'test' });
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.result;
  };
  const dictate = async (final: string, partials?: string[], holdMs = 0) => {
    h.sim.setScripts([{ toneHz: TONE_HZ, final, ...(partials ? { partials } : {}) }]);
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio) dictation.push(chunk);
    // Held after speaking: time for a speculative generation to start on a stable partial, were it allowed.
    if (holdMs > 0) await new Promise((r) => setTimeout(r, holdMs));
    return { result: await dictation.finish(), log };
  };

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    // A web host: it keeps Live sessions warm and refreshes the vocabulary after changes, as the desktop app does.
    // Speculation on and eager, as in speculation.test.ts: a spoken snippet must not start a speculative generation either.
    h = await startHarness({ prewarm: true, host: 'web', settings: { speculation: { enabled: true, stableMs: 100, minConfidence: 0.3 } } });
    audio = chunks100ms(speechPcm16('cube control get pods', { toneHz: TONE_HZ }));
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.sim.clearFaults();
  });

  it('"cube control get pods" becomes "kubectl get pods", and kubectl is in the Live setup the simulator received', async () => {
    await call('dictionary.add', { term: 'kubectl', spoken: 'cube control' });
    await until('a Live setup carrying kubectl', () => h.sim.stats().live.setups.some((s) => s.vocabulary.includes('kubectl')));
    const { result, log } = await dictate('cube control get pods');
    expect(log.events.find((e) => e.type === 'transcript.final')).toMatchObject({ text: 'kubectl get pods' });
    expect(result.transcript).toBe('kubectl get pods');
    expect(result.intent).toBe('generate_shell');
  });

  it('after importing 5,000 terms the Live setup carries the best 100: the term in use first, then the list in its order', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `term_${String(i).padStart(4, '0')},word ${i} spoken`);
    expect(await call('dictionary.import', { text: lines.join('\n') })).toEqual({ read: 5_000, added: 5_000 });
    const expected = ['kubectl', ...Array.from({ length: 99 }, (_, i) => `term_${String(i).padStart(4, '0')}`)];
    await until('a Live setup carrying the imported terms', () => h.sim.stats().live.setups.some((s) => s.vocabulary.includes('term_0000')));
    const setup = h.sim.stats().live.setups.filter((s) => s.vocabulary.includes('term_0000')).at(-1);
    expect(setup?.vocabulary).toHaveLength(100);
    expect([...(setup?.vocabulary ?? [])].sort()).toEqual([...expected].sort());
    expect(setup?.vocabulary[0]).toBe('kubectl');
  });

  it('a snippet expands with no request reaching the simulator, typed or spoken, and lands in history', async () => {
    await call('snippets.save', { name: 'debug template', body: 'console.debug("{{date}}", {{selection}});' });
    const before = h.sim.stats().rest.requests.length;
    const log = eventLog();
    const typed = await h.app.runText({ text: 'insert my debug template' }, log.sink);
    expect(typed.code).toMatch(/^console\.debug\("\d{4}-\d{2}-\d{2}", \);$/);
    expect(typed.snippet).toEqual({ name: 'debug template' });
    expect(typed.complete).toBe(true);
    expect(log.types()).toEqual(['transcript.final', 'intent', 'result', 'timings']);
    const spoken = await dictate('insert my debug template', ['insert my ', 'debug template'], 1_500);
    expect(spoken.log.types()).toContain('transcript.partial');
    expect(spoken.result.code).toBe(typed.code);
    expect(h.sim.stats().rest.requests.length).toBe(before);
    const history = (await call('history.search', { query: 'debug template' })) as { entries: Array<{ code: string | null }> };
    expect(history.entries[0]?.code).toBe(typed.code);
  });

  it('"add kubectl to my dictionary" by voice comes back for confirmation: nothing is saved and nothing is generated', async () => {
    const before = (await call('dictionary.list', {})) as { total: number };
    const requests = h.sim.stats().rest.requests.length;
    const { result } = await dictate('add kube cuddle to my dictionary');
    expect(result.dictionaryAdd).toEqual({ term: 'kube cuddle' });
    expect(result.code).toBe('');
    expect(((await call('dictionary.list', {})) as { total: number }).total).toBe(before.total);
    expect(h.sim.stats().rest.requests.length).toBe(requests);
  });

  it('removing a term stops its replacement', async () => {
    expect(await call('dictionary.remove', { term: 'kubectl' })).toEqual({ removed: 1 });
    expect(h.app.applyDictionary('cube control get pods')).toBe('cube control get pods');
    expect(h.app.applyDictionary('say word 7 spoken')).toBe('say term_0007');
  });
});
