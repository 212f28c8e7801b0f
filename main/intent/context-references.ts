// Whether a request refers to the clipboard ("this", "the code I copied") or to earlier results ("now add tests for that").
import type { IntentName } from './types.js';

export interface ContextReferences {
  /** The request points at code the user has: the clipboard or the selection. */
  clipboard: boolean;
  /** The request follows up on an earlier result. */
  history: boolean;
}

const CLIPBOARD = /\b(?:this|these|copied|clipboard|selected|selection|highlighted|pasted|the following|my code|the snippet)\b/i;
/** "that"/"it" as an object ("tests for that", "make it async"), not the relative pronoun of "a function that ...". */
const FOLLOW_UP_OBJECT = /\b(?:for|to|of|on|in|with|from|make|fix|explain|refactor|convert|change|update|rewrite|test|document|do|run|use|extend|modify|type|call)\s+(?:that|it)\b/i;
/**
 * Tested on the text without trailing whitespace: /\b(?:that|it)\s*[.?!]*\s*$/ split a whitespace run between its two
 * \s* every way before failing, quadratic in the run ("write a function that" and 100,000 spaces took 126 s).
 */
const FOLLOW_UP_END = /\b(?:that|it)\s*[.?!]*$/i;
const FOLLOW_UP_START = /^\s*(?:(?:ok(?:ay)?|so|and)\s+)?(?:now|also|then|instead|same|again)\b/i;
const FOLLOW_UP_WORDS = /\b(?:again|previous|last one|the same|same thing|you just|you wrote|your code|earlier|the above|that function|that class|that code|that query|that script)\b/i;

/** Intents that act on code the user already has, so they need the clipboard or an earlier result. */
const ON_EXISTING_CODE: ReadonlySet<IntentName> = new Set<IntentName>(['explain', 'refactor', 'fix_error', 'convert_language', 'add_types', 'document', 'generate_test']);

export function actsOnExistingCode(intent: IntentName): boolean {
  return ON_EXISTING_CODE.has(intent);
}

/** What context a request refers to, from its words alone (the context loader bounds and loads it). */
export function contextReferences(text: string): ContextReferences {
  return {
    clipboard: CLIPBOARD.test(text),
    history: FOLLOW_UP_OBJECT.test(text) || FOLLOW_UP_END.test(text.trimEnd()) || FOLLOW_UP_START.test(text) || FOLLOW_UP_WORDS.test(text),
  };
}
