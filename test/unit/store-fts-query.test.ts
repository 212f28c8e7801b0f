// What a user types into history search becomes a safe FTS5 query.
import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../main/store/history.js';
import { salvageSettings } from '../../main/store/settings.js';

describe('history search input', () => {
  it('turns words into prefix terms and drops FTS operators and punctuation', () => {
    expect(toFtsQuery('parse CSV')).toBe('"parse"* "CSV"*');
    expect(toFtsQuery('a" OR b) NEAR(')).toBe('"a"* "OR"* "b"* "NEAR"*');
    expect(toFtsQuery(' !? ')).toBeUndefined();
  });
});

describe('settings salvage', () => {
  it('drops only the invalid values', () => {
    const { settings, warnings } = salvageSettings({ pool: { max: -1, min: 2 }, hotkey: { mode: 'toggle' } });
    expect(settings.pool).toMatchObject({ min: 2, max: 4 });
    expect(settings.hotkey.mode).toBe('toggle');
    expect(warnings).toHaveLength(1);
  });

  it('uses defaults for something that is not an object at all', () => {
    expect(salvageSettings([1, 2]).warnings).toHaveLength(1);
    expect(salvageSettings(undefined).warnings).toEqual([]);
  });
});
