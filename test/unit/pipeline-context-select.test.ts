// Context selection: the clipboard only when the request refers to it, history only for follow-ups; the key changes with the context.
import { describe, expect, it } from 'vitest';
import { selectContext } from '../../main/pipeline/context-select.js';

const loaded = { clipboard: 'const x = 1;', history: [{ transcript: 'write a debounce function', code: 'function debounce() {}' }], identifiers: [] };

describe('selectContext', () => {
  it('keeps a plain request free of context, so its cache key is stable', () => {
    const a = selectContext('write a function that reverses a linked list in typescript', loaded);
    expect(a.clipboard).toBeUndefined();
    expect(a.history).toEqual([]);
    expect(a.keyMaterial).toBe('');
  });

  it('includes the clipboard when the request refers to it', () => {
    const a = selectContext('explain this code', loaded);
    expect(a.clipboard).toBe('const x = 1;');
    expect(a.keyMaterial).toContain('const x = 1;');
  });

  it('includes recent history for a follow-up', () => {
    const a = selectContext('now add tests for that', loaded);
    expect(a.history).toHaveLength(1);
    expect(a.keyMaterial).toContain('function debounce');
  });

  it('uses the clipboard when a quick command forces it', () => {
    expect(selectContext('document', loaded, true).clipboard).toBe('const x = 1;');
  });
});
