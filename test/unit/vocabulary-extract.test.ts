// Which names of a piece of code become vocabulary terms, and how often they count.
import { describe, expect, it } from 'vitest';
import { countTerms, isVocabularyTerm, looksLikeSecret, mergeCounts } from '../../main/vocabulary/identifier-extract.js';

describe('vocabulary terms in code', () => {
  it('finds camelCase, PascalCase, snake_case, CONSTANT_CASE and kebab-case names', () => {
    const code = `
      export class UserRepository { fetchUserById(id) { return MAX_RETRY_COUNT; } }
      def parse_config_file(path): pass
      <div class="user-card"></div>  // run with --dry-run
    `;
    expect([...countTerms(code).keys()].sort()).toEqual(['MAX_RETRY_COUNT', 'UserRepository', 'dry-run', 'fetchUserById', 'parse_config_file', 'user-card']);
  });

  it('counts repeats', () => {
    expect(countTerms('fetchUserById(a); fetchUserById(b); userId').get('fetchUserById')).toBe(2);
  });

  it('leaves out keywords, one-word names, common library names, very short or long tokens, numbers and hashes', () => {
    const code = `
      const instanceof = async function () { return user; };
      items.forEach((x) => x.toString()); setTimeout(go, 10); useState(0);
      const aB = 0x1F; let n = 42; const v2 = 1e9;
      const digest = 'a3f9c2d81b7e4f60a3f9c2d81b7e4f60';
      def __init__(self): pass
    `;
    expect([...countTerms(code).keys()]).toEqual([]);
    expect(isVocabularyTerm('a'.repeat(30) + 'B' + 'c'.repeat(30))).toBe(false);
    expect(isVocabularyTerm('sha256Digest')).toBe(true);
    expect(isVocabularyTerm('abc123def456')).toBe(false);
  });

  it('never turns a key or random-looking text in a string literal into a term (terms are sent to Gemini)', () => {
    // Provider documentation examples, in the shapes redact.ts knows, and random base64 / mixed-case ids.
    const code = `
      const stripe = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
      const aws = "AKIAIOSFODNN7EXAMPLE";
      const github = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
      const blob = 'dGhpcyBpcyBhIHNlY3JldCB0b2tlbg';
      const id = 'aBcDeFgHiJkLmN';
      const realName = parseHTTPServerURL2(int16ToFloat32Array, l1_get_vs_lru, writeUInt32LE);
    `;
    expect([...countTerms(code).keys()].sort()).toEqual(['int16ToFloat32Array', 'l1_get_vs_lru', 'parseHTTPServerURL2', 'realName', 'writeUInt32LE']);
    expect(looksLikeSecret('AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY')).toBe(true);
    expect(looksLikeSecret('fetchUserById')).toBe(false);
  });

  it('does not read formatted subtraction as a kebab name', () => {
    expect([...countTerms('const total = price - discount; const d = a-1;').keys()]).toEqual([]);
  });

  it('merges counts with a per-source cap', () => {
    const total = mergeCounts(new Map([['fetchUserById', 1]]), new Map([['fetchUserById', 40], ['userId', 2]]), 5);
    expect([...total]).toEqual([['fetchUserById', 6], ['userId', 2]]);
  });
});
