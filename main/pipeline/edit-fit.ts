// Fits a generated replacement to the selection it replaces: the selection's base indentation (tabs or spaces), line endings and final newline.
import { EDIT_SELECTION_MAX_BYTES, type EditTarget } from '../../preload/contract.js';
import { AppError } from '../core/errors.js';
import { extractCode } from './extract-code.js';

export interface SelectionShape {
  /** The line ending to write: CRLF when the selection's line breaks are mostly CRLF, a lone CR for old Mac text, else LF. */
  eol: '\r\n' | '\n' | '\r';
  /** Whether the selection ended with a line break (the replacement then ends with exactly one). */
  trailingNewline: boolean;
  /** The leading whitespace of the selection's least-indented non-blank line, verbatim. */
  base: string;
  /** How the selection indents nested lines: tabs, spaces (with their unit), or unknown (no nested line). */
  style: { kind: 'tab' } | { kind: 'space'; unit: number } | { kind: 'unknown' };
}

/** Bytes of UTF-8, counted without encoding (the pipeline imports no Node APIs; a lone surrogate counts as U+FFFD's 3). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Throws INPUT_TOO_LARGE when the selection is over the limit; the message says the limit and what to do. */
export function assertEditTarget(edit: EditTarget): void {
  const bytes = utf8Bytes(edit.selection);
  if (bytes > EDIT_SELECTION_MAX_BYTES) {
    throw new AppError('INPUT_TOO_LARGE', `The selection is ${bytes.toLocaleString('en')} bytes; an edit can change at most ${EDIT_SELECTION_MAX_BYTES.toLocaleString('en')} bytes (64 KB). Select a smaller part (one function or block) and ask again.`);
  }
}

/** Lines of a selection, each without its line break (CRLF, LF or a lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** How many lines the selection spans ("editing 14 lines"): a final line break does not start another line. */
export function selectionLineCount(selection: string): number {
  if (selection === '') return 0;
  const lines = splitLines(selection);
  return /(?:\r\n|\n|\r)$/.test(selection) ? lines.length - 1 : lines.length;
}

function leading(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Linear in the selection's length: one pass to count line breaks, one over its lines. */
export function selectionShape(selection: string): SelectionShape {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < selection.length; i++) {
    const c = selection.charCodeAt(i);
    if (c === 13) {
      if (selection.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  // Mixed endings: the majority wins, so a file with one stray LF keeps its CRLF; ties keep CRLF (Windows files are the mixed ones).
  const eol: SelectionShape['eol'] = crlf > 0 && crlf >= lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';
  const lines = splitLines(selection).filter((l) => !isBlank(l));
  let base: string | null = null;
  for (const line of lines) {
    const indent = leading(line);
    if (base === null || indent.length < base.length) base = indent;
  }
  const baseIndent = base ?? '';
  let tabs = 0;
  let spaces = 0;
  let unit = 0;
  for (const line of lines) {
    const rest = leading(line).slice(baseIndent.length);
    if (rest.startsWith('\t')) tabs++;
    else if (rest.startsWith(' ')) {
      spaces++;
      const n = /^ */.exec(rest)?.[0].length ?? 0;
      unit = unit === 0 ? n : gcd(unit, n);
    }
  }
  // As many tab-indented as space-indented lines: no style to convert to (the code keeps its own).
  const style: SelectionShape['style'] = tabs > spaces ? { kind: 'tab' } : spaces > tabs ? { kind: 'space', unit: Math.min(8, Math.max(1, unit)) } : { kind: 'unknown' };
  return { eol, trailingNewline: /(?:\r\n|\n|\r)$/.test(selection), base: baseIndent, style };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The code's nested lines in the selection's style, when the code is consistently the other one: all-space indents
 * become tabs (one per step of the code's own unit, the gcd of its indents), all-tab indents become the selection's
 * unit of spaces. Mixed or already matching indentation is left as the model wrote it (a guess there would move code).
 * After a conversion the code is in the selection's style, so fitting again converts nothing (idempotent).
 */
function restyleAll(lines: readonly string[], style: SelectionShape['style']): string[] {
  if (style.kind === 'unknown') return [...lines];
  const indents = lines.filter((l) => l !== '').map(leading).filter((i) => i !== '');
  if (style.kind === 'tab' && indents.length > 0 && indents.every((i) => !i.includes('\t'))) {
    const unit = indents.reduce((u, i) => gcd(u, i.length), 0);
    return lines.map((l) => {
      const n = leading(l).length;
      return n === 0 ? l : `${'\t'.repeat(n / unit)}${l.slice(n)}`;
    });
  }
  if (style.kind === 'space' && indents.length > 0 && indents.every((i) => !i.includes(' '))) {
    return lines.map((l) => {
      const n = leading(l).length;
      return n === 0 ? l : `${' '.repeat(n * style.unit)}${l.slice(n)}`;
    });
  }
  return [...lines];
}

/**
 * The replacement as it goes over the selection: the code dedented to its own margin, re-indented at the selection's
 * base in the selection's style, joined with the selection's line ending, with a final line break exactly when the
 * selection had one. Idempotent: fitting a fitted replacement changes nothing.
 */
export function fitReplacement(code: string, selection: string): string {
  const shape = selectionShape(selection);
  const lines = splitLines(code);
  while (lines.length > 0 && isBlank(lines[0] as string)) lines.shift();
  while (lines.length > 0 && isBlank(lines[lines.length - 1] as string)) lines.pop();
  if (lines.length === 0) return '';
  let margin: string | null = null;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const indent = leading(line);
    if (margin === null) margin = indent;
    else {
      let k = 0;
      while (k < margin.length && k < indent.length && margin[k] === indent[k]) k++;
      margin = margin.slice(0, k);
    }
  }
  const dedented = lines.map((l) => (isBlank(l) ? '' : l.slice((margin ?? '').length).trimEnd()));
  const restyled = restyleAll(dedented, shape.style);
  const inner = midLineBase(selection, restyled, shape.style);
  const fitted = restyled.map((l, i) => (l === '' ? '' : i === 0 && inner !== null ? l : `${inner ?? shape.base}${l}`));
  return fitted.join(shape.eol) + (shape.trailingNewline ? shape.eol : '');
}

/**
 * A selection that starts after its first line's indentation (an editor selection from the first word, not from the
 * line start) has an unindented first line and indented others: `foo() {` / `\t\tbar();` / `\t}`. When the code puts a
 * later line at its first line's level (the closing `}`), the first line stood at the level of the selection's least
 * indented later line: that is the base of the later lines, and the first line gets none (its indentation is before
 * the selection). Null when the selection is not like that. A fitted replacement keeps its later lines indented, so
 * fitting it again takes the ordinary path (idempotent).
 */
function midLineBase(selection: string, code: readonly string[], style: SelectionShape['style']): string | null {
  if (code.length < 2 || code[0] === '' || leading(code[0] as string) !== '') return null;
  const laterCode = code.slice(1).filter((l) => l !== '');
  if (!laterCode.some((l) => leading(l) === '')) return null;
  const lines = splitLines(selection).filter((l) => !isBlank(l));
  if (lines.length < 2 || leading(lines[0] as string) !== '') return null;
  let base: string | null = null;
  for (const line of lines.slice(1)) {
    const indent = leading(line);
    if (base === null || indent.length < base.length) base = indent;
  }
  if (base === null || base === '') return null;
  // A base in the other style than the selection's nesting (a mixed file) would be converted by the next fit: not used.
  if ((style.kind === 'tab' && base.includes(' ')) || (style.kind === 'space' && base.includes('\t'))) return null;
  return base;
}

export interface FittedEdit {
  after: string;
  /** False when the answer had no code (prose only, or empty): the selection then stays as it was. */
  hasCode: boolean;
  language: string;
}

/** From a model's whole answer: only its code (never the prose around it) becomes the replacement. */
export function fitAnswer(answer: string, selection: string, language: string): FittedEdit {
  const extracted = extractCode(answer, language);
  if (extracted.source === 'prose' || extracted.source === 'empty' || extracted.code.trim() === '') return { after: selection, hasCode: false, language: extracted.language };
  return { after: fitReplacement(extracted.code, selection), hasCode: true, language: extracted.language };
}

const MARK = /\[REDACTED:([a-z_]+)\]/g;

/**
 * The prompt carried the selection with its secrets redacted, so the answer holds [REDACTED:kind] where they were:
 * they are put back (the n-th mark of a kind gets the n-th secret of that kind in the selection), so applying an edit
 * never replaces a user's key with a placeholder. More marks of a kind than secrets (the answer repeated a line): the
 * last secret of that kind; a mark of a kind the selection has none of stays as it is (the diff shows it).
 */
export function restoreSecrets(after: string, selection: string, ranges: ReadonlyArray<{ start: number; end: number; kind: string }>): string {
  if (ranges.length === 0 || !after.includes('[REDACTED:')) return after;
  const byKind = new Map<string, string[]>();
  for (const r of ranges) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), selection.slice(r.start, r.end)]);
  const used = new Map<string, number>();
  return after.replace(MARK, (whole, kind: string) => {
    const secrets = byKind.get(kind);
    const n = used.get(kind) ?? 0;
    used.set(kind, n + 1);
    return secrets?.[Math.min(n, secrets.length - 1)] ?? whole;
  });
}
