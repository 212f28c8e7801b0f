// Replaces spoken forms with dictionary terms in a transcript: whole words, case-insensitive, one pass over a word trie.
import { AppError } from '../core/errors.js';

/** One spoken form and the term it stands for ("cube control" -> kubectl). */
export interface SpokenRule {
  /** The term as the user wrote it: it is inserted exactly so. */
  term: string;
  /** The words the user says for it. */
  spoken: string;
}

/** A spoken form is a short phrase; longer ones are refused at entry, so a match looks at most this many words ahead. */
export const MAX_SPOKEN_WORDS = 8;

/**
 * A word: letters, marks, digits and underscores, with inner apostrophes ("don't"). Linear (no nested quantifier can
 * backtrack: an apostrophe group must start with the apostrophe).
 */
const WORD = /[\p{L}\p{M}\p{N}_]+(?:'[\p{L}\p{M}\p{N}_]+)*/gu;

/** The words of a phrase, lower-cased, as the matcher compares them. */
export function spokenWords(phrase: string): string[] {
  return Array.from(phrase.matchAll(WORD), (m) => m[0].toLowerCase());
}

interface TrieNode {
  children: Map<string, TrieNode> | undefined;
  /** Index into the rules when a spoken form ends here. */
  rule: number;
}

export interface ApplyResult {
  text: string;
  /** Indexes of the rules that matched (a rule once per match), in text order. */
  hits: number[];
}

/**
 * Built once per dictionary revision; apply() then costs O(words × MAX_SPOKEN_WORDS) map lookups, whatever the
 * dictionary's size (a regex per term would cost terms × length). Longest match wins; a later rule with the same
 * spoken form replaces an earlier one.
 */
export class DictionaryMatcher {
  private readonly root: TrieNode = { children: undefined, rule: -1 };
  readonly size: number;

  constructor(readonly rules: readonly SpokenRule[]) {
    let size = 0;
    rules.forEach((rule, index) => {
      const words = spokenWords(rule.spoken);
      if (words.length === 0) return;
      if (words.length > MAX_SPOKEN_WORDS) throw new AppError('VALIDATION', `The spoken form "${rule.spoken.slice(0, 80)}" has more than ${MAX_SPOKEN_WORDS} words.`);
      let node = this.root;
      for (const word of words) {
        node.children ??= new Map();
        let next = node.children.get(word);
        if (!next) node.children.set(word, (next = { children: undefined, rule: -1 }));
        node = next;
      }
      if (node.rule < 0) size++;
      node.rule = index;
    });
    this.size = size;
  }

  /** Replaces every spoken form in `text` by its term; text between matches is kept byte for byte. */
  apply(text: string): ApplyResult {
    if (this.size === 0 || text.length === 0) return { text, hits: [] };
    const starts: number[] = [];
    const ends: number[] = [];
    const words: string[] = [];
    for (const m of text.matchAll(WORD)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      words.push(m[0].toLowerCase());
    }
    let out = '';
    let copied = 0;
    const hits: number[] = [];
    let i = 0;
    while (i < words.length) {
      let node = this.root.children?.get(words[i] as string);
      let bestRule = -1;
      let bestEnd = -1;
      let j = i;
      while (node) {
        if (node.rule >= 0) {
          bestRule = node.rule;
          bestEnd = j;
        }
        j++;
        // A spoken form's words are separated by spaces only: "cube, control" is two thoughts, not one name.
        if (j >= words.length || j - i >= MAX_SPOKEN_WORDS || !onlySpaces(text, ends[j - 1] as number, starts[j] as number)) break;
        node = node.children?.get(words[j] as string);
      }
      if (bestRule < 0) {
        i++;
        continue;
      }
      out += text.slice(copied, starts[i]) + (this.rules[bestRule] as SpokenRule).term;
      copied = ends[bestEnd] as number;
      hits.push(bestRule);
      i = bestEnd + 1;
    }
    return hits.length === 0 ? { text, hits } : { text: out + text.slice(copied), hits };
  }
}

function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return true;
}
