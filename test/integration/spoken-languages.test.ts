// Spoken languages (issue 23): the languages picked in Settings go to Gemini in every Live setup's
// inputAudioTranscription.languageCodes (empty: detect), a change applies to the next dictation, bad codes are refused,
// and the prompt keeps identifiers and code in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../main/config/schema.js';
import { buildPrompt } from '../../main/pipeline/prompts.js';
import { parseField, SETTINGS_GROUPS } from '../../renderer/src/model/settings-fields.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

async function update(h: Harness, patch: Record<string, unknown>): Promise<{ ok: boolean; code?: string; message?: string }> {
  const outcome = await h.app.router.call('settings.update', { patch }, { clientId: 'languages-test' });
  return outcome.ok ? { ok: true } : { ok: false, code: outcome.error.code, message: outcome.error.message };
}

describe('spoken languages', { timeout: 60_000 }, () => {
  let h: Harness;
  let audio: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16('write a function that adds two numbers', { toneHz: 1700 }));
    h = await startHarness({ host: 'web', settings: { language: { spoken: ['fr-FR', 'en-US'] }, speculation: { enabled: false } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const dictate = async (): Promise<string[] | undefined> => {
    const dictation = h.app.startDictation({ clientId: 'languages-test' });
    for (const chunk of audio) dictation.push(chunk);
    await dictation.finish();
    const live = h.sim.stats().live;
    const turn = live.turns.at(-1);
    return live.setups.find((s) => s.connectionId === turn?.connectionId)?.languageCodes;
  };

  it('the Live setup the simulator received carries the languages picked, and a change applies to the next dictation', async () => {
    expect(await dictate()).toEqual(['fr-FR', 'en-US']);
    expect(await update(h, { language: { spoken: [] } })).toEqual({ ok: true });
    // Empty: the model detects the language.
    expect(await dictate()).toEqual([]);
    expect(await update(h, { language: { spoken: ['de'] } })).toEqual({ ok: true });
    expect(await dictate()).toEqual(['de']);
  });

  it('refuses what is not a short list of BCP-47 codes, in main and in the Settings form', async () => {
    for (const spoken of [['english'], ['en-US', 'en-us'], Array.from({ length: 9 }, (_, i) => `x${String.fromCharCode(97 + i)}`), ['en-US; rm -rf /']]) {
      const answer = await update(h, { language: { spoken } });
      expect(answer.ok, JSON.stringify(spoken)).toBe(false);
      expect(answer.code).toBe('CONFIG');
    }
    expect((await update(h, { language: { spoken: ['english'] } })).message).toMatch(/BCP-47/);
    expect(settingsSchema.parse({ language: { spoken: ['zh-Hans-CN', 'es-419', 'pt-BR'] } }).language.spoken).toEqual(['zh-Hans-CN', 'es-419', 'pt-BR']);
    expect(settingsSchema.parse({}).language.spoken).toEqual([]);
    const field = SETTINGS_GROUPS.flatMap((g) => g.fields).find((f) => f.path === 'language.spoken');
    expect(field).toBeDefined();
    if (!field) return;
    expect(parseField(field, 'en-US, fr')).toEqual({ ok: true, value: ['en-US', 'fr'] });
    expect(parseField(field, '')).toEqual({ ok: true, value: [] });
    expect(parseField(field, 'english')).toMatchObject({ ok: false });
    expect(parseField(field, 'en, en')).toMatchObject({ ok: false });
  });

  it('the prompt keeps identifiers and code in English unless the request asks otherwise', () => {
    const prompt = buildPrompt({ intent: 'generate_function', slots: { language: 'python' }, transcript: 'écris une fonction qui additionne deux nombres', language: 'python' });
    expect(prompt.systemInstruction).toMatch(/write identifiers, code and comments in English unless it asks for another human language/);
  });
});
