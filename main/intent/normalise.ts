// Transcript normalisation for the cache key: the same request said or typed a little differently gets the same key.

/** Hesitations and politeness that never change what is asked. */
// Not "er": it is also a word in requests ("returns ER status", an ER diagram).
const FILLERS = /\b(?:u+m+|u+h+m*|erm|a+h+|h+m+|m+h*m+|please|pls|plz|kindly)\b/g;
/** Openers people put before a request ("okay so", "hey"), only at the start. */
const OPENERS = /^(?:(?:ok(?:ay)?|so|hey|hi|alright)\s+)+/;
/**
 * Spellings of one language that must not collide with another once symbols go ("c++" is not "c")
 * and spoken forms that mean the same id ("type script").
 */
const SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bc\s*\+\+/g, ' cpp '],
  [/\bc\s*#/g, ' csharp '],
  [/\bf\s*#/g, ' fsharp '],
  [/\bc plus plus\b/g, 'cpp'],
  [/\bc sharp\b/g, 'csharp'],
  [/\btype script\b/g, 'typescript'],
  [/\bjava script\b/g, 'javascript'],
  [/\bpower shell\b/g, 'powershell'],
];

/**
 * Lowercase, without filler words, sentence punctuation and extra spaces, so "Write a debounce
 * function, please." and "um write a debounce function" map alike. Symbols that carry meaning in a
 * request for code (regex characters, operators, "c++") are kept; dots and hyphens inside words stay.
 */
export function normaliseTranscript(text: string): string {
  let s = lowerOrdinaryWords(text.normalize('NFKC')).replace(/[\u2018\u2019\u201C\u201D]/g, (c) => (c === '\u2018' || c === '\u2019' ? "'" : '"'));
  for (const [re, to] of SPELLINGS) s = s.replace(re, to);
  s = s
    // Apostrophes inside words: "what's" -> "whats"; quotes around words go.
    .replace(/(\w)'(\w)/g, '$1$2')
    .replace(/["'`]/g, ' ')
    // Sentence punctuation, but not a dot or colon inside a token ("node.js", "3.5", "a:b").
    .replace(/[.,;:!?](?=\s|$)|(?:^|(?<=\s))[.,;:!?]+/g, ' ')
    .replace(/\u2026/g, ' ')
    .replace(FILLERS, (m) => (m === m.toLowerCase() ? ' ' : m))
    .replace(/\s+/g, ' ')
    .trim();
  return s.replace(OPENERS, '').trim();
}

/** Identifiers keep their case (userId and UserId, getURL and getUrl are different names); so does text in double quotes or backticks. */
const IDENTIFIER_SHAPED = /[a-z][A-Z]|[A-Z]{2,}[a-z]|_\w|\w_/;

function lowerOrdinaryWords(text: string): string {
  return text
    .split(/("[^"]*"|`[^`]*`|\u201C[^\u201D]*\u201D)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\S+/g, (token) => (IDENTIFIER_SHAPED.test(token) ? token : token.toLowerCase()))))
    .join('');
}
