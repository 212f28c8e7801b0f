// Ranks dictionary terms by use: how often their spoken forms were heard, decayed by how long ago (frecency).
import type { DictionaryRow } from './personal-types.js';

/** A use two weeks ago counts half as much as one today: vocabulary follows what the user works on now. */
export const USE_HALF_LIFE_MS = 14 * 24 * 3600 * 1000;

/**
 * The best `max` distinct terms, best first. A term's score is (1 + uses) halved every USE_HALF_LIFE_MS since its last
 * use (or since it was added, if never used); a term with several spoken forms sums them. Ties go to more uses, then
 * to the term added first (a list's order is the user's order), so the result is the same on every run.
 */
export function rankDictionary(rows: readonly DictionaryRow[], max: number, now: number): string[] {
  if (max <= 0) return [];
  const byTerm = new Map<string, { score: number; uses: number; first: number }>();
  for (const row of rows) {
    const age = Math.max(0, now - (row.lastUsedAt ?? row.addedAt));
    const score = (1 + row.uses) * 0.5 ** (age / USE_HALF_LIFE_MS);
    const seen = byTerm.get(row.term);
    if (seen) {
      seen.score += score;
      seen.uses += row.uses;
      seen.first = Math.min(seen.first, row.id);
    } else byTerm.set(row.term, { score, uses: row.uses, first: row.id });
  }
  const rounded = (x: number): number => Math.round(x * 1e9);
  return [...byTerm]
    .sort(([, a], [, b]) => rounded(b.score) - rounded(a.score) || b.uses - a.uses || a.first - b.first)
    .slice(0, max)
    .map(([term]) => term);
}

/**
 * The ranked terms as counts for the vocabulary's ranking (main/vocabulary/term-ranking.ts): the best gets `max`,
 * the next `max - 1`, ..., so the order survives the log scaling there.
 */
export function rankAsCounts(ranked: readonly string[]): Map<string, number> {
  return new Map(ranked.map((term, i) => [term, ranked.length - i]));
}
