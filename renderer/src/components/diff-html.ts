// The diff rows as escaped HTML: one string per diff instead of thousands of React elements (a 500-line diff must fit a frame).
import type { DiffRow } from '../model/line-diff';

const SIGN: Record<DiffRow['kind'], string> = { same: ' ', add: '+', del: '−' };
/** Said by screen readers; the sign column says it on screen, so colour is never the only cue. */
const SPOKEN: Record<DiffRow['kind'], string> = { same: '', add: '<span class="sr-only">added: </span>', del: '<span class="sr-only">removed: </span>' };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] as string);
}

/** A row's contents (sign, spoken kind, text with the changed words in <ins>/<del>), without its own element. */
export function diffRowInnerHtml(row: DiffRow, signClass = 'diff-sign'): string {
  let body: string;
  if (row.kind !== 'same' && row.segments) {
    const tag = row.kind === 'add' ? 'ins' : 'del';
    body = row.segments.map((s) => (s.changed ? `<${tag} class="diff-word">${escapeHtml(s.text)}</${tag}>` : escapeHtml(s.text))).join('');
  } else body = row.text === '' ? ' ' : escapeHtml(row.text);
  return `<span class="${signClass}" aria-hidden="true">${SIGN[row.kind]}</span>${SPOKEN[row.kind]}${body}\n`;
}

/** One block per row: sign, spoken kind, text with the changed words in <ins>/<del>. */
export function diffRowsHtml(rows: readonly DiffRow[], rowClass = 'diff-row', kindPrefix = 'diff-', signClass = 'diff-sign'): string {
  const out: string[] = [];
  for (const row of rows) out.push(`<span class="${rowClass} ${kindPrefix}${row.kind}">${diffRowInnerHtml(row, signClass)}</span>`);
  return out.join('');
}
