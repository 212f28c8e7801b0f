// The edit diff's line alignment: interned lines diff exactly as jsdiff's diffLines does, unique-line anchors keep the diff valid and small, words marked lazily equal words marked at once.
import { diffArrays, diffLines } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignLines, internLines, uniqueAnchors, type LineRun } from '../../renderer/src/model/line-align';
import { lineDiff, linesForDiff, markWords, type DiffRow } from '../../renderer/src/model/line-diff';
import { diffPair } from '../bench/suites/renderer';
import { propertyParams } from '../support/fault-helpers.js';

/** Texts with many repeated lines, CR before some newlines, stray CRs and no final newline at times. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '\r', '\n'), maxLength: 40 }),
  fc
    .tuple(fc.array(fc.constantFrom('x', 'y', 'let a = 1;', '', '  }', 'z\r', 'q'), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, last]) => lines.join(eol) + (last ? eol : '')),
);

/** jsdiff's changes as runs of lines: the plain diff, on strings, that interning must reproduce. */
function plainRuns(before: string, after: string): LineRun[] {
  const fin = (t: string): string => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
  return diffLines(fin(before), fin(after), { stripTrailingCr: true }).map((p) => ({ kind: p.added ? 'add' : p.removed ? 'del' : 'same', count: p.count ?? 0 }));
}

const shown = (rows: readonly DiffRow[], side: 'old' | 'new'): string[] => rows.filter((r) => r.kind === 'same' || r.kind === (side === 'old' ? 'del' : 'add')).map((r) => r.text);

describe('interned lines', () => {
  it('diffArrays on line ids gives the runs diffLines gives on the strings', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const { a, b } = internLines(linesForDiff(before).keys, linesForDiff(after).keys);
        const runs = diffArrays(a, b).map((p): LineRun => ({ kind: p.added ? 'add' : p.removed ? 'del' : 'same', count: p.value.length }));
        expect(runs).toEqual(plainRuns(before, after));
      }),
      propertyParams(400),
    );
  });
});

describe('alignLines', () => {
  it('anchors on lines found once on each side, in the order both agree on', () => {
    const { a, b, distinct } = internLines(['u', 'x', 'v', 'x', 'w'], ['w', 'x', 'u', 'v', 'x']);
    // u, v, w are unique on both sides; w moved to the front, so u and v are the longest run in order.
    expect(uniqueAnchors(a, b, distinct)).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('gives up past the edit budget (the caller shows it all removed and added)', () => {
    const { a, b, distinct } = internLines(['1', 'a', '2', 'b', '3'], ['1', 'A', '2', 'B', '3']);
    expect(alignLines(a, b, distinct, 4)).toEqual([
      { kind: 'same', count: 1 },
      { kind: 'del', count: 1 },
      { kind: 'add', count: 1 },
      { kind: 'same', count: 1 },
      { kind: 'del', count: 1 },
      { kind: 'add', count: 1 },
      { kind: 'same', count: 1 },
    ]);
    expect(alignLines(a, b, distinct, 3)).toBeUndefined();
  });

  it('lineDiff rows rebuild both sides in order, with line numbers, on any input', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = lineDiff(before, after);
        expect(shown(d.rows, 'old')).toEqual(linesForDiff(before).texts);
        expect(shown(d.rows, 'new')).toEqual(linesForDiff(after).texts);
        expect(d.removed).toBe(d.rows.filter((r) => r.kind === 'del').length);
        expect(d.added).toBe(d.rows.filter((r) => r.kind === 'add').length);
        const old = d.rows.flatMap((r) => (r.kind === 'add' ? [] : [r.oldLine]));
        expect(old).toEqual(old.map((_, i) => i + 1));
      }),
      propertyParams(400),
    );
  });

  it('streaming: the rows and the lines still to come rebuild both sides', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = lineDiff(before, after, { partial: true });
        const old = linesForDiff(before).texts;
        expect(shown(d.rows, 'old')).toEqual(old.slice(0, old.length - d.pending));
        expect(shown(d.rows, 'new')).toEqual(linesForDiff(after).texts);
        expect(d.removed).toBe(d.rows.filter((r) => r.kind === 'del').length);
      }),
      propertyParams(400),
    );
  });

  it('without a line unique to both sides, lineDiff is the plain diffLines result', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const keys = internLines(linesForDiff(before).keys, linesForDiff(after).keys);
        fc.pre(uniqueAnchors(keys.a, keys.b, keys.distinct).length === 0);
        const runs: LineRun[] = [];
        for (const r of lineDiff(before, after).rows) {
          const last = runs[runs.length - 1];
          if (last?.kind === r.kind) last.count++;
          else runs.push({ kind: r.kind, count: 1 });
        }
        expect(runs).toEqual(plainRuns(before, after).filter((r) => r.count > 0));
      }),
      propertyParams(400),
    );
  });

  it('the bench edit (500 lines, ~260 edits) is diffed as small as plain Myers diffs it', () => {
    const { before, after } = diffPair();
    const d = lineDiff(before, after);
    const plain = plainRuns(before, after);
    expect(d.minimal).toBe(true);
    expect(d.added + d.removed).toBe(plain.filter((r) => r.kind !== 'same').reduce((s, r) => s + r.count, 0));
  });
});

describe('markWords', () => {
  it('marks the rows asked for, as lineDiff marks them all at once, and no others', () => {
    const { before, after } = diffPair(60);
    const eager = lineDiff(before, after);
    const lazy = lineDiff(before, after, { words: false });
    expect(lazy.rows.some((r) => r.kind !== 'same' && r.segments)).toBe(false);
    markWords(lazy, 0, 10);
    const marked = lazy.rows.filter((r) => r.kind !== 'same' && r.segments).length;
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThan(eager.rows.filter((r) => r.kind !== 'same' && r.segments).length);
    markWords(lazy, 0, lazy.rows.length);
    markWords(lazy, 0, lazy.rows.length);
    const strip = (rows: readonly DiffRow[]): DiffRow[] => rows.map((r) => ({ ...r, pair: undefined }));
    expect(strip(lazy.rows)).toEqual(strip(eager.rows));
  });
});
