// The cache key: the same request in different words of spacing and case finds the same answer; anything that changes the answer does not.
import { describe, expect, it } from 'vitest';
import { capExpiry, encodeEnvelope, readHeader } from '../../main/cache/envelope.js';
import { createCacheKey, globToRegExp, hashContext, normaliseTranscript } from '../../main/cache/keys.js';

const base = { transcript: 'Write a function that reverses a string.', intent: 'generate', language: 'typescript' };

describe('cache keys', () => {
  it('ignores case, spacing and trailing punctuation of the transcript', () => {
    expect(normaliseTranscript('  Write a   FUNCTION that reverses a string?! ')).toBe('write a function that reverses a string');
    expect(createCacheKey(base).id).toBe(createCacheKey({ ...base, transcript: 'write a function   that reverses a string' }).id);
  });

  it('differs when intent, language or context differ', () => {
    const ids = new Set([
      createCacheKey(base).id,
      createCacheKey({ ...base, intent: 'refactor' }).id,
      createCacheKey({ ...base, language: 'python' }).id,
      createCacheKey({ ...base, contextHash: hashContext('const x = 1;') }).id,
    ]);
    expect(ids.size).toBe(4);
  });

  it('includes a hash of an edit\'s selection: other code is another key, and requests that are not edits keep their keys', () => {
    const plain = createCacheKey(base).id;
    const editA = createCacheKey({ ...base, selectionHash: hashContext('let user = 1;\n') }).id;
    const editB = createCacheKey({ ...base, selectionHash: hashContext('let user = 2;\n') }).id;
    expect(new Set([plain, editA, editB]).size).toBe(3);
    expect(createCacheKey({ ...base, selectionHash: hashContext('let user = 1;\n') }).id).toBe(editA);
    // An empty selection is still an edit, not the same request as new code.
    expect(createCacheKey({ ...base, selectionHash: hashContext('') }).id).not.toBe(plain);
  });

  it('keeps language and intent readable in front of a sha256, so a glob can select a slice', () => {
    const key = createCacheKey(base);
    expect(key.id).toMatch(/^typescript:generate:[0-9a-f]{64}$/);
    expect(Object.isFrozen(key)).toBe(true);
    expect(globToRegExp('typescript:*').test(key.id)).toBe(true);
    expect(globToRegExp('python:*').test(key.id)).toBe(false);
    expect(globToRegExp('*:gen?rate:*').test(key.id)).toBe(true);
    expect(globToRegExp('[pt]y*:*').test(key.id)).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('cache envelope', () => {
  it('keeps stored-at and expiry with the payload, and caps expiry without touching the original', () => {
    const env = encodeEnvelope(Buffer.from('{"a":1}'), 0, 1000, 5000);
    expect(readHeader(env)).toEqual({ codec: 0, storedAt: 1000, expiresAt: 5000 });
    const capped = capExpiry(env, 3000);
    expect(readHeader(capped)?.expiresAt).toBe(3000);
    expect(readHeader(env)?.expiresAt).toBe(5000);
    expect(capExpiry(env, 9000)).toBe(env);
    expect(readHeader(Buffer.from('nope'))).toBeUndefined();
  });
});
