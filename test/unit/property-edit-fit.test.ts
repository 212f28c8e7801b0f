// Fitting a replacement to a selection on any input: the selection's line endings, final newline and base indentation, the code's own text, idempotence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitAnswer, fitReplacement, restoreSecrets, selectionLineCount, selectionShape, utf8Bytes } from '../../main/pipeline/edit-fit.js';
import { secretRanges } from '../../main/pipeline/redact.js';
import { propertyParams } from '../support/fault-helpers.js';

const indent = fc.constantFrom('', '  ', '    ', '\t', '\t\t', ' \t', '        ');
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '{', '}', '(', ')', ';', '=', ' ', 'é', '函', '🙂', '`', '#'), minLength: 1, maxLength: 12 }).filter((w) => w.trim() !== '');
const line = fc.oneof({ weight: 5, arbitrary: fc.tuple(indent, word).map(([i, w]) => `${i}${w.trim()}`) }, { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t') });
const eol = fc.constantFrom('\r\n', '\n', '\r');
/** Text whose line breaks are drawn per line (so mixed endings occur), with or without a final one. */
const text = fc.tuple(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 12 }), fc.boolean()).map(([ls, final]) => {
  const joined = ls.map(([l, e]) => `${l}${e}`).join('');
  return final ? joined : joined.slice(0, joined.length - ls[ls.length - 1]![1].length);
});

const nonBlank = (t: string): string[] => t.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');

describe('fitReplacement on any selection and code', { timeout: 120_000 }, () => {
  it('writes only the selection\'s line ending, ends with one exactly when the selection did, and keeps its base indentation', () => {
    fc.assert(
      fc.property(text, text, (selection, code) => {
        fc.pre(selection.trim() !== '' && code.trim() !== '');
        const shape = selectionShape(selection);
        const after = fitReplacement(code, selection);
        const breaks = after.match(/\r\n|\n|\r/g) ?? [];
        for (const b of breaks) expect(b).toBe(shape.eol);
        if (shape.eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(/(?:\r\n|\n|\r)$/.test(after)).toBe(shape.trailingNewline);
        for (const l of nonBlank(after)) expect(l.startsWith(shape.base)).toBe(true);
      }),
      propertyParams(300),
    );
  });

  it('changes nothing but whitespace: the code\'s lines, trimmed, come out in the same order', () => {
    fc.assert(
      fc.property(text, text, (selection, code) => {
        const after = fitReplacement(code, selection);
        expect(nonBlank(after).map((l) => l.trim())).toEqual(nonBlank(code).map((l) => l.trim()));
      }),
      propertyParams(300),
    );
  });

  it('is idempotent: fitting a fitted replacement again changes nothing', () => {
    fc.assert(
      fc.property(text, text, (selection, code) => {
        const once = fitReplacement(code, selection);
        expect(fitReplacement(once, selection)).toBe(once);
      }),
      propertyParams(300),
    );
  });

  it('counts UTF-8 bytes as Buffer does, and lines as an editor does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      propertyParams(100),
    );
    expect(selectionLineCount('')).toBe(0);
    expect(selectionLineCount('a')).toBe(1);
    expect(selectionLineCount('a\r\nb\r\n')).toBe(2);
    expect(selectionLineCount('a\nb')).toBe(2);
  });
});

describe('fitReplacement on the shapes editors produce', () => {
  it('keeps a CRLF selection indented with tabs as CRLF and tabs, even when the code came back with LF and spaces', () => {
    const selection = '\tif (ready) {\r\n\t\tstart();\r\n\t}\r\n';
    const code = 'if (ready && !started) {\n    start();\n}';
    expect(fitReplacement(code, selection)).toBe('\tif (ready && !started) {\r\n\t\tstart();\r\n\t}\r\n');
  });

  it('writes the nested levels of a space-indented selection in its own unit', () => {
    const selection = '    def f(x):\n      return x\n';
    expect(fitReplacement('def f(x, y):\n\treturn x + y', selection)).toBe('    def f(x, y):\n      return x + y\n');
  });

  it('keeps a selection without a final newline without one, and drops the blank lines a model adds around code', () => {
    expect(fitReplacement('\n\nconst a = 1;\n\n', 'let a = 1;')).toBe('const a = 1;');
  });

  it('returns a well-formed selection unchanged when the code is the selection', () => {
    const selection = '\t\tfoo();\r\n\t\tif (x) {\r\n\t\t\tbar();\r\n\t\t}\r\n';
    expect(fitReplacement(selection, selection)).toBe(selection);
  });

  it('re-indents the later lines of a selection that starts after its first line\'s indentation (selected from the first word)', () => {
    const selection = 'function load() {\r\n\t\treturn 1;\r\n\t}';
    // The model answers dedented, its closing brace at the first line's level.
    expect(fitReplacement('async function load() {\n    return 1;\n}', selection)).toBe('async function load() {\r\n\t\treturn 1;\r\n\t}');
    // Echoed with the selection's own indentation, it stays as it is.
    expect(fitReplacement('async function load() {\n\t\treturn 1;\n\t}', selection)).toBe('async function load() {\r\n\t\treturn 1;\r\n\t}');
    // Whole lines of a top-level block: nothing moves.
    expect(fitReplacement('if (x) {\n  a();\n}', 'if (x) {\n  b();\n}\n')).toBe('if (x) {\n  a();\n}\n');
  });

  it('picks the majority ending of a mixed selection (one stray LF in a CRLF file)', () => {
    expect(selectionShape('a\r\nb\r\nc\nd\r\n').eol).toBe('\r\n');
    expect(selectionShape('a\nb\nc\r\n').eol).toBe('\n');
  });
});

describe('fitAnswer and restoreSecrets', () => {
  it('keeps only the code of an answer, never its prose; prose alone leaves the selection as it was', () => {
    const fitted = fitAnswer('Sure, here you go:\n\n```ts\nconst b = 2;\n```\n\nThat renames it.', '  const a = 1;\n', 'typescript');
    expect(fitted).toMatchObject({ after: '  const b = 2;\n', hasCode: true });
    expect(fitAnswer('I could not understand the request, sorry about that.', 'x = 1\n', 'python')).toMatchObject({ after: 'x = 1\n', hasCode: false });
  });

  it('puts the selection\'s secrets back where the answer kept their marks', () => {
    const key = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
    const selection = `const token = "${key}";\nuse(token);\n`;
    const ranges = secretRanges(selection).ranges;
    expect(ranges).toHaveLength(1);
    expect(restoreSecrets('const authToken = "[REDACTED:github_token]";\nuse(authToken);\n', selection, ranges)).toBe(`const authToken = "${key}";\nuse(authToken);\n`);
    expect(restoreSecrets('x = "[REDACTED:jwt]"', selection, ranges)).toBe('x = "[REDACTED:jwt]"');
  });
});
