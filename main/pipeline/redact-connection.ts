// Finds the password of scheme://user:password@host connection strings in linear time; the user and host stay.
import * as chars from './redact-chars.js';
import type { SpanSet } from './redact-spans.js';

// Read once: called per character, and a module loader may turn each imported name into a getter call.
const { LETTER, PASSWORD, SCHEME, USER, WORD, inClass, runEnd } = chars;

/** Longest scheme looked at before "://" (real ones are short; the bound keeps a dotted run from being read again per "://"). */
const MAX_SCHEME = 32;
const MAX_USER = 256;
const MAX_PASSWORD = 1024;

/**
 * What /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi matched, without its cost: that expression restarted at
 * every word boundary of a dotted run and read the rest of the run each time (50,000 "x." took 19 s). Here each "://"
 * is found by indexOf, the scheme is checked backwards over at most MAX_SCHEME characters, and user and password are
 * read forwards, bounded. Neither class holds '/', so a read never passes the next "://": each character is read a
 * bounded number of times.
 */
export function findConnectionPasswords(text: string, spans: SpanSet): void {
  let floor = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', Math.max(at + 3, floor))) {
    if (!hasScheme(text, at, floor)) continue;
    const userEnd = runEnd(text, at + 3, USER, MAX_USER + 1);
    if (userEnd === at + 3 || userEnd - (at + 3) > MAX_USER || text.charCodeAt(userEnd) !== 58) continue;
    const start = userEnd + 1;
    const end = runEnd(text, start, PASSWORD, MAX_PASSWORD + 1);
    if (end === start || end - start > MAX_PASSWORD || text.charCodeAt(end) !== 64) continue;
    // A reference to the environment ($DB_PASS) or a password redacted before is not a password.
    if (!text.startsWith('[REDACTED', start) && text.charCodeAt(start) !== 36) spans.addValue(start, end, 'password');
    floor = end + 1;
  }
  spans.endStage();
}

/** A scheme ends at `at`: a letter at a word boundary, then scheme characters up to `at` (none before `floor`). */
function hasScheme(text: string, at: number, floor: number): boolean {
  const limit = Math.max(floor, at - MAX_SCHEME);
  for (let p = at - 1; p >= limit; p--) {
    const c = text.charCodeAt(p);
    if (!inClass(c, SCHEME)) return false;
    if (inClass(c, LETTER) && (p === 0 || !inClass(text.charCodeAt(p - 1), WORD))) return true;
  }
  return false;
}
