// Ranks vocabulary terms from several sources (clipboard, recent history, project) by frequency and recency.
import type { TermCounts } from './identifier-extract.js';

/** One place terms came from, and how much it counts. */
export interface TermSource {
  counts: ReadonlyMap<string, number>;
  /** The most a term from this source can add to its score. */
  weight: number;
  /**
   * The share of `weight` any term of the source gets, however rare in it (0..1). With a floor, every term of a
   * near source (the clipboard) outranks what a far source (the project) can give.
   */
  floor: number;
}

/**
 * Source weights. What the user copied or asked about a moment ago is what they are about to say, so the clipboard
 * and the newest history entry outweigh the whole project: a clipboard term scores 1.5..3, the newest history entry's
 * 1..2 (each older entry 0.75 times the one before), a project term at most 1, the project's most frequent names most.
 */
export const CLIPBOARD_SOURCE = { weight: 3, floor: 0.5 } as const;
export const HISTORY_SOURCE = { weight: 2, floor: 0.5, decay: 0.75 } as const;
export const PROJECT_SOURCE = { weight: 1, floor: 0 } as const;
/**
 * The personal dictionary: words the user chose to teach, ranked by their own use (main/personal/dictionary-rank.ts).
 * 1.5..2.5: above any project name and most history, below what is on the clipboard right now.
 */
export const DICTIONARY_SOURCE = { weight: 2.5, floor: 0.6 } as const;

/**
 * The top `maxTerms` terms over all sources. A term's score is the sum over the sources it appears in of
 * weight * (floor + (1 - floor) * log(1 + count) / log(1 + the source's highest count)): frequency counts, with
 * diminishing returns. Ties go to the higher total count, then to code-unit order, so the result is the same on every
 * run and machine.
 */
export function rankTerms(sources: readonly TermSource[], maxTerms: number): string[] {
  if (maxTerms <= 0) return [];
  const score = new Map<string, number>();
  const total: TermCounts = new Map();
  for (const source of sources) {
    let max = 0;
    for (const n of source.counts.values()) max = Math.max(max, n);
    if (max <= 0) continue;
    const scale = Math.log1p(max);
    for (const [term, n] of source.counts) {
      if (n <= 0) continue;
      const share = source.floor + (1 - source.floor) * (Math.log1p(n) / scale);
      score.set(term, (score.get(term) ?? 0) + source.weight * share);
      total.set(term, (total.get(term) ?? 0) + n);
    }
  }
  // Rounded, so that equal scores reached by different sums of floats tie instead of differing in the 16th digit.
  const rounded = new Map([...score].map(([term, s]) => [term, Math.round(s * 1e9)]));
  return [...rounded.keys()]
    .sort((a, b) => (rounded.get(b) as number) - (rounded.get(a) as number) || (total.get(b) as number) - (total.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxTerms);
}
