// Finds provider keys and tokens, private keys, bearer tokens and Azure account keys, each in linear time.
import * as chars from './redact-chars.js';
import type { SecretKind, SpanSet } from './redact-spans.js';

// Read once: called per character, and a module loader may turn each imported name into a getter call.
const { ALNUM, BASE64, BEARER, EQUALS, KEY, SLACK, SPACE, UPPER_DIGIT, WEBHOOK, WORD, inClass, runEnd } = chars;

/** One literal start of a key and what follows it: a run of `body` characters, `min`..`max` long. */
interface KeyForm {
  prefix: string;
  /** A class of redact-chars. */
  body: number;
  min: number;
  /** Exact-length keys: the run is cut here and the next character may not be of class `notAfter`. */
  max?: number;
  notAfter?: number;
}

interface KeyPattern {
  kind: SecretKind;
  /** The class that may not stand right before the prefix (a key starts a run; 0: anything may). */
  notBefore: number;
  forms: readonly KeyForm[];
  /** Whatever follows the run (JWT parts, GitLab routing parts): the end of the key, or -1 for none. */
  rest?: (text: string, runEnd: number) => number;
}

const form = (prefixes: readonly string[], body: number, min: number, max?: number, notAfter?: number): KeyForm[] =>
  prefixes.map((prefix) => ({ prefix, body, min, ...(max !== undefined ? { max } : {}), ...(notAfter !== undefined ? { notAfter } : {}) }));

/*
 * Provider formats, most specific first (an Anthropic key also looks like an OpenAI one), each what the expression
 * in the comment matches. They were regular expressions led by a lookbehind, which V8 cannot scan for quickly
 * (40 ns a character over 1 MB); here each prefix is found with indexOf, the character before it is checked, and
 * the body is one run read once. A prefix inside a run of key characters is refused, and the scan resumes after
 * that run, so every character is read a bounded number of times whatever the input repeats.
 */
const KEY_PATTERNS: readonly KeyPattern[] = [
  // (?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])
  { kind: 'google_api_key', notBefore: KEY, forms: form(['AIza'], KEY, 35, 35, KEY) },
  // (?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}
  { kind: 'anthropic_key', notBefore: KEY, forms: form(['sk-ant-'], KEY, 20) },
  // (?<![\w-])sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}: the optional parts are key characters too.
  { kind: 'openai_key', notBefore: KEY, forms: form(['sk-'], KEY, 20) },
  // (?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})
  { kind: 'github_token', notBefore: KEY, forms: [...form(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], ALNUM, 30), ...form(['github_pat_'], WORD, 22)] },
  // (?<![\w-])gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{2,})*: newer tokens carry ".01.xxxx" routing parts.
  { kind: 'gitlab_token', notBefore: KEY, forms: form(['glpat-', 'gldt-', 'glrt-', 'glptt-'], KEY, 20), rest: dottedParts },
  // (?<![\w-])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])
  { kind: 'npm_token', notBefore: KEY, forms: form(['npm_'], ALNUM, 36, 36, ALNUM) },
  // (?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])
  { kind: 'aws_access_key', notBefore: ALNUM, forms: form(['AKIA', 'ASIA', 'ABIA', 'ACCA'], UPPER_DIGIT, 16, 16, ALNUM) },
  // https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+
  { kind: 'slack_webhook', notBefore: 0, forms: form(['https://hooks.slack.com/services/'], WEBHOOK, 1) },
  // (?<![\w-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}
  { kind: 'slack_token', notBefore: KEY, forms: form(['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xapp-'], SLACK, 10) },
  // (?<![\w-])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}
  { kind: 'stripe_key', notBefore: KEY, forms: form(['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], ALNUM, 10) },
  // (?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}: the class has no '.', so each part is one run.
  { kind: 'jwt', notBefore: KEY, forms: form(['eyJ'], KEY, 8), rest: jwtTail },
];

/** (?:\.[A-Za-z0-9_-]{2,})* after a GitLab token. */
function dottedParts(text: string, end: number): number {
  let at = end;
  while (text.charCodeAt(at) === 46) {
    const next = runEnd(text, at + 1, KEY);
    if (next - (at + 1) < 2) break;
    at = next;
  }
  return at;
}

/** \.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,} after a JWT's first part. */
function jwtTail(text: string, end: number): number {
  if (!text.startsWith('.eyJ', end)) return -1;
  const second = runEnd(text, end + 4, KEY);
  if (second - (end + 4) < 8 || text.charCodeAt(second) !== 46) return -1;
  const third = runEnd(text, second + 1, KEY);
  return third - (second + 1) >= 8 ? third : -1;
}

/** The end of the key that `f` starts at `at`, or -1. */
function keyEnd(text: string, at: number, f: KeyForm, rest: KeyPattern['rest']): number {
  const bodyStart = at + f.prefix.length;
  const run = runEnd(text, bodyStart, f.body);
  if (run - bodyStart < f.min) return -1;
  const end = f.max === undefined ? run : bodyStart + f.max;
  if (f.notAfter !== undefined && end < text.length && inClass(text.charCodeAt(end), f.notAfter)) return -1;
  return rest ? rest(text, end) : end;
}

/** The literals that lead the other finders. */
const BEARER_LITERAL = 'Bearer';
const AZURE_LITERAL = 'AccountKey=';
const PRIVATE_KEY_LITERAL = '-----BEGIN ';
const LITERALS: readonly string[] = [...new Set([...KEY_PATTERNS.flatMap((p) => p.forms.map((f) => f.prefix)), BEARER_LITERAL, AZURE_LITERAL, PRIVATE_KEY_LITERAL])];

/** Indexes into LITERALS, by a literal's first two (ASCII) characters. */
const PREFIX_TABLE: Array<number[] | undefined> = (() => {
  const table = new Array<number[] | undefined>(128 * 128);
  LITERALS.forEach((literal, index) => (table[(literal.charCodeAt(0) << 7) | literal.charCodeAt(1)] ??= []).push(index));
  return table;
})();

/**
 * Which literals occur, in one pass (a table lookup per pair of characters, the rest compared only where a pair
 * begins a literal). A literal that does not occur costs nothing more: an indexOf for each of the 37 cost 21 ms
 * over 1 MB.
 */
/** Whether `literal` (whose first two characters are known to match) stands at `at`: compared inline, a builtin call per candidate cost more than the scan. */
function matchesAt(text: string, at: number, literal: string): boolean {
  for (let k = 2; k < literal.length; k++) if (text.charCodeAt(at + k) !== literal.charCodeAt(k)) return false;
  return true;
}

function literalsPresent(text: string): Set<string> {
  const seen = new Uint8Array(LITERALS.length);
  const last = text.length - 1;
  let c2 = text.charCodeAt(0);
  for (let i = 0; i < last; i++) {
    const c1 = c2;
    c2 = text.charCodeAt(i + 1);
    if ((c1 | c2) >= 128) continue;
    const entries = PREFIX_TABLE[(c1 << 7) | c2];
    if (entries === undefined) continue;
    for (let k = 0; k < entries.length; k++) {
      const index = entries[k] as number;
      if (seen[index] === 0 && matchesAt(text, i, LITERALS[index] as string)) seen[index] = 1;
    }
  }
  return new Set(LITERALS.filter((_, index) => seen[index] === 1));
}

function findKeys(text: string, pattern: KeyPattern, present: ReadonlySet<string>, spans: SpanSet): void {
  const { notBefore, rest, kind } = pattern;
  const forms = pattern.forms.filter((f) => present.has(f.prefix));
  if (forms.length === 0) return;
  const next = forms.map((f) => text.indexOf(f.prefix));
  let from = 0;
  for (;;) {
    // The nearest prefix of any form (forms never share a start: their prefixes differ within their length).
    let best = -1;
    for (let k = 0; k < forms.length; k++) {
      if ((next[k] as number) !== -1 && (next[k] as number) < from) next[k] = text.indexOf((forms[k] as KeyForm).prefix, from);
      const p = next[k] as number;
      if (p !== -1 && (best === -1 || p < (next[best] as number))) best = k;
    }
    if (best === -1) break;
    const at = next[best] as number;
    if (at > 0 && inClass(text.charCodeAt(at - 1), notBefore)) {
      // Inside a run of such characters: every later start in the run is refused too, so skip the run.
      from = Math.max(at + 1, runEnd(text, at, notBefore));
      continue;
    }
    const end = keyEnd(text, at, forms[best] as KeyForm, rest);
    if (end !== -1) {
      spans.addToken(at, end, kind);
      from = end;
    } else {
      from = at + 1;
    }
  }
  spans.endStage();
}

/** A private key block, to its END line or the end of the text (a key cut off is still a key). Led by a literal, so V8 scans for it quickly; the label words are bounded. */
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----|$)/g;

/**
 * The token after "Bearer" and whitespace (was the lookbehind (?<=\bBearer\s+), tried at every position, which read
 * the whole whitespace run back each time: 99,000 spaces took 21 s). Here each "Bearer" is found once and its
 * whitespace run read once. The token class has no '[', so a redacted token is never matched again.
 */
function findBearerTokens(text: string, spans: SpanSet): void {
  for (let at = text.indexOf(BEARER_LITERAL); at !== -1; at = text.indexOf(BEARER_LITERAL, at + 1)) {
    if (at > 0 && inClass(text.charCodeAt(at - 1), WORD)) continue;
    const start = runEnd(text, at + 6, SPACE);
    if (start === at + 6) continue;
    const run = runEnd(text, start, BEARER);
    if (run - start < 16) continue;
    spans.addToken(start, runEnd(text, run, EQUALS), 'bearer_token');
  }
  spans.endStage();
}

/** \bAccountKey=([A-Za-z0-9+/]{16,}={0,2}): the key of an Azure storage connection string. */
function findAzureKeys(text: string, spans: SpanSet): void {
  for (let at = text.indexOf(AZURE_LITERAL); at !== -1; at = text.indexOf(AZURE_LITERAL, at + 1)) {
    if (at > 0 && inClass(text.charCodeAt(at - 1), WORD)) continue;
    const start = at + AZURE_LITERAL.length;
    const run = runEnd(text, start, BASE64);
    if (run - start >= 16) spans.addToken(start, runEnd(text, run, EQUALS, 2), 'azure_storage_key');
  }
  spans.endStage();
}

export function findTokens(text: string, spans: SpanSet): void {
  const present = literalsPresent(text);
  if (present.size === 0) return;
  if (present.has(PRIVATE_KEY_LITERAL)) {
    PRIVATE_KEY.lastIndex = 0;
    for (let m = PRIVATE_KEY.exec(text); m !== null; m = PRIVATE_KEY.exec(text)) spans.addToken(m.index, m.index + m[0].length, 'private_key');
    spans.endStage();
  }
  for (const pattern of KEY_PATTERNS) findKeys(text, pattern, present, spans);
  if (present.has(BEARER_LITERAL)) findBearerTokens(text, spans);
  if (present.has(AZURE_LITERAL)) findAzureKeys(text, spans);
}
