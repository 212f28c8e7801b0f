// Finds values assigned to secret-looking names (.env files, configs, code), leaving code that only handles secrets alone.
import * as chars from './redact-chars.js';
import type { SecretKind, SpanSet } from './redact-spans.js';

// Read once: called per character, and a module loader may turn each imported name into a getter call.
const { BARE_VALUE, NAME, NAME_START, QUOTED_VALUE, SPACE, inClass, runEnd } = chars;

/** Words in names that hold secrets in .env files, configs and code. */
const SECRET_WORD = /password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|auth[_-]?(?:token|key)/i;
/** Names that contain a secret word but hold something else (token_count, password_file, max_tokens). */
const NOT_SECRET_NAME = /(?:count|limit|length|len|size|type|types|url|uri|endpoint|file|path|name|id|ttl|expiry|expires(?:_?in)?|header|field|prompt|policy|tokens|regex|pattern|hash|hint|label)$|^(?:max|min|num|n)[_-]?/i;
/*
 * Assignments are read by hand around each ':' or '=' rather than by the expressions they replace (quoted:
 * /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,80})\1(\s*[:=]\s*)(["'`])([^"'`\n]+)\4/g; bare:
 * /(^|[\s;,{(]|export\s+)([A-Za-z_][\w.-]{0,80})(\s*[:=]\s*)([^\s'"`;,]+)/gim), which V8 tried at every position of
 * the text (45 ns a character: 1 MB of "key=" took 45 ms). A match has exactly one separator, the first ':' or '='
 * after the name and its whitespace, so trying each separator once finds the same matches. Why it is linear: the
 * whitespace before a separator is read back to the previous non-space, the name back at most 82 characters, the
 * whitespace after it forwards; a quoted value stops at the next quote or newline, so two quoted values never
 * overlap; a bare value is read only for a secret-looking name, and the scan then resumes after it.
 */
const MAX_NAME = 81;

function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name) && !NOT_SECRET_NAME.test(name);
}

function secretKind(name: string): SecretKind {
  return /pass|pwd/i.test(name) ? 'password' : 'secret';
}

/** Values that are placeholders, references or code rather than a secret. */
const NOT_A_SECRET = /^(?:\[REDACTED|\$\{?|process\.env|os\.environ|env\(|getenv|<|%|\{\{|changeme$|xxx+$|\*+$|none$|null$|undefined$|true$|false$|string$|number$|str$|optional|required$|your[_-])/i;

/**
 * Quoted values and .env-style values are literals by construction; a bare value elsewhere
 * (YAML, connection strings) must look like one: no call or member access, and a digit or symbol.
 */
function isLiteralSecret(value: string, literal: boolean): boolean {
  const v = value.trim();
  if (v.length < 3 || NOT_A_SECRET.test(v) || /^\d{1,11}$/.test(v)) return false;
  if (literal) return !v.includes('${');
  if (/[()[\]]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return false;
  return /[0-9]/.test(v) || /[^A-Za-z]/.test(v) || v.length >= 12;
}

const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96;
/** [\s;,{(] before a bare name. */
const isLead = (c: number): boolean => c === 59 || c === 44 || c === 123 || c === 40 || inClass(c, SPACE);
const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isSeparator = (c: number): boolean => c === 58 || c === 61;

/** Where the whitespace before `sep` starts, reading back no further than `floor`. */
function gapBefore(text: string, sep: number, floor: number): number {
  let gap = sep;
  while (gap > floor && inClass(text.charCodeAt(gap - 1), SPACE)) gap--;
  return gap;
}

/**
 * The name that ends at `end` (a whole run of name characters, at most MAX_NAME, starting with a letter or '_'),
 * reading back no further than `floor`; -1 for none.
 */
function nameStart(text: string, end: number, floor: number): number {
  let start = end;
  while (start > floor && end - start <= MAX_NAME && inClass(text.charCodeAt(start - 1), NAME)) start--;
  if (start === end || end - start > MAX_NAME || !inClass(text.charCodeAt(start), NAME_START)) return -1;
  // A name is a whole run of name characters: one may not stand before it.
  if (start > 0 && inClass(text.charCodeAt(start - 1), NAME)) return -1;
  return start;
}

/** NAME = "value" / NAME: 'value' / "name": "value": the quoted value of a secret-looking name. */
function findQuoted(text: string, spans: SpanSet): void {
  let floor = 0;
  for (let sep = 0; sep < text.length; sep++) {
    if (!isSeparator(text.charCodeAt(sep))) continue;
    // The value's opening quote first: most separators have none, and this check is the cheapest.
    const quoteAt = runEnd(text, sep + 1, SPACE);
    const quote = text.charCodeAt(quoteAt);
    if (!isQuote(quote)) continue;
    const gap = gapBefore(text, sep, floor);
    // "name": the closing quote of a quoted name sits before the whitespace.
    const before = gap > floor ? text.charCodeAt(gap - 1) : 0;
    const nameQuote = before === 34 || before === 39 ? before : 0;
    const end = nameQuote === 0 ? gap : gap - 1;
    const start = nameStart(text, end, floor);
    if (start === -1) continue;
    if (nameQuote !== 0) {
      const open = start - 1;
      if (open < floor || text.charCodeAt(open) !== nameQuote || (open > 0 && inClass(text.charCodeAt(open - 1), NAME))) continue;
    }
    const close = runEnd(text, quoteAt + 1, QUOTED_VALUE);
    if (close === quoteAt + 1 || text.charCodeAt(close) !== quote) continue;
    const name = text.slice(start, end);
    if (isSecretName(name) && isLiteralSecret(text.slice(quoteAt + 1, close), true)) spans.addValue(quoteAt + 1, close, secretKind(name));
    floor = close + 1;
    sep = close;
  }
  spans.endStage();
}

/**
 * NAME=value / name: value, unquoted (.env files, YAML, "Password=x;"). Unlike the expression, a name that is no
 * secret does not swallow what follows it ("label: DB_PASSWORD=x" still finds the password).
 */
function findBare(text: string, spans: SpanSet): void {
  let floor = 0;
  for (let sep = 0; sep < text.length; sep++) {
    const c = text.charCodeAt(sep);
    if (!isSeparator(c)) continue;
    const gap = gapBefore(text, sep, floor);
    const start = nameStart(text, gap, floor);
    if (start === -1) continue;
    const lineStart = start === 0 || isLineBreak(text.charCodeAt(start - 1));
    if (!lineStart && (start - 1 < floor || !isLead(text.charCodeAt(start - 1)))) continue;
    const name = text.slice(start, gap);
    if (!isSecretName(name)) continue;
    const valueStart = runEnd(text, sep + 1, SPACE);
    const valueEnd = runEnd(text, valueStart, BARE_VALUE);
    if (valueEnd === valueStart) continue;
    const envStyle = c === 61 && gap === sep && valueStart === sep + 1 && /^[A-Z][A-Z0-9_]*$/.test(name);
    if (isLiteralSecret(text.slice(valueStart, valueEnd), envStyle)) spans.addValue(valueStart, valueEnd, secretKind(name));
    floor = valueEnd;
    sep = valueEnd - 1;
  }
  spans.endStage();
}

/** Values of NAME = "value" assignments, then of bare NAME=value ones, whose names say they hold a secret. */
export function findAssignments(text: string, spans: SpanSet): void {
  if (!text.includes('=') && !text.includes(':')) return;
  findQuoted(text, spans);
  findBare(text, spans);
}
