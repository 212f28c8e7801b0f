// Line alignment for the edit diff: lines interned to integers, unique common lines as anchors, jsdiff's Myers (diffArrays) between them.
import { diffArrays } from 'diff';

/** A run of lines: `count` lines kept, removed from the selection, or added by the replacement, in order. */
export interface LineRun {
  kind: 'same' | 'del' | 'add';
  count: number;
}

/** Each distinct line as a small integer: comparing two lines is then one integer compare, whatever their length. */
export function internLines(before: readonly string[], after: readonly string[]): { a: number[]; b: number[]; distinct: number } {
  const ids = new Map<string, number>();
  const id = (line: string): number => {
    let v = ids.get(line);
    if (v === undefined) {
      v = ids.size;
      ids.set(line, v);
    }
    return v;
  };
  const a = before.map(id);
  const b = after.map(id);
  return { a, b, distinct: ids.size };
}

/**
 * Lines that occur exactly once on each side, in an order both sides agree on (the longest increasing run of their
 * positions, patience sorting: O(k log k)). Anchored there, Myers runs on the small gaps between them: its cost grows
 * with the square of the edits in one gap, not of all the edits (a 500-line edit with 260 edits: 4 ms to well under 1).
 */
export function uniqueAnchors(a: readonly number[], b: readonly number[], distinct: number): Array<[number, number]> {
  const inA = new Uint32Array(distinct);
  const inB = new Uint32Array(distinct);
  const whereB = new Int32Array(distinct);
  for (const id of a) inA[id] = (inA[id] as number) + 1;
  for (let j = 0; j < b.length; j++) {
    const id = b[j] as number;
    inB[id] = (inB[id] as number) + 1;
    whereB[id] = j;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < a.length; i++) {
    const id = a[i] as number;
    if (inA[id] === 1 && inB[id] === 1) pairs.push([i, whereB[id] as number]);
  }
  // Longest increasing subsequence of the B positions (A positions already increase).
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const j = (pairs[k] as [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const anchors: Array<[number, number]> = new Array(tails.length);
  for (let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1, n = tails.length - 1; k >= 0; k = previous[k] as number, n--) anchors[n] = pairs[k] as [number, number];
  return anchors;
}

/**
 * The runs that turn `a` into `b`, or undefined when that needs more than `maxEdits` removed plus added lines (the
 * caller then shows everything removed and added). Each gap's diff is jsdiff's own, so within a gap it is minimal.
 */
export function alignLines(a: readonly number[], b: readonly number[], distinct: number, maxEdits: number): LineRun[] | undefined {
  const runs: LineRun[] = [];
  const push = (kind: LineRun['kind'], count: number): void => {
    if (count === 0) return;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) last.count += count;
    else runs.push({ kind, count });
  };
  let budget = maxEdits;
  const gap = (i0: number, i1: number, j0: number, j1: number): boolean => {
    if (i0 === i1 || j0 === j1) {
      budget -= i1 - i0 + (j1 - j0);
      push('del', i1 - i0);
      push('add', j1 - j0);
      return budget >= 0;
    }
    const parts = diffArrays(a.slice(i0, i1), b.slice(j0, j1), { maxEditLength: budget });
    if (!parts) return false;
    for (const part of parts) {
      const count = part.value.length;
      if (part.added || part.removed) budget -= count;
      push(part.added ? 'add' : part.removed ? 'del' : 'same', count);
    }
    return budget >= 0;
  };
  let i = 0;
  let j = 0;
  for (const [ai, bj] of uniqueAnchors(a, b, distinct)) {
    if (!gap(i, ai, j, bj)) return undefined;
    push('same', 1);
    i = ai + 1;
    j = bj + 1;
  }
  return gap(i, a.length, j, b.length) ? runs : undefined;
}
