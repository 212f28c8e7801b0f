// The personal dictionary's pure parts: spoken forms replaced by whole words, import/export text, commands, ranking.
import { describe, expect, it } from 'vitest';
import { DictionaryMatcher } from '../../main/personal/dictionary-matcher.js';
import { checkEntry, formatExport, parseImport } from '../../main/personal/dictionary-text.js';
import { commandKey, dictionaryAddRequest, expandPlaceholders, snippetRequest } from '../../main/personal/personal-commands.js';
import { rankDictionary, USE_HALF_LIFE_MS } from '../../main/personal/dictionary-rank.js';

const rules = [
  { term: 'kubectl', spoken: 'cube control' },
  { term: 'Postgres', spoken: 'post gres' },
  { term: 'PostgreSQL', spoken: 'post gres q l' },
  { term: 'Node.js', spoken: 'node js' },
];

describe('spoken forms in a transcript', () => {
  const matcher = new DictionaryMatcher(rules);

  it('replaces a spoken form by the term as written: "cube control get pods" becomes "kubectl get pods"', () => {
    expect(matcher.apply('cube control get pods').text).toBe('kubectl get pods');
    expect(matcher.apply('Cube Control get pods').text).toBe('kubectl get pods');
    expect(matcher.apply('connect to post gres, then run cube control').text).toBe('connect to Postgres, then run kubectl');
  });

  it('matches whole words only, and the longest spoken form', () => {
    expect(matcher.apply('cube controls are cube controller parts').text).toBe('cube controls are cube controller parts');
    expect(matcher.apply('a Rubik cube control panel').text).toBe('a Rubik kubectl panel');
    expect(matcher.apply('use post gres q l now').text).toBe('use PostgreSQL now');
    expect(matcher.apply('post gres q').text).toBe('Postgres q');
  });

  it('does not join words across punctuation, and keeps the text between matches as it was', () => {
    expect(matcher.apply('cube, control').text).toBe('cube, control');
    expect(matcher.apply('  run   cube   control!  ').text).toBe('  run   kubectl!  ');
  });

  it('reports which rules matched, for use counts', () => {
    expect(matcher.apply('cube control and post gres and cube control').hits).toEqual([0, 1, 0]);
    expect(matcher.apply('nothing here').hits).toEqual([]);
  });

  it('a later rule with the same spoken form wins', () => {
    const m = new DictionaryMatcher([{ term: 'a', spoken: 'x y' }, { term: 'b', spoken: 'X  Y' }]);
    expect(m.apply('x y').text).toBe('b');
    expect(m.size).toBe(1);
  });
});

describe('entries and import files', () => {
  it('checks an entry: trimmed, bounded, spoken form as lower-case words', () => {
    expect(checkEntry({ term: ' kubectl ', spoken: ' Cube  Control ' })).toEqual({ term: 'kubectl', spoken: 'cube control', spokenKey: 'cube control' });
    expect(checkEntry({ term: '' })).toMatch(/empty/);
    expect(checkEntry({ term: 'x'.repeat(101) })).toMatch(/longer than 100/);
    expect(checkEntry({ term: 'a\u0007b' })).toMatch(/control character/);
    expect(checkEntry({ term: 'a', spoken: '!!!' })).toMatch(/no words/);
    expect(checkEntry({ term: 'a', spoken: 'one two three four five six seven eight nine' })).toMatch(/more than 8 words/);
  });

  it('reads one term per line, CSV of term and spoken form, quotes, comments and a header', () => {
    const text = '\uFEFFterm,spoken form\nkubectl,cube control\n# a comment\n\nTypeScript\n"Foo, Inc","foo ink"\r\n"say ""hi""",say hi\n';
    expect(parseImport(text)).toEqual([
      { term: 'kubectl', spoken: 'cube control', spokenKey: 'cube control' },
      { term: 'TypeScript', spoken: null, spokenKey: null },
      { term: 'Foo, Inc', spoken: 'foo ink', spokenKey: 'foo ink' },
      { term: 'say "hi"', spoken: 'say hi', spokenKey: 'say hi' },
    ]);
  });

  it('refuses a file with bad lines, naming each line, and imports nothing', () => {
    const text = 'good\n,no term\na,b,c\n"open quote\nfine,sounds fine\n';
    expect(() => parseImport(text)).toThrowError(/3 lines cannot be read.*line 2: the term is empty.*line 3: 3 fields.*line 4: a double quote is not closed/);
  });

  it('bounds the file and the number of entries', () => {
    expect(() => parseImport('x'.repeat(2 * 1024 * 1024 + 1))).toThrowError(/larger than 2 MB/);
    const many = Array.from({ length: 20_001 }, (_, i) => `t${i}`).join('\n');
    expect(() => parseImport(many)).toThrowError(/at most 20,000/);
  });

  it('lists at most ten line errors and counts the rest', () => {
    const text = Array.from({ length: 25 }, () => '"').join('\n');
    expect(() => parseImport(text)).toThrowError(/25 lines cannot be read \(and 15 more\)/);
  });

  it('export is read back by import', () => {
    const entries = [{ term: 'kubectl', spoken: 'cube control' }, { term: 'Foo, "Inc"', spoken: null }, { term: '#region', spoken: 'region' }];
    expect(parseImport(formatExport(entries)).map((e) => ({ term: e.term, spoken: e.spoken }))).toEqual(entries);
  });
});

describe('personal commands', () => {
  const names = new Set(['debug template', 'license header']);
  it('finds a snippet by name in the common phrasings, and nothing else', () => {
    expect(snippetRequest('Insert my debug template.', (k) => names.has(k))).toBe('debug template');
    expect(snippetRequest('expand the license header snippet', (k) => names.has(k))).toBe('license header');
    expect(snippetRequest('paste snippet debug template', (k) => names.has(k))).toBe('debug template');
    expect(snippetRequest('insert a row into the users table', (k) => names.has(k))).toBeUndefined();
    expect(snippetRequest('write a debug template', (k) => names.has(k))).toBeUndefined();
  });

  it('recognises "add X to my dictionary" and returns the words heard, for the user to check', () => {
    expect(dictionaryAddRequest('Add kubectl to my dictionary.')).toBe('kubectl');
    expect(dictionaryAddRequest('please add "Postgres" to the dictionary')).toBe('Postgres');
    expect(dictionaryAddRequest('add a function to my class')).toBeUndefined();
    expect(dictionaryAddRequest(`add ${'x '.repeat(200)} to my dictionary`)).toBeUndefined();
  });

  it('expands placeholders once; other braces stay', () => {
    const out = expandPlaceholders('// {{date}}\nconsole.log({{ clipboard }}, {{selection}}) {{other}}', { date: '2026-12-06', clipboard: 'x {{date}}' });
    expect(out).toBe('// 2026-12-06\nconsole.log(x {{date}}, ) {{other}}');
    expect(commandKey('  Debug   Template! ')).toBe('debug template');
  });
});

describe('ranking dictionary terms for the vocabulary', () => {
  const now = 1_000 * USE_HALF_LIFE_MS;
  const row = (id: number, term: string, uses: number, lastUsedAt: number | null, addedAt = now) => ({ id, term, spoken: null, addedAt, uses, lastUsedAt });
  it('ranks by uses decayed by age, then by the order added', () => {
    const rows = [row(1, 'old', 8, now - 4 * USE_HALF_LIFE_MS), row(2, 'fresh', 1, now), row(3, 'never', 0, null), row(4, 'busy', 5, now), row(5, 'later', 0, null)];
    // old: 9/16; fresh: 2; never: 1; busy: 6; later: 1 (added after never).
    expect(rankDictionary(rows, 10, now)).toEqual(['busy', 'fresh', 'never', 'later', 'old']);
    expect(rankDictionary(rows, 2, now)).toEqual(['busy', 'fresh']);
  });

  it('sums the spoken forms of one term', () => {
    const rows = [row(1, 'a', 1, now), { ...row(2, 'b', 1, now) }, { ...row(3, 'b', 0, null) }];
    expect(rankDictionary(rows, 10, now)).toEqual(['b', 'a']);
  });
});
