// Spoken identifiers become code identifiers, and spoken forms of known names become those names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIdentifier, matchKnownIdentifier, normaliseIdentifiers, scanIdentifiers, splitIdentifier, type IdentifierCase,
} from '../../main/intent/identifier.js';

describe('normaliseIdentifiers', () => {
  it.each([
    ['camel case fetch user', 'fetchUser'],
    ['snake case user id', 'user_id'],
    ['pascal case order service', 'OrderService'],
    ['kebab case main nav', 'main-nav'],
    ['constant case max retries', 'MAX_RETRIES'],
    ['screaming snake case retry limit', 'RETRY_LIMIT'],
    ['upper camel case http client', 'HttpClient'],
    ['Camelcase fetch user', 'fetchUser'],
    ['camel-case fetch user', 'fetchUser'],
    ['camel case, fetch user', 'fetchUser'],
  ])('writes "%s" as %s', (spoken, expected) => {
    expect(normaliseIdentifiers(spoken)).toBe(expected);
  });

  it('ends a spoken name at a stop word or punctuation and keeps the rest of the sentence', () => {
    expect(normaliseIdentifiers('write a function camel case fetch user that calls the api')).toBe('write a function fetchUser that calls the api');
    expect(normaliseIdentifiers('add snake case user count. Then return it')).toBe('add user_count. Then return it');
    expect(normaliseIdentifiers('call it camel case wait for idle')).toBe('call it waitForIdle');
    // A trailing connective belongs to the sentence: "... parse date from a string".
    expect(normaliseIdentifiers('camel case parse date from a string')).toBe('parseDate from a string');
  });

  it('leaves a case instruction without words, and ordinary text, alone', () => {
    expect(normaliseIdentifiers('use camel case')).toBe('use camel case');
    expect(normaliseIdentifiers('write a debounce function')).toBe('write a debounce function');
  });

  it('maps spoken forms of known identifiers, matching split words case-insensitively', () => {
    const known = ['fetchUserById', 'HTTPServer', 'max_retries', 'user'];
    expect(normaliseIdentifiers('write tests for fetch user by id', known)).toBe('write tests for fetchUserById');
    expect(normaliseIdentifiers('Fetch User By ID returns null', known)).toBe('fetchUserById returns null');
    expect(normaliseIdentifiers('start the http server', known)).toBe('start the HTTPServer');
    expect(normaliseIdentifiers('raise max retries to five', known)).toBe('raise max_retries to five');
    // One-word names are not rewritten: "user" stays ordinary speech.
    expect(normaliseIdentifiers('the user logs in', known)).toBe('the user logs in');
    // Words of one name are not matched across punctuation.
    expect(normaliseIdentifiers('fetch user. By id', known)).toBe('fetch user. By id');
  });

  it('reports where each identifier is in the normalised text', () => {
    const scan = scanIdentifiers('rename fetch user by id to camel case load user', ['fetchUserById']);
    expect(scan.text).toBe('rename fetchUserById to loadUser');
    for (const f of scan.identifiers) expect(scan.text.slice(f.start, f.end)).toBe(f.value);
    expect(scan.identifiers.map((f) => f.source)).toEqual(['known', 'case']);
  });
});

describe('matchKnownIdentifier', () => {
  it('finds the known identifier said in full, or nothing', () => {
    const known = ['fetchUserById', 'parseConfig', 'UserRepository'];
    expect(matchKnownIdentifier('fetch user by id', known)).toBe('fetchUserById');
    expect(matchKnownIdentifier('User Repository', known)).toBe('UserRepository');
    expect(matchKnownIdentifier('fetch user', known)).toBeUndefined();
  });
});

describe('formatIdentifier and splitIdentifier', () => {
  // Two letters or more: PascalCase cannot tell one-letter words from an acronym ("a a" -> "AA" -> "aa").
  const word = fc.stringMatching(/^[a-z]{2,8}$/);
  const style = fc.constantFrom<IdentifierCase>('camel', 'pascal', 'snake', 'kebab', 'constant');

  it('round-trip: the words of a formatted identifier are the words it was made from', () => {
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), style, (words, s) => {
      expect(splitIdentifier(formatIdentifier(words, s))).toEqual(words);
    }));
  });

  it('splits acronyms and digits', () => {
    expect(splitIdentifier('parseHTTPResponse')).toEqual(['parse', 'http', 'response']);
    expect(splitIdentifier('base64Encode')).toEqual(['base', '64', 'encode']);
  });

  it('any spoken words normalise to a valid identifier in every case', () => {
    const valid: Record<IdentifierCase, RegExp> = {
      camel: /^[a-z][a-zA-Z]*$/, pascal: /^[A-Z][a-zA-Z]*$/, snake: /^[a-z]+(?:_[a-z]+)*$/, kebab: /^[a-z]+(?:-[a-z]+)*$/, constant: /^[A-Z]+(?:_[A-Z]+)*$/,
    };
    const spoken: Record<IdentifierCase, string> = { camel: 'camel case', pascal: 'pascal case', snake: 'snake case', kebab: 'kebab case', constant: 'constant case' };
    // Content words only: stop words end a spoken name by design (tested above).
    const content = fc.constantFrom('user', 'fetch', 'id', 'order', 'max', 'retries', 'http', 'client', 'parse', 'date', 'config', 'load', 'save', 'cart', 'total', 'price', 'value', 'count', 'retry', 'limit');
    fc.assert(fc.property(fc.array(content, { minLength: 1, maxLength: 4 }), style, (words, s) => {
      const out = normaliseIdentifiers(`${spoken[s]} ${words.join(' ')}`);
      expect(out).toMatch(valid[s]);
      expect(splitIdentifier(out)).toEqual(words);
    }));
  });
});

describe('learned names follow the target language convention', () => {
  const known = ['debouncesAnother', 'fetchUserById', 'calculate_total', 'UserRepository', 'MAX_RETRIES'];

  it('writes a learned camelCase name in snake_case for Python, and snake_case in camelCase for TypeScript', () => {
    expect(normaliseIdentifiers('write a function that debounces another function', known, 'snake')).toBe('write a function that debounces_another function');
    expect(normaliseIdentifiers('add tests for calculate total', known, 'camel')).toBe('add tests for calculateTotal');
    expect(normaliseIdentifiers('call fetch user by id', known, 'snake')).toBe('call fetch_user_by_id');
  });

  it('keeps type-like PascalCase and CONSTANT_CASE names, spoken case instructions, and names that already fit', () => {
    expect(normaliseIdentifiers('use the user repository and max retries', known, 'snake')).toBe('use the UserRepository and MAX_RETRIES');
    expect(normaliseIdentifiers('camel case parse date', known, 'snake')).toBe('parseDate');
    expect(normaliseIdentifiers('call fetch user by id', known, 'camel')).toBe('call fetchUserById');
  });
});
