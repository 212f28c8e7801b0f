// The edit diff as data: a line diff of the selection against its replacement (jsdiff), changed words marked within paired lines.
import { diffLines, diffWordsWithSpace } from 'diff';

/** A run of a changed line: `changed` marks the words that differ from its paired line. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

export type DiffRow =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'del'; text: string; oldLine: number; segments?: DiffSegment[] }
  | { kind: 'add'; text: string; newLine: number; segments?: DiffSegment[] };

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

/** Both sides end with a newline, so "a\nb" and "a\nb\n" do not differ on their last line. */
function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
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
  const before = withFinalNewline(beforeIn.slice(0, MAX_BEFORE_CHARS));
  const after = withFinalNewline(afterIn.slice(0, MAX_AFTER_CHARS));
  const changes = diffLines(before, after, { stripTrailingCr: true, maxEditLength: MAX_LINE_EDITS });
  const minimal = changes !== undefined;
  const parts = changes ?? [
    { value: before, removed: true, added: false, count: 0 },
    { value: after, removed: false, added: true, count: 0 },
  ];

  const rows: DiffRow[] = [];
  let hiddenRows = 0;
  /** Removed rows at the end so far (a streaming answer has not reached them yet). */
  let trailingDels = 0;
  const emit = (row: DiffRow): void => {
    trailingDels = row.kind === 'del' ? trailingDels + 1 : 0;
    if (rows.length < MAX_ROWS) rows.push(row);
    else hiddenRows++;
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
    for (let i = 0; i < pairs && wordPairs < MAX_WORD_PAIRS; i++, wordPairs++) {
      const d = dels[i] as Extract<DiffRow, { kind: 'del' }>;
      const a = adds[i] as Extract<DiffRow, { kind: 'add' }>;
      const words = wordSegments(d.text, a.text);
      if (words) {
        d.segments = words.del;
        a.segments = words.add;
      }
    }
    for (const row of dels) emit(row);
    for (const row of adds) emit(row);
    dels = [];
  };

  for (const part of parts) {
    const lines = splitLines(part.value);
    if (part.removed) {
      for (const text of lines) dels.push({ kind: 'del', text, oldLine: ++oldLine });
      removed += lines.length;
    } else if (part.added) {
      flushDels(lines.map((text) => ({ kind: 'add' as const, text, newLine: ++newLine })));
      added += lines.length;
    } else {
      flushDels([]);
      for (const text of lines) emit({ kind: 'same', text, oldLine: ++oldLine, newLine: ++newLine });
    }
  }
  flushDels([]);

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
