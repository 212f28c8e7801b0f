// Character classes the hand-written redaction scanners use, by UTF-16 code (the same sets as the regex classes they replace).

/** \w: [A-Za-z0-9_]. */
export const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** [A-Za-z0-9]. */
export const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [A-Za-z]. */
export const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [\w-]: the characters of most keys, and what may not stand right before one. */
export const isWordOrDash = (c: number): boolean => isWord(c) || c === 45;
/** [A-Z0-9]. */
export const isUpperOrDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/** JavaScript's \s (WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Index just past the run of characters from `from` for which `inClass` holds (at most `limit` characters). */
export function runEnd(text: string, from: number, inClass: (c: number) => boolean, limit = Infinity): number {
  const stop = Math.min(text.length, from + limit);
  let i = from;
  while (i < stop && inClass(text.charCodeAt(i))) i++;
  return i;
}
