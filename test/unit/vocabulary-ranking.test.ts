// Ranking vocabulary terms: what the user just copied or asked about beats the project; ties are broken the same way every time.
import { describe, expect, it } from 'vitest';
import { CLIPBOARD_SOURCE, HISTORY_SOURCE, PROJECT_SOURCE, rankTerms } from '../../main/vocabulary/term-ranking.js';

const counts = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

describe('rankTerms', () => {
  it('puts a term seen once on the clipboard above the project’s most frequent name', () => {
    const ranked = rankTerms(
      [
        { counts: counts({ copiedHelper: 1, parseDocument: 9 }), ...CLIPBOARD_SOURCE },
        { counts: counts({ projectFavourite: 500, parseDocument: 1 }), ...PROJECT_SOURCE },
      ],
      10,
    );
    expect(ranked).toEqual(['parseDocument', 'copiedHelper', 'projectFavourite']);
  });

  it('weighs newer history entries above older ones', () => {
    const history = (age: number, term: string) => ({ counts: counts({ [term]: 1 }), weight: HISTORY_SOURCE.weight * HISTORY_SOURCE.decay ** age, floor: HISTORY_SOURCE.floor });
    expect(rankTerms([history(2, 'olderAsk'), history(0, 'newestAsk'), history(1, 'middleAsk')], 10)).toEqual(['newestAsk', 'middleAsk', 'olderAsk']);
  });

  it('ranks the project by frequency with diminishing returns, ties by total count then code-unit order', () => {
    const project = { counts: counts({ zetaName: 3, alphaName: 3, betaName: 7, MAX_VALUE: 3 }), ...PROJECT_SOURCE };
    expect(rankTerms([project], 10)).toEqual(['betaName', 'MAX_VALUE', 'alphaName', 'zetaName']);
    // Same input in a different insertion order: same answer.
    const reversed = { counts: new Map([...project.counts].reverse()), ...PROJECT_SOURCE };
    expect(rankTerms([reversed], 10)).toEqual(rankTerms([project], 10));
  });

  it('keeps at most maxTerms', () => {
    const many = counts(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`termNumber${String(i).padStart(3, '0')}x`, 300 - i])));
    const ranked = rankTerms([{ counts: many, ...PROJECT_SOURCE }], 100);
    expect(ranked).toHaveLength(100);
    expect(ranked[0]).toBe('termNumber000x');
    expect(rankTerms([{ counts: many, ...PROJECT_SOURCE }], 0)).toEqual([]);
  });
});
