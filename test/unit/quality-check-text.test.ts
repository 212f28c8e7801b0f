// What the overlay, the main window and the notifications say about a result's syntax check.
import { describe, expect, it } from 'vitest';
import { checkMark, errorLines, withheldReason } from '../../preload/check-text.js';
import type { CodeCheck } from '../../preload/contract.js';

const base: CodeCheck = { status: 'ok', language: 'python', repaired: false, errorCount: 0, errors: [] };

describe('syntax check wording', () => {
  it('a clean result is marked "parses as Python", and may be pasted', () => {
    expect(checkMark(base)).toBe('parses as Python');
    expect(checkMark({ ...base, repaired: true })).toBe('parses as Python (repaired)');
    expect(withheldReason(base)).toBeNull();
    expect(withheldReason(undefined)).toBeNull();
  });

  it('errors: "2 syntax errors", never pasted, and their lines are marked', () => {
    const check: CodeCheck = { ...base, status: 'errors', errorCount: 2, errors: [{ line: 3, column: 1, message: 'x' }, { line: 9, column: 4, message: 'y' }] };
    expect(withheldReason(check)).toBe('2 syntax errors');
    expect(withheldReason({ ...check, errorCount: 1 })).toBe('1 syntax error');
    expect(checkMark(check)).toBe('2 syntax errors');
    expect([...errorLines(check)]).toEqual([3, 9]);
  });

  it('the wrong language says which one, and "not checked" is never "ok"', () => {
    expect(withheldReason({ ...base, status: 'wrong-language', language: 'java', parsesAs: 'typescript', errorCount: 4 })).toBe('TypeScript, not Java');
    const sql: CodeCheck = { ...base, status: 'not-checked', language: 'sql', reason: 'no grammar for sql' };
    expect(checkMark(sql)).toBe('not checked');
    expect(withheldReason(sql)).toBeNull();
    expect(errorLines(sql).size).toBe(0);
  });
});
