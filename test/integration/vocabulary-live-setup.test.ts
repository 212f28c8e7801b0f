// Project vocabulary end to end: the fixture project is scanned in the worker, its top terms go into the Live setup, and
// a spoken request then comes back spelling the project's identifier (the simulator spells it only when it was sent).
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGeminiServices, type GeminiServices } from '../../main/app/gemini-services.js';
import { systemClock } from '../../main/core/clock.js';
import { loadConfig } from '../../main/config/load.js';
import { silentLogger } from '../../main/core/logger.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import type { LiveSession } from '../../main/gemini/types.js';
import { normaliseIdentifiers } from '../../main/intent/identifier.js';
import { VocabularyService } from '../../main/vocabulary/vocabulary-service.js';
import { VocabularyWorkerPool } from '../../main/vocabulary/vocabulary-worker-pool.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const WORKER = join(process.cwd(), 'dist', 'workers', 'vocabulary.js');
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'vocab-project');
const SPOKEN = 'write a test for fetch user by id';
const TONE_HZ = 1300;

interface Stack {
  sim: GeminiSimulator;
  services: GeminiServices;
  vocabulary: VocabularyService;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The simulator, the app's Gemini services (pre-warmed pool) and a VocabularyService feeding them, as create-app would wire it. */
async function start(): Promise<Stack> {
  const sim = await startGeminiSimulator({ profile: 'instant' });
  closers.push(() => sim.close());
  const settings = loadConfig({}, { GEMINI_API_KEY: sim.apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl });
  const services = createGeminiServices(settings, { logger: silentLogger, prewarm: true });
  closers.push(() => services.close());
  const workers = new VocabularyWorkerPool({ workerFile: WORKER, logger: silentLogger });
  closers.push(() => workers.close());
  const vocabulary = new VocabularyService({
    scanProject: workers.scanProject,
    recentHistory: () => [],
    onChange: (terms) => services.setVocabulary(terms),
    maxTerms: settings.vocabulary.maxTerms,
    projectDir: FIXTURE,
    logger: silentLogger,
    clock: systemClock,
  });
  closers.push(() => vocabulary.close());
  await until('a warm Live session', () => services.poolSize().idle >= 1);
  return { sim, services, vocabulary };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`still waiting for: ${what}`);
}

/** setVocabulary replaces spare sessions in the background: wait until the ones set up before it are gone. */
async function untilReplaced(sim: GeminiSimulator, term: string): Promise<void> {
  const old = sim.stats().live.setups.filter((s) => !s.vocabulary.includes(term)).map((s) => s.connectionId);
  await until('spare sessions set up with the new vocabulary', () => {
    const { setups, closes } = sim.stats().live;
    return setups.some((s) => s.vocabulary.includes(term)) && old.every((id) => closes.some((c) => c.connectionId === id));
  });
}

async function transcribe(session: LiveSession, audio: readonly Uint8Array[]): Promise<string> {
  const utterance = session.startUtterance();
  for (const chunk of audio) utterance.push(chunk);
  return utterance.finish(AbortSignal.timeout(10_000));
}

describe('project vocabulary in the Live setup', () => {
  let audio: Uint8Array[];
  beforeAll(() => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: TONE_HZ }));
  });

  it('sends the scanned project’s top terms as the custom vocabulary of the next Live session', async () => {
    const { sim, services, vocabulary } = await start();
    expect(sim.stats().live.setups.at(-1)?.vocabulary).toEqual([]);
    const terms = await vocabulary.refresh(AbortSignal.timeout(10_000));
    expect(terms.slice(0, 6)).toEqual(['userId', 'UserRecord', 'fetchUserById', 'MAX_RETRY_COUNT', 'config_path', 'parse_config_file']);
    expect(services.vocabulary()).toEqual(terms);
    await untilReplaced(sim, 'fetchUserById');
    const session = await services.sessions.acquire(AbortSignal.timeout(5_000));
    try {
      expect(session.vocabulary).toEqual(terms);
      const sent = sim.stats().live.setups.at(-1)?.vocabulary ?? [];
      expect(sent).toEqual(expect.arrayContaining(['fetchUserById', 'UserRepository', 'MAX_RETRY_COUNT', 'parse_config_file']));
      expect(sent).not.toContain('ignored_generated_name');
      expect(sent).not.toContain('nodeModulesOnlyName');
      expect(sent).not.toContain('binaryOnlyName');
    } finally {
      services.sessions.release(session, true);
    }
  });

  it('a spoken request spells the project’s identifier once the vocabulary was sent; before, the normaliser maps the spoken form', async () => {
    const { sim, services, vocabulary } = await start();
    sim.setScripts([{ toneHz: TONE_HZ, final: 'write a test for fetchUserById' }]);

    const plain = await services.sessions.acquire(AbortSignal.timeout(5_000));
    const spoken = await transcribe(plain, audio);
    services.sessions.release(plain, true);
    expect(spoken).toBe(SPOKEN);

    const terms = await vocabulary.refresh(AbortSignal.timeout(10_000));
    // Without the vocabulary in the session, the known names still turn the spoken form into the identifier.
    expect(normaliseIdentifiers(spoken, terms)).toBe('write a test for fetchUserById');

    await untilReplaced(sim, 'fetchUserById');
    const biased = await services.sessions.acquire(AbortSignal.timeout(5_000));
    const final = await transcribe(biased, audio);
    services.sessions.release(biased, true);
    expect(final).toBe('write a test for fetchUserById');
    expect(sim.stats().live.turns.at(-1)?.samples).toBe(audio.reduce((n, c) => n + c.byteLength / 2, 0));
  });
});
