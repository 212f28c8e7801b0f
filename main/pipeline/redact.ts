// Redacts secrets before text leaves the machine or is stored (prompts, history, the shared Redis tier): keys, tokens, passwords.
import { findAssignments } from './redact-assignments.js';
import { SpanSet, type SecretKind } from './redact-spans.js';
import { findConnectionPasswords } from './redact-connection.js';
import { findTokens } from './redact-tokens.js';
import { normalisedView, originalRange } from './redact-view.js';

export type { SecretKind } from './redact-spans.js';

export interface Redaction {
  text: string;
  /** How many of each kind were replaced. */
  counts: Partial<Record<SecretKind, number>>;
  total: number;
}

const mark = (kind: SecretKind): string => `[REDACTED:${kind}]`;

/**
 * Replaces secrets with [REDACTED:kind]. Idempotent: redacted text redacts to itself. Code that
 * reads a secret (`token = getToken()`, `password: string`) is left alone; literals are not.
 *
 * Linear in the text's length on any input (see each matcher's note; the bench suite `redact` measures 1 MB of
 * adversarial shapes). Matching reads a normalised view (NFKC, invisible characters dropped) so a key typed in
 * full-width characters or split by zero-width spaces is found; each match maps back to the characters it came
 * from, and everything outside the matches stays exactly as typed. Callers bound what they pass (a clipboard, a
 * transcript, a history entry): see the README's Privacy section.
 */
export function redactSecrets(text: string): Redaction {
  const found = secretRanges(text);
  if (found.total === 0) return { text, counts: {}, total: 0 };
  const parts: string[] = [];
  let copied = 0;
  for (const { start, end, kind } of found.ranges) {
    parts.push(text.slice(copied, start), mark(kind));
    copied = end;
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), counts: found.counts, total: found.total };
}

/** The secrets redactSecrets replaces, as ranges of the original text in order (an edit puts them back in its replacement). */
export function secretRanges(text: string): { ranges: Array<{ start: number; end: number; kind: SecretKind }>; counts: Partial<Record<SecretKind, number>>; total: number } {
  const view = normalisedView(text);
  const spans = new SpanSet();
  findTokens(view.text, spans);
  findConnectionPasswords(view.text, spans);
  findAssignments(view.text, spans);
  if (spans.total === 0) return { ranges: [], counts: {}, total: 0 };
  const ranges = spans.spans.map((span) => {
    const [start, end] = originalRange(view, span.start, span.end);
    return { start, end, kind: span.kind };
  });
  return { ranges, counts: spans.counts, total: spans.total };
}
