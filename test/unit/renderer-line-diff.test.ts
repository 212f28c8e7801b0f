// The edit diff model: line rows, changed words within paired lines, streaming tails, CRLF, and bounded work on hostile input.
import { describe, expect, it } from 'vitest';
import { countLines, diffSummary, lineDiff, MAX_ROWS, type DiffRow } from '../../renderer/src/model/line-diff';

const kinds = (before: string, after: string, partial = false): string => lineDiff(before, after, { partial }).rows.map((r) => `${r.kind === 'same' ? ' ' : r.kind === 'add' ? '+' : '-'}${r.text}`).join('|');

describe('lineDiff', () => {
  it('keeps unchanged lines and shows a changed line as removed then added, with line numbers', () => {
    const d = lineDiff('def f(a):\n    return a\n', 'def f(a, max_speed):\n    return a\n');
    expect(kinds('def f(a):\n    return a\n', 'def f(a, max_speed):\n    return a\n')).toBe('-def f(a):|+def f(a, max_speed):|     return a');
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    expect(d.rows[2]).toMatchObject({ kind: 'same', oldLine: 2, newLine: 2 });
    expect(d.minimal).toBe(true);
  });

  it('marks the changed words of a paired line and leaves the rest unmarked', () => {
    const d = lineDiff('const user = load(id);\n', 'const account = load(id);\n');
    const del = d.rows[0];
    const add = d.rows[1];
    expect(del?.kind === 'del' && del.segments?.filter((s) => s.changed).map((s) => s.text)).toEqual(['user']);
    expect(add?.kind === 'add' && add.segments?.filter((s) => s.changed).map((s) => s.text)).toEqual(['account']);
    expect(add?.kind === 'add' && add.segments?.map((s) => s.text).join('')).toBe('const account = load(id);');
  });

  it('treats CRLF and a missing final newline as the same line', () => {
    expect(kinds('a\r\nb\r\n', 'a\nb')).toBe(' a| b');
    expect(lineDiff('a\r\nb', 'a\r\nc\r\n').rows.map((r) => r.text)).toEqual(['a', 'b', 'c']);
  });

  it('while streaming, the selection not yet reached is pending, not removed', () => {
    const before = 'one\ntwo\nthree\nfour\n';
    const d = lineDiff(before, 'ONE\ntwo\n', { partial: true });
    expect(d.rows.map((r) => r.kind)).toEqual(['del', 'add', 'same']);
    expect(d.pending).toBe(2);
    expect(d.removed).toBe(1);
    expect(diffSummary(d)).toBe('1 line added, 1 line removed, 2 lines still to come');
    // Finished, the same tail is removed.
    expect(lineDiff(before, 'ONE\ntwo\n').removed).toBe(3);
  });

  it('an empty side: everything added or removed', () => {
    expect(kinds('', 'x\ny\n')).toBe('+x|+y');
    expect(kinds('x\n', '')).toBe('-x');
    expect(lineDiff('', '').rows).toEqual([]);
  });

  it('wholly different large inputs stay bounded: removed then added, rows capped', () => {
    const before = Array.from({ length: 5_000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 20_000 }, (_, i) => `after ${i}`).join('\n');
    const d = lineDiff(before, after);
    expect(d.minimal).toBe(false);
    expect(d.removed).toBe(5_000);
    expect(d.added).toBe(20_000);
    expect(d.rows.length).toBe(MAX_ROWS);
    expect(d.hiddenRows).toBe(25_000 - MAX_ROWS);
  });

  it('inputs past the limits are cut before diffing (64 KB selection, 1 M answer)', () => {
    const d = lineDiff('a'.repeat(200_000), `${'b\n'.repeat(600_000)}`);
    expect(d.removed).toBe(1);
    expect(d.rows[0]?.text.length).toBe(65_536);
    expect(d.added).toBe(500_000);
  });

  it('very long changed lines are shown whole, without word marks', () => {
    const d = lineDiff(`${'a '.repeat(400)}\n`, `${'b '.repeat(400)}\n`);
    expect(d.rows.every((r) => r.kind === 'same' || r.segments === undefined)).toBe(true);
  });

  it('countLines counts as an editor does', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\r\nb\r\n')).toBe(2);
  });
});

describe('changed words', () => {
  const marked = (a: string, b: string): { del: string[]; add: string[]; addText: string; delText: string } => {
    const d = lineDiff(`${a}\n`, `${b}\n`);
    const del = d.rows.find((r) => r.kind === 'del');
    const add = d.rows.find((r) => r.kind === 'add');
    const segs = (r: DiffRow | undefined) => (r && r.kind !== 'same' ? (r.segments ?? []) : []);
    return { del: segs(del).filter((s) => s.changed).map((s) => s.text), add: segs(add).filter((s) => s.changed).map((s) => s.text), delText: segs(del).map((s) => s.text).join(''), addText: segs(add).map((s) => s.text).join('') };
  };

  it('marks whole words, never half of one, and the segments rebuild both lines', () => {
    const m = marked('  total = count + offset', '  total = counter + offset');
    expect(m.del).toEqual(['count']);
    expect(m.add).toEqual(['counter']);
    expect(m.delText).toBe('  total = count + offset');
    expect(m.addText).toBe('  total = counter + offset');
    const n = marked('retries: options.retries ?? 3 })', 'retries: options.retries ?? 5, signal })');
    expect(n.addText).toBe('retries: options.retries ?? 5, signal })');
    expect(n.add.join('')).toMatch(/^5, signal/);
    expect(n.del).toEqual(['3']);
  });

  it('a change at either end of a line', () => {
    expect(marked('foo(a)', 'bar(a)')).toMatchObject({ del: ['foo'], add: ['bar'] });
    expect(marked('x = value1', 'x = value2')).toMatchObject({ del: ['value1'], add: ['value2'] });
    expect(marked('ab', 'abc')).toMatchObject({ del: ['ab'], add: ['abc'] });
  });
});

describe('a streaming answer that ends in a changed line', () => {
  it('replaces as many lines as it wrote; the rest of the selection is still to come, not removed', () => {
    const before = 'def f(a):\n    x = 1\n    y = 2\n    return x\n';
    const d = lineDiff(before, 'def f(a, b):\n', { partial: true });
    expect(d.rows.map((r) => `${r.kind}:${r.text}`)).toEqual(['del:def f(a):', 'add:def f(a, b):']);
    expect(d.removed).toBe(1);
    expect(d.pending).toBe(3);
    // The changed words of the pair are marked as for any other changed line.
    expect(d.rows[1]?.kind === 'add' && d.rows[1].segments?.filter((s) => s.changed).map((s) => s.text)).toEqual([', b']);
    // Finished, the same answer removes the rest.
    expect(lineDiff(before, 'def f(a, b):\n').removed).toBe(4);
  });
});
