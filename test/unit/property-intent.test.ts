// Any text through the intent recogniser and the spoken-identifier normaliser (any Unicode, spoken-identifier
// phrases, very long input): they never throw and always answer within their contract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextReferences } from '../../main/intent/context-references.js';
import { normaliseIdentifiers, scanIdentifiers } from '../../main/intent/identifier.js';
import { detectLanguage } from '../../main/intent/language-detect.js';
import { canonicalLanguage } from '../../main/intent/languages.js';
import { normaliseTranscript } from '../../main/intent/normalise.js';
import { quickCommandResult, recogniseIntent } from '../../main/intent/recogniser.js';
import { INTENT_NAMES, QUICK_COMMANDS } from '../../main/intent/types.js';
import { LANGUAGE_IDS } from '../../main/config/schema.js';
import { propertyParams } from '../support/fault-helpers.js';

/** Words the recogniser and normaliser react to, so random phrases reach their deeper paths. */
const CUES = [
  'write', 'a', 'function', 'class', 'test', 'for', 'that', 'in', 'python', 'go', 'typescript', 'rust', 'c', 'sharp', 'plus',
  'camel', 'snake', 'pascal', 'kebab', 'constant', 'case', 'called', 'named', 'user', 'id', 'get', 'by', 'convert', 'to', 'explain',
  'this', 'code', 'fix', 'error', 'regex', 'sql', 'query', 'shell', 'script', 'add', 'types', 'document', 'refactor', 'jest', 'pytest',
  'dot', 'underscore', 'dash', 'open', 'paren', 'the', 'clipboard', 'copied', '42', 'über', 'naïve', '函数', 'функция', '🙂',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.constantFrom(...CUES), { maxLength: 40 }).map((w) => w.join(' ')),
  fc
    .tuple(fc.array(fc.oneof(fc.constantFrom(...CUES), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 40 }), fc.constantFrom(' ', '  ', '\n', '\t', '', '-', '_'))
    .map(([words, separator]) => words.join(separator)),
);
const knownArb = fc.array(fc.oneof(fc.constantFrom('userId', 'getUserById', 'HTTPServer', 'snake_case_name', 'x', ''), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 8 });
const languageOption = fc.option(fc.oneof(fc.constantFrom(...LANGUAGE_IDS), fc.string({ maxLength: 10 })), { nil: undefined });

function expectValidRecognition(r: ReturnType<typeof recogniseIntent>): void {
  expect(INTENT_NAMES).toContain(r.intent);
  expect(Number.isFinite(r.confidence)).toBe(true);
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  if (r.slots.language !== undefined) expect(LANGUAGE_IDS).toContain(r.slots.language);
  if (r.slots.target_language !== undefined) expect(LANGUAGE_IDS).toContain(r.slots.target_language);
  if (r.slots.name !== undefined) expect(typeof r.slots.name).toBe('string');
}

describe('intent recogniser and identifier normaliser on any input', { timeout: 120_000 }, () => {
  it('recogniseIntent never throws and answers a known intent, slots of known languages and a confidence in [0, 1]', () => {
    fc.assert(
      fc.property(anyText, knownArb, languageOption, fc.option(anyText, { nil: undefined }), (text, known, defaultLanguage, clipboardCode) => {
        expectValidRecognition(recogniseIntent(text, { knownIdentifiers: known, ...(defaultLanguage ? { defaultLanguage } : {}), ...(clipboardCode ? { clipboardCode } : {}) }));
      }),
      propertyParams(1000),
    );
  });

  it('the identifier normaliser never throws, returns a string, and leaves text without spoken-case cues as it was', () => {
    fc.assert(
      fc.property(anyText, knownArb, (text, known) => {
        const out = normaliseIdentifiers(text, known);
        expect(typeof out).toBe('string');
        const scan = scanIdentifiers(text, known);
        expect(typeof scan.text).toBe('string');
        expect(Array.isArray(scan.identifiers)).toBe(true);
        expect(typeof normaliseTranscript(text)).toBe('string');
        expect(typeof contextReferences(text)).toBe('object');
      }),
      propertyParams(1000),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12}){0,8}$/), (text) => {
        fc.pre(!/\b(camel|snake|pascal|kebab|constant|case|called|named|dot|underscore|dash|paren|open)\b/.test(text));
        expect(normaliseIdentifiers(text, [])).toBe(text);
      }),
      propertyParams(300),
    );
  });

  it('tray quick commands and language detection accept any clipboard text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUICK_COMMANDS), anyText, languageOption, (command, clipboardCode, targetLanguage) => {
        const r = quickCommandResult(command, { clipboardCode, ...(targetLanguage ? { targetLanguage } : {}) });
        expectValidRecognition(r);
        const detected = detectLanguage(clipboardCode);
        if (detected !== undefined) expect(LANGUAGE_IDS).toContain(detected);
      }),
      propertyParams(500),
    );
  });

  // Found by the first property: a default language of "__proto__" came back as Object.prototype, and a typed
  // request with language "constructor" failed with INTERNAL ("value.trim is not a function") after its answer streamed.
  it('names of Object.prototype members are not languages, and a function called "constructor" keeps its name', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(canonicalLanguage(name)).toBeUndefined();
      expect(recogniseIntent('write a function', { defaultLanguage: name }).slots.language).toBeUndefined();
      expectValidRecognition(quickCommandResult('convert_language', { clipboardCode: 'x = 1', targetLanguage: name }));
    }
    expect(recogniseIntent('write a python function called constructor').slots).toMatchObject({ language: 'python', name: 'constructor' });
  });

  it('very long input (100,000-character requests, a 1 MB clipboard) is answered, not choked on', () => {
    const spoken = 'write a function called camel case get user by id in python that '.repeat(1_600).slice(0, 100_000);
    const noisy = Array.from({ length: 100_000 }, (_, i) => String.fromCodePoint(((i * 7919) % 0x2ffff) + 32)).join('');
    const unbroken = 'a'.repeat(100_000);
    const spaces = `${' '.repeat(50_000)}camel case${' '.repeat(50_000)}`;
    for (const text of [spoken, noisy, unbroken, spaces]) {
      expectValidRecognition(recogniseIntent(text, { knownIdentifiers: ['getUserById'] }));
      expect(typeof normaliseIdentifiers(text, ['getUserById'])).toBe('string');
      expect(typeof normaliseTranscript(text)).toBe('string');
    }
    const megabyteOfCode = 'def handler(event, context):\n    return {"status": 200}\n'.repeat(20_000).slice(0, 1_000_000);
    expect(detectLanguage(megabyteOfCode)).toBe('python');
    expectValidRecognition(quickCommandResult('explain', { clipboardCode: megabyteOfCode }));
  });
});
