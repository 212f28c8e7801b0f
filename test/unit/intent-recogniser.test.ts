// What callers of the intent recogniser see: slots from speech, settings and clipboard; the bounded model assist; quick commands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { quickCommandIntent, quickCommandResult, recogniseIntent, resolveIntent } from '../../main/intent/recogniser.js';
import { INTENT_NAMES, QUICK_COMMANDS, type IntentName } from '../../main/intent/types.js';

const PY = 'def load(path):\n    with open(path) as f:\n        return f.read()\n';
const RESOLVE = { timeoutMs: 1000, assistBelowConfidence: 0.45 };

describe('recogniseIntent', () => {
  it('answers with an intent, canonical slots, a confidence in [0, 1] and source local', () => {
    const r = recogniseIntent('Write a debounce function in TypeScript, please.', { defaultLanguage: 'python' });
    expect(r).toMatchObject({ intent: 'generate_function', slots: { language: 'typescript' }, source: 'local' });
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['write it in type script', 'typescript'], ['write it in java script', 'javascript'], ['write a c sharp method', 'csharp'],
    ['write a c plus plus function', 'cpp'], ['write a function in c++', 'cpp'], ['write a function in C#', 'csharp'],
    ['write a golang function', 'go'], ['write a node script', 'javascript'], ['write a shell script', 'bash'], ['write a js function', 'javascript'],
    ['write a ts function', 'typescript'], ['write a py function', 'python'], ['write a power shell script', 'powershell'], ['write a node.js server', 'javascript'],
  ])('maps the spoken language in "%s" to %s', (text, language) => {
    expect(recogniseIntent(text, { defaultLanguage: 'ruby' }).slots.language).toBe(language);
  });

  it('does not take "go" or "c" as languages outside a language context', () => {
    expect(recogniseIntent('write a function that lets the user go through the list', { defaultLanguage: 'rust' }).slots.language).toBe('rust');
    expect(recogniseIntent('write a function that returns plan c when plan b fails', { defaultLanguage: 'rust' }).slots.language).toBe('rust');
  });

  it('falls back to the settings default, then to the clipboard code', () => {
    expect(recogniseIntent('write a throttle function', { defaultLanguage: 'kotlin' }).slots.language).toBe('kotlin');
    expect(recogniseIntent('write a throttle function', { clipboardCode: PY }).slots.language).toBe('python');
    expect(recogniseIntent('write a throttle function', {}).slots.language).toBeUndefined();
  });

  it('prefers the copied code\'s language over the default for requests on existing code', () => {
    expect(recogniseIntent('add types to this', { defaultLanguage: 'typescript', clipboardCode: PY }).slots.language).toBe('python');
    expect(recogniseIntent('explain this', { defaultLanguage: 'typescript', clipboardCode: PY }).slots.language).toBe('python');
    // New code is written in the default language even when something else is on the clipboard.
    expect(recogniseIntent('write a function that sorts users', { defaultLanguage: 'typescript', clipboardCode: PY }).slots.language).toBe('typescript');
  });

  it('fills target_language for conversions and keeps the source language', () => {
    const r = recogniseIntent('convert this javascript to golang', { defaultLanguage: 'typescript' });
    expect(r).toMatchObject({ intent: 'convert_language', slots: { language: 'javascript', target_language: 'go' } });
    expect(recogniseIntent('write a function to convert celsius to fahrenheit in python', {}).intent).toBe('generate_function');
  });

  it('names the code from spoken case instructions, "called", and known identifiers', () => {
    expect(recogniseIntent('write a function camel case fetch user', {}).slots.name).toBe('fetchUser');
    expect(recogniseIntent('write a function called parse date in python', {}).slots.name).toBe('parse_date');
    expect(recogniseIntent('create a class called order service', { defaultLanguage: 'python' }).slots.name).toBe('OrderService');
    expect(recogniseIntent('write tests for fetch user by id', { knownIdentifiers: ['fetchUserById'] }).slots.name).toBe('fetchUserById');
    expect(recogniseIntent('write tests for fetch user by id', {}).slots.name).toBeUndefined();
  });

  it('fills the framework and the language it implies', () => {
    expect(recogniseIntent('write a django view for the home page', { defaultLanguage: 'typescript' }).slots).toMatchObject({ framework: 'django', language: 'python' });
    expect(recogniseIntent('write jest tests for this', { defaultLanguage: 'javascript' }).slots).toMatchObject({ framework: 'jest', language: 'javascript' });
  });

  it('gives a request without any cue a low confidence, so the assist is asked', () => {
    const r = recogniseIntent('the quarterly numbers for marketing', {});
    expect(r.intent).toBe('generic');
    expect(r.confidence).toBeLessThan(RESOLVE.assistBelowConfidence);
  });
});

describe('resolveIntent', () => {
  const vague = 'the quarterly numbers for marketing';

  it('returns the local result without calling the assist when confident', async () => {
    let calls = 0;
    const r = await resolveIntent('explain this code', {}, { ...RESOLVE, assist: async () => { calls++; return 'generic'; } });
    expect(r).toMatchObject({ intent: 'explain', source: 'local' });
    expect(calls).toBe(0);
  });

  it('uses the assist\'s answer below the threshold', async () => {
    const r = await resolveIntent(vague, {}, { ...RESOLVE, assist: async () => 'generate_sql' });
    expect(r).toMatchObject({ intent: 'generate_sql', source: 'assist' });
  });

  it('falls back to generic and aborts the assist when it outlives the timeout', async () => {
    let seen: AbortSignal | undefined;
    const assist = (_text: string, signal: AbortSignal): Promise<IntentName | undefined> => {
      seen = signal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
    };
    const r = await resolveIntent(vague, {}, { ...RESOLVE, timeoutMs: 20, assist });
    expect(r).toMatchObject({ intent: 'generic', source: 'fallback', fallback: 'timeout' });
    expect(r.assistError?.code).toBe('TIMEOUT');
    expect(seen?.aborted).toBe(true);
  });

  it('falls back to generic when the assist fails, answers nonsense, or is missing', async () => {
    const failing = await resolveIntent(vague, {}, { ...RESOLVE, assist: async () => { throw new AppError('UNAVAILABLE', 'down'); } });
    expect(failing).toMatchObject({ intent: 'generic', fallback: 'error' });
    const nonsense = await resolveIntent(vague, {}, { ...RESOLVE, assist: async () => 'make_coffee' as IntentName });
    expect(nonsense).toMatchObject({ intent: 'generic', fallback: 'no-answer' });
    expect(await resolveIntent(vague, {}, RESOLVE)).toMatchObject({ intent: 'generic', fallback: 'no-assist' });
  });

  it('rejects with CANCELLED when the caller cancels during the assist', async () => {
    const controller = new AbortController();
    const assist = (_t: string, signal: AbortSignal): Promise<IntentName | undefined> => new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      controller.abort();
    });
    await expect(resolveIntent(vague, {}, { ...RESOLVE, assist, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('quick commands', () => {
  it('map to their intents directly', () => {
    for (const command of QUICK_COMMANDS) expect(quickCommandIntent(command)).toBe(command);
    expect(quickCommandIntent('add-types')).toBe('add_types');
    expect(() => quickCommandIntent('format_disk')).toThrowError(AppError);
  });

  it('take the clipboard code\'s language and the conversion target', () => {
    expect(quickCommandResult('convert_language', { clipboardCode: PY, targetLanguage: 'golang' })).toEqual({
      intent: 'convert_language', slots: { language: 'python', target_language: 'go' }, confidence: 1, source: 'quick',
    });
    expect(quickCommandResult('explain', { defaultLanguage: 'typescript' }).slots.language).toBe('typescript');
  });
});

describe('recogniseIntent on any input', () => {
  it('never throws and always answers a known intent with a confidence in [0, 1]', () => {
    const word = fc.constantFrom('write', 'a', 'function', 'this', 'convert', 'to', 'go', 'c', 'camel', 'case', 'fix', 'the', 'test', 'regex', 'sql', 'in', 'python', 'called', 'explain', '"', ',', 'C++', 'C#', '.', 'fetch', 'user');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(word).map((w) => w.join(' '))), fc.option(fc.string()), (text, clip) => {
      const r = recogniseIntent(text, { defaultLanguage: 'typescript', knownIdentifiers: ['fetchUser'], ...(clip ? { clipboardCode: clip } : {}) });
      expect(INTENT_NAMES).toContain(r.intent);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });
});
