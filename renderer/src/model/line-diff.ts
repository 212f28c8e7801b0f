// The edit diff as data: a line diff of the selection against its replacement (jsdiff), changed words marked within paired lines.
import { diffWordsWithSpace } from 'diff';
import { alignLines, internLines } from './line-align';

/** A run of a changed line: `changed` marks the words that differ from its paired line. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

/** `pair`: for a changed line shown against another (a removed line and the added line in its place), that row's index. */
export type DiffRow =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'del'; text: string; oldLine: number; segments?: DiffSegment[]; pair?: number }
  | { kind: 'add'; text: string; newLine: number; segments?: DiffSegment[]; pair?: number };

export interface LineDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** While the answer streams: lines of the selection not yet reached (not shown as removed). */
  pending: number;
  /** Rows past MAX_ROWS that are not in `rows`. */
  hiddenRows: number;
  /** False when the inputs differ too much for a minimal diff: then every line is shown removed and added. */
  minimal: boolean;
}

/** The selection limit (EDIT_SELECTION_MAX_BYTES) is in bytes; a character is at least one. */
export const MAX_BEFORE_CHARS = 65_536;
/** An answer is at most about 1 M characters (the request limit's order); more is cut off before diffing. */
export const MAX_AFTER_CHARS = 1_000_000;
/** Rows rendered at most: a diff longer than this is summarised, not put in the DOM. */
export const MAX_ROWS = 4_000;
/*
 * Myers' diff costs O((N + M) · D) for D edits: capping D keeps a wholly different 1 M-character answer linear
 * (jsdiff gives up and we show it all removed and added). Word diffs are only worth it on lines a person reads.
 */
const MAX_LINE_EDITS = 1_000;
const MAX_WORD_LINE_CHARS = 400;
const MAX_WORD_EDITS = 64;
const MAX_WORD_PAIRS = 2_000;

export interface LineDiffOptions {
  /** The answer is still streaming: its last line may be unfinished and the selection's tail not yet reached. */
  partial?: boolean;
  /**
   * Mark changed words now (default). False leaves it to markWords for the rows on screen: a view that shows 40 of
   * 600 rows diffs the words of those 40.
   */
  words?: boolean;
}

/** Lines of `text` without their ends ("\n" or "\r\n"); a final newline does not start another line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/**
 * Lines as jsdiff's line tokenizer with stripTrailingCr sees them (CRLF made LF first, then split): `keys` compare
 * exactly as its tokens do, `texts` are what is shown (one CR before the newline dropped).
 */
function diffLinesOf(text: string): { keys: string[]; texts: string[] } {
  if (text === '') return { keys: [], texts: [] };
  const keys = (text.includes('\r') ? text.replace(/\r\n/g, '\n') : text).split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  const texts = keys.map((k) => (k.endsWith('\r') ? k.slice(0, -1) : k));
  return { keys, texts };
}

/** Both sides end with a newline, so "a\nb" and "a\nb\n" do not differ on their last line. */
function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** A side of the diff as lineDiff compares (`keys`) and shows (`texts`) its lines. */
export function linesForDiff(text: string): { keys: string[]; texts: string[] } {
  return diffLinesOf(withFinalNewline(text));
}

/** Where a word starts or ends: the common prefix and suffix are cut back to one, so no word is split. */
const WORD = /[\p{L}\p{N}_]/u;

function wordSegments(oldText: string, newText: string): { del: DiffSegment[]; add: DiffSegment[] } | null {
  if (oldText.length > MAX_WORD_LINE_CHARS || newText.length > MAX_WORD_LINE_CHARS) return null;
  // Only the middle that differs goes through jsdiff: most edited lines share most of their text (3x fewer tokens).
  let start = 0;
  const shortest = Math.min(oldText.length, newText.length);
  while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  while (start > 0 && WORD.test(oldText.charAt(start - 1)) && (WORD.test(oldText.charAt(start)) || WORD.test(newText.charAt(start)))) start--;
  let end = 0;
  while (end < shortest - start && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  while (end > 0 && WORD.test(oldText.charAt(oldText.length - end)) && (WORD.test(oldText.charAt(oldText.length - end - 1)) || WORD.test(newText.charAt(newText.length - end - 1)))) end--;
  const parts = diffWordsWithSpace(oldText.slice(start, oldText.length - end), newText.slice(start, newText.length - end), { maxEditLength: MAX_WORD_EDITS });
  if (!parts) return null;
  const del: DiffSegment[] = [];
  const add: DiffSegment[] = [];
  if (start > 0) {
    del.push({ text: oldText.slice(0, start), changed: false });
    add.push({ text: newText.slice(0, start), changed: false });
  }
  for (const p of parts) {
    if (p.added) add.push({ text: p.value, changed: true });
    else if (p.removed) del.push({ text: p.value, changed: true });
    else {
      del.push({ text: p.value, changed: false });
      add.push({ text: p.value, changed: false });
    }
  }
  if (end > 0) {
    del.push({ text: oldText.slice(oldText.length - end), changed: false });
    add.push({ text: newText.slice(newText.length - end), changed: false });
  }
  return { del, add };
}

/** The line diff of `before` (a selection) against `after` (its replacement, whole or streaming). */
export function lineDiff(beforeIn: string, afterIn: string, options: LineDiffOptions = {}): LineDiff {
  const before = linesForDiff(beforeIn.slice(0, MAX_BEFORE_CHARS));
  const after = linesForDiff(afterIn.slice(0, MAX_AFTER_CHARS));
  const { a, b, distinct } = internLines(before.keys, after.keys);
  const aligned = alignLines(a, b, distinct, MAX_LINE_EDITS);
  const minimal = aligned !== undefined;
  const runs = aligned ?? [
    { kind: 'del' as const, count: a.length },
    { kind: 'add' as const, count: b.length },
  ];
  if (options.partial) reachFirst(runs);
  const words = options.words !== false;

  const rows: DiffRow[] = [];
  let hiddenRows = 0;
  /** Removed rows at the end so far (a streaming answer has not reached them yet). */
  let trailingDels = 0;
  const emit = (row: DiffRow): number => {
    trailingDels = row.kind === 'del' ? trailingDels + 1 : 0;
    if (rows.length < MAX_ROWS) return rows.push(row) - 1;
    hiddenRows++;
    return -1;
  };
  let oldLine = 0;
  let newLine = 0;
  let added = 0;
  let removed = 0;
  let wordPairs = 0;
  // A run of removed lines waits for the added lines after it: the two are paired line by line for word marks.
  let dels: Array<Extract<DiffRow, { kind: 'del' }>> = [];
  const flushDels = (adds: Array<Extract<DiffRow, { kind: 'add' }>>): void => {
    const pairs = Math.min(dels.length, adds.length);
    if (words) {
      for (let i = 0; i < pairs && wordPairs < MAX_WORD_PAIRS; i++, wordPairs++) setWords(dels[i] as Extract<DiffRow, { kind: 'del' }>, adds[i] as Extract<DiffRow, { kind: 'add' }>);
    }
    const at = dels.map(emit);
    for (let i = 0; i < adds.length; i++) {
      const row = adds[i] as Extract<DiffRow, { kind: 'add' }>;
      const own = emit(row);
      const other = i < pairs ? (at[i] as number) : -1;
      if (!words && own >= 0 && other >= 0) {
        row.pair = other;
        (dels[i] as Extract<DiffRow, { kind: 'del' }>).pair = own;
      }
    }
    dels = [];
  };

  let adds: Array<Extract<DiffRow, { kind: 'add' }>> = [];
  for (const run of runs) {
    if (run.kind === 'del') {
      if (adds.length > 0) {
        flushDels(adds);
        adds = [];
      }
      for (let k = 0; k < run.count; k++) dels.push({ kind: 'del', text: before.texts[oldLine] as string, oldLine: ++oldLine });
      removed += run.count;
    } else if (run.kind === 'add') {
      for (let k = 0; k < run.count; k++) adds.push({ kind: 'add', text: after.texts[newLine] as string, newLine: ++newLine });
      added += run.count;
    } else {
      flushDels(adds);
      adds = [];
      for (let k = 0; k < run.count; k++) emit({ kind: 'same', text: after.texts[newLine] as string, oldLine: ++oldLine, newLine: ++newLine });
    }
  }
  flushDels(adds);

  let pending = 0;
  if (options.partial) {
    // The selection's tail that the stream has not reached yet is not removed: it is still to come.
    pending = trailingDels;
    removed -= pending;
    const unshown = Math.min(hiddenRows, pending);
    hiddenRows -= unshown;
    rows.length -= pending - unshown;
  }
  return { rows, added, removed, pending, hiddenRows, minimal };
}

/**
 * A stream that ends in changed lines has replaced as many lines of the selection as it wrote, not all that are left:
 * the removed run before its last added lines keeps only that many, the rest moves after them (still to come).
 */
function reachFirst(runs: Array<{ kind: 'same' | 'del' | 'add'; count: number }>): void {
  const add = runs[runs.length - 1];
  const del = runs[runs.length - 2];
  if (add?.kind !== 'add' || del?.kind !== 'del' || del.count <= add.count) return;
  runs.push({ kind: 'del', count: del.count - add.count });
  del.count = add.count;
}

function setWords(del: Extract<DiffRow, { kind: 'del' }>, add: Extract<DiffRow, { kind: 'add' }>): void {
  const marks = wordSegments(del.text, add.text);
  if (marks) {
    del.segments = marks.del;
    add.segments = marks.add;
  }
}

/**
 * Marks the changed words of rows `from` to `to` (and of the rows they are paired with) in a diff made with
 * `words: false`; rows already marked are left alone, so a view calls this for what it shows, as often as it scrolls.
 */
export function markWords(diff: LineDiff, from: number, to: number): void {
  const end = Math.min(to, diff.rows.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const row = diff.rows[i] as DiffRow;
    if (row.kind === 'same' || row.pair === undefined) continue;
    const other = diff.rows[row.pair];
    row.pair = undefined;
    if (!other || other.kind === 'same' || other.kind === row.kind) continue;
    other.pair = undefined;
    if (row.kind === 'del') setWords(row, other as Extract<DiffRow, { kind: 'add' }>);
    else setWords(other as Extract<DiffRow, { kind: 'del' }>, row);
  }
}

/** "+4 −2" said in words, for the summary line and screen readers. */
export function diffSummary(diff: Pick<LineDiff, 'added' | 'removed' | 'pending'>): string {
  const lines = (n: number): string => `${n} ${n === 1 ? 'line' : 'lines'}`;
  const parts = [`${lines(diff.added)} added`, `${lines(diff.removed)} removed`];
  if (diff.pending > 0) parts.push(`${lines(diff.pending)} still to come`);
  return parts.join(', ');
}

/** Lines in a text as an editor counts them (a final newline does not start another line). */
export function countLines(text: string): number {
  return splitLines(text).length;
}
