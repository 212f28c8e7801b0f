// Finds provider keys and tokens, private keys, bearer tokens and Azure account keys, each in linear time.
import * as chars from './redact-chars.js';

import type { SecretKind, SpanSet } from './redact-spans.js';

// Read once: called per character, and a module loader may turn each imported name into a getter call.
const { isAlnum, isSpace, isUpperOrDigit, isWord, isWordOrDash, runEnd } = chars;

type CharClass = (c: number) => boolean;

/** One literal start of a key and what follows it: a run of `body` characters, `min`..`max` long. */
interface KeyForm {
  prefix: string;
  body: CharClass;
  min: number;
  /** Exact-length keys: the run is cut here and the next character may not be `notAfter`. */
  max?: number;
  notAfter?: CharClass;
}

interface KeyPattern {
  kind: SecretKind;
  /** What may not stand right before the prefix (a key starts a run, it is not the tail of a longer word). */
  notBefore: CharClass;
  forms: readonly KeyForm[];
  /** Whatever follows the run (JWT parts, GitLab routing parts): the end of the key, or -1 for none. */
  rest?: (text: string, runEnd: number) => number;
}

const keyChar: CharClass = (c) => isWordOrDash(c);
const slackChar: CharClass = (c) => isAlnum(c) || c === 45;
const form = (prefixes: readonly string[], body: CharClass, min: number, max?: number, notAfter?: CharClass): KeyForm[] =>
  prefixes.map((prefix) => ({ prefix, body, min, ...(max !== undefined ? { max } : {}), ...(notAfter ? { notAfter } : {}) }));

/*
 * Provider formats, most specific first (an Anthropic key also looks like an OpenAI one), each what the expression
 * in the comment matches. They were regular expressions led by a lookbehind, which V8 cannot scan for quickly
 * (40 ns a character over 1 MB); here each prefix is found with indexOf, the character before it is checked, and
 * the body is one run read once. A prefix inside a run of key characters is refused, and the scan resumes after
 * that run, so every character is read a bounded number of times whatever the input repeats.
 */
const KEY_PATTERNS: readonly KeyPattern[] = [
  // (?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])
  { kind: 'google_api_key', notBefore: keyChar, forms: form(['AIza'], keyChar, 35, 35, keyChar) },
  // (?<![\w-])sk-ant-[A-Za-z0-9_-]{20,}
  { kind: 'anthropic_key', notBefore: keyChar, forms: form(['sk-ant-'], keyChar, 20) },
  // (?<![\w-])sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}: the optional parts are key characters too.
  { kind: 'openai_key', notBefore: keyChar, forms: form(['sk-'], keyChar, 20) },
  // (?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})
  { kind: 'github_token', notBefore: keyChar, forms: [...form(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], isAlnum, 30), ...form(['github_pat_'], isWord, 22)] },
  // (?<![\w-])gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{2,})*: newer tokens carry ".01.xxxx" routing parts.
  { kind: 'gitlab_token', notBefore: keyChar, forms: form(['glpat-', 'gldt-', 'glrt-', 'glptt-'], keyChar, 20), rest: dottedParts },
  // (?<![\w-])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])
  { kind: 'npm_token', notBefore: keyChar, forms: form(['npm_'], isAlnum, 36, 36, isAlnum) },
  // (?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])
  { kind: 'aws_access_key', notBefore: isAlnum, forms: form(['AKIA', 'ASIA', 'ABIA', 'ACCA'], isUpperOrDigit, 16, 16, isAlnum) },
  // https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+
  { kind: 'slack_webhook', notBefore: () => false, forms: form(['https://hooks.slack.com/services/'], (c) => keyChar(c) || c === 47, 1) },
  // (?<![\w-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}
  { kind: 'slack_token', notBefore: keyChar, forms: form(['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xapp-'], slackChar, 10) },
  // (?<![\w-])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}
  { kind: 'stripe_key', notBefore: keyChar, forms: form(['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], isAlnum, 10) },
  // (?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}: the class has no '.', so each part is one run.
  { kind: 'jwt', notBefore: keyChar, forms: form(['eyJ'], keyChar, 8), rest: jwtTail },
];

/** (?:\.[A-Za-z0-9_-]{2,})* after a GitLab token. */
function dottedParts(text: string, end: number): number {
  let at = end;
  while (text.charCodeAt(at) === 46) {
    const next = runEnd(text, at + 1, keyChar);
    if (next - (at + 1) < 2) break;
    at = next;
  }
  return at;
}

/** \.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,} after a JWT's first part. */
function jwtTail(text: string, end: number): number {
  if (!text.startsWith('.eyJ', end)) return -1;
  const second = runEnd(text, end + 4, keyChar);
  if (second - (end + 4) < 8 || text.charCodeAt(second) !== 46) return -1;
  const third = runEnd(text, second + 1, keyChar);
  return third - (second + 1) >= 8 ? third : -1;
}

/** The end of the key that `f` starts at `at`, or -1. */
function keyEnd(text: string, at: number, f: KeyForm, rest: KeyPattern['rest']): number {
  const bodyStart = at + f.prefix.length;
  const run = runEnd(text, bodyStart, f.body);
  if (run - bodyStart < f.min) return -1;
  const end = f.max === undefined ? run : bodyStart + f.max;
  if (f.notAfter && end < text.length && f.notAfter(text.charCodeAt(end))) return -1;
  return rest ? rest(text, end) : end;
}

function findKeys(text: string, pattern: KeyPattern, spans: SpanSet): void {
  const { forms, notBefore, rest, kind } = pattern;
  const next = forms.map((f) => text.indexOf(f.prefix));
  if (next.every((p) => p === -1)) return;
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
    if (at > 0 && notBefore(text.charCodeAt(at - 1))) {
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

const tokenChar: CharClass = (c) => isAlnum(c) || c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 45;
const base64Char: CharClass = (c) => isAlnum(c) || c === 43 || c === 47;

/**
 * The token after "Bearer" and whitespace (was the lookbehind (?<=\bBearer\s+), tried at every position, which read
 * the whole whitespace run back each time: 99,000 spaces took 21 s). Here each "Bearer" is found once and its
 * whitespace run read once. The token class has no '[', so a redacted token is never matched again.
 */
function findBearerTokens(text: string, spans: SpanSet): void {
  for (let at = text.indexOf('Bearer'); at !== -1; at = text.indexOf('Bearer', at + 1)) {
    if (at > 0 && isWord(text.charCodeAt(at - 1))) continue;
    const start = runEnd(text, at + 6, isSpace);
    if (start === at + 6) continue;
    const run = runEnd(text, start, tokenChar);
    if (run - start < 16) continue;
    spans.addToken(start, runEnd(text, run, (c) => c === 61), 'bearer_token');
  }
  spans.endStage();
}

/** \bAccountKey=([A-Za-z0-9+/]{16,}={0,2}): the key of an Azure storage connection string. */
function findAzureKeys(text: string, spans: SpanSet): void {
  for (let at = text.indexOf('AccountKey='); at !== -1; at = text.indexOf('AccountKey=', at + 1)) {
    if (at > 0 && isWord(text.charCodeAt(at - 1))) continue;
    const start = at + 11;
    const run = runEnd(text, start, base64Char);
    if (run - start >= 16) spans.addToken(start, runEnd(text, run, (c) => c === 61, 2), 'azure_storage_key');
  }
  spans.endStage();
}

export function findTokens(text: string, spans: SpanSet): void {
  if (text.includes('-----BEGIN ')) {
    PRIVATE_KEY.lastIndex = 0;
    for (let m = PRIVATE_KEY.exec(text); m !== null; m = PRIVATE_KEY.exec(text)) spans.addToken(m.index, m.index + m[0].length, 'private_key');
    spans.endStage();
  }
  for (const pattern of KEY_PATTERNS) findKeys(text, pattern, spans);
  findBearerTokens(text, spans);
  findAzureKeys(text, spans);
}
