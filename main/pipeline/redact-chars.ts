// Character classes the hand-written redaction scanners use, as bits in a table (the same sets as the regex classes they replace).

/** [A-Za-z0-9_-]: the characters of most keys, and what may not stand right before one. */
export const KEY = 1 << 0;
/** [A-Za-z0-9] */
export const ALNUM = 1 << 1;
/** \w */
export const WORD = 1 << 2;
/** [A-Z0-9] */
export const UPPER_DIGIT = 1 << 3;
/** [A-Za-z0-9-] (Slack tokens) */
export const SLACK = 1 << 4;
/** [A-Za-z0-9/_-] (Slack webhook paths) */
export const WEBHOOK = 1 << 5;
/** [A-Za-z0-9._~+/-] (bearer tokens) */
export const BEARER = 1 << 6;
/** [A-Za-z0-9+/] */
export const BASE64 = 1 << 7;
/** \s */
export const SPACE = 1 << 8;
/** '=' */
export const EQUALS = 1 << 9;
/** [\w.-] (assignment names) */
export const NAME = 1 << 10;
/** [^\s:/@] (connection-string users) */
export const USER = 1 << 11;
/** [^\s@/] (connection-string passwords) */
export const PASSWORD = 1 << 12;
/** [^"'`\n] (quoted values) */
export const QUOTED_VALUE = 1 << 13;
/** [^\s'"`;,] (bare values) */
export const BARE_VALUE = 1 << 14;
/** [A-Za-z0-9+.-] (URL schemes) */
export const SCHEME = 1 << 15;
/** [A-Za-z] */
export const LETTER = 1 << 16;
/** [A-Za-z_] (the first character of a name) */
export const NAME_START = 1 << 17;

/** Classes that hold every non-ASCII character but the spaces (they are negated classes). */
const NON_ASCII_BUT_SPACE = USER | PASSWORD | BARE_VALUE;

/** JavaScript's \s (WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    const digit = c >= 48 && c <= 57;
    const upper = c >= 65 && c <= 90;
    const letter = upper || (c >= 97 && c <= 122);
    const alnum = letter || digit;
    const space = isSpace(c);
    let bits = 0;
    if (alnum || c === 95 || c === 45) bits |= KEY;
    if (alnum) bits |= ALNUM;
    if (alnum || c === 95) bits |= WORD | (c === 95 || letter ? NAME_START : 0);
    if (upper || digit) bits |= UPPER_DIGIT;
    if (alnum || c === 45) bits |= SLACK;
    if (alnum || '/_-'.includes(ch)) bits |= WEBHOOK;
    if (alnum || '._~+/-'.includes(ch)) bits |= BEARER;
    if (alnum || '+/'.includes(ch)) bits |= BASE64;
    if (space) bits |= SPACE;
    if (c === 61) bits |= EQUALS;
    if (alnum || '_.-'.includes(ch)) bits |= NAME;
    if (!space && !':/@'.includes(ch)) bits |= USER;
    if (!space && !'@/'.includes(ch)) bits |= PASSWORD;
    if (!'"\'`\n'.includes(ch)) bits |= QUOTED_VALUE;
    if (!space && !'\'"`;,'.includes(ch)) bits |= BARE_VALUE;
    if (alnum || '+.-'.includes(ch)) bits |= SCHEME;
    if (letter) bits |= LETTER;
    t[c] = bits;
  }
  return t;
})();

/** Whether character code c is in any of the classes `cls`. */
export function inClass(c: number, cls: number): boolean {
  if (c < 128) return ((TABLE[c] as number) & cls) !== 0;
  if ((cls & QUOTED_VALUE) !== 0) return true;
  if ((cls & NON_ASCII_BUT_SPACE) !== 0) return !isSpace(c);
  return (cls & SPACE) !== 0 && isSpace(c);
}

/** Index just past the run of characters of class `cls` from `from` (at most `limit` characters). */
export function runEnd(text: string, from: number, cls: number, limit = Infinity): number {
  const stop = Math.min(text.length, from + limit);
  let i = from;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c < 128 ? ((TABLE[c] as number) & cls) === 0 : !inClass(c, cls)) break;
    i++;
  }
  return i;
}
