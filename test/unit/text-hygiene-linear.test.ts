// User text with long whitespace runs and repeated openers through the matchers that had polynomial backtracking: correct answers, at the sizes the app accepts.
import { describe, expect, it } from 'vitest';
import { contextReferences } from '../../main/intent/context-references.js';
import { collapseWhitespace, guessLanguage } from '../../main/intent/language-detect.js';
import { extractCode } from '../../main/pipeline/extract-code.js';

/** The largest typed request the app accepts (MAX_TEXT_CHARS). */
const RUN = 100_000;

describe('matchers on long runs', () => {
  it('contextReferences: a trailing "that" or "it" is a follow-up whatever whitespace comes after, and a long run before other words is not', () => {
    expect(contextReferences(`write a function that${' '.repeat(RUN)}x`)).toEqual({ clipboard: false, history: false });
    expect(contextReferences(`add tests for it${' \t\n'.repeat(RUN / 3)}`).history).toBe(true);
    expect(contextReferences(`do it again?${' '.repeat(RUN)}`).history).toBe(true);
    expect(contextReferences(`rename that${' '.repeat(RUN)}!`).history).toBe(true);
  });

  it('guessLanguage: whitespace runs inside cues (import ... from) neither hide a language nor invent one', () => {
    expect(guessLanguage(`import${' '.repeat(1_990)}x`)).toBeUndefined();
    expect(guessLanguage(`import {${' \n'.repeat(900)} a } from 'b';\nexport const x: number = 1;\n`)?.language).toBe('typescript');
    expect(guessLanguage(`${'\n'.repeat(RUN)}def f(x):\n    return x\n`)).toBeUndefined();
  });

  it('collapseWhitespace keeps one character per run: a newline when the run held one', () => {
    expect(collapseWhitespace('a  \t b\n\n  c\r\nd e')).toBe('a b\nc\nd e');
    expect(collapseWhitespace('plain text')).toBe('plain text');
  });

  it('extractCode: bare code with a long inner whitespace run, and a line of many calls', () => {
    const spaced = `const a = f(x);${' '.repeat(RUN)}y;\n`;
    expect(extractCode(spaced)).toMatchObject({ source: 'bare', code: spaced.trimEnd() });
    const calls = `${'a('.repeat(RUN / 2)})`;
    expect(extractCode(calls)).toMatchObject({ source: 'bare', code: calls });
  });
});
