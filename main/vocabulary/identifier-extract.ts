// Finds the identifiers in a piece of code or text that are worth sending as custom vocabulary, with their counts.
import { splitIdentifier } from '../intent/identifier.js';
import { COMMON_TERMS, KEYWORD_TERMS } from './common-terms.js';

/** Term -> how often it was seen. A Map survives the worker boundary (structured clone) as it is. */
export type TermCounts = Map<string, number>;

/**
 * kebab-case names (CSS classes, CLI flags, package and file names: user-card, --max-count) first, then word
 * identifiers (camelCase, PascalCase, snake_case, CONSTANT_CASE). A kebab name needs lowercase parts on both sides
 * of each hyphen with no spaces, so formatted subtraction (a - b) never matches; unformatted `total-offset` would.
 */
const TOKEN = /(?<![A-Za-z0-9_])[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+(?![A-Za-z0-9_])|[A-Za-z_][A-Za-z0-9_]*/g;

export const MIN_TERM_LENGTH = 4;
/** Longer names are rarely said aloud, and long tokens are usually hashes or encoded data. */
export const MAX_TERM_LENGTH = 48;

/**
 * Whether a token is a name the user may say and the transcriber may misspell: two or more words (fetchUserById,
 * MAX_RETRY_COUNT, parse_config_file, user-card). One-word names are left out: a transcriber spells ordinary words
 * already, and the identifier normaliser leaves one-word names alone too. Keywords, the common standard-library names,
 * Python dunders, very short or very long tokens and digit-heavy tokens (hashes, ids) are left out as well.
 */
export function isVocabularyTerm(token: string): boolean {
  if (token.length < MIN_TERM_LENGTH || token.length > MAX_TERM_LENGTH) return false;
  if (KEYWORD_TERMS.has(token) || KEYWORD_TERMS.has(token.toLowerCase()) || COMMON_TERMS.has(token)) return false;
  if (/^__.*__$/.test(token)) return false;
  const digits = token.replace(/[^0-9]/g, '').length;
  if (digits * 10 > token.length * 3) return false;
  const words = splitIdentifier(token);
  if (words.filter((w) => /[a-z]/.test(w)).length < 2) return false;
  return !looksLikeSecret(token);
}

/**
 * Token shapes of the common providers' keys (the formats main/pipeline/redact.ts replaces in prompts; that module is
 * out of this layer's reach). Terms are sent to Gemini in the Live setup, so a key in a string literal must not become one.
 */
const SECRET_PREFIX = /^(?:AIza|sk-|sk_(?:live|test)_|rk_(?:live|test)_|gh[pousr]_|github_pat_|xox[abposr]-|xapp-|glpat-|npm_|eyJ)|^(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/;

/**
 * A known key shape, or random-looking text: a long run without separators whose case changes and digits cut it into
 * words of 2.5 letters or fewer on average (aBcD3eFgH1..., base64, generated ids), where names are made of real words
 * (fetchUserById: 3.25, writeUInt32LE: 2.6). Each `_`/`-` separated part is judged alone, so deliberate short snake
 * words (l1_get_vs_lru) pass.
 */
export function looksLikeSecret(token: string): boolean {
  if (SECRET_PREFIX.test(token)) return true;
  return token.split(/[_-]+/).some((part) => {
    if (part.length < 12) return false;
    const words = splitIdentifier(part);
    return words.length > 0 && words.reduce((n, w) => n + w.length, 0) / words.length <= 2.5;
  });
}

/** Adds the vocabulary terms of `text` to `into` (a fresh map when omitted) and returns it. */
export function countTerms(text: string, into: TermCounts = new Map()): TermCounts {
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (!isVocabularyTerm(token)) continue;
    into.set(token, (into.get(token) ?? 0) + 1);
  }
  return into;
}

/**
 * Adds `counts` to `total`, each term at most `capPerSource` times, so one generated table or a file that repeats a
 * name on every line cannot outweigh names used across many files.
 */
export function mergeCounts(total: TermCounts, counts: ReadonlyMap<string, number>, capPerSource = Number.POSITIVE_INFINITY): TermCounts {
  for (const [term, n] of counts) total.set(term, (total.get(term) ?? 0) + Math.min(n, capPerSource));
  return total;
}
