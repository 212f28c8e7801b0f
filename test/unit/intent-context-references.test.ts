// Which context a request points at: the clipboard's code, an earlier result, or neither.
import { describe, expect, it } from 'vitest';
import { actsOnExistingCode, contextReferences } from '../../main/intent/context-references.js';

describe('contextReferences', () => {
  it.each(['explain this', 'convert the code I copied to go', 'fix the selected code', 'add types to these functions', 'document my code'])('"%s" refers to the clipboard', (text) => {
    expect(contextReferences(text).clipboard).toBe(true);
  });

  it.each(['now add tests for that', 'make it async', 'do the same in python', 'also handle errors', 'rename that function', 'convert it to rust', 'try again'])('"%s" follows up on an earlier result', (text) => {
    expect(contextReferences(text).history).toBe(true);
  });

  it.each(['write a function that reverses a string', 'create a class called user repository', 'write a query that counts orders'])('"%s" needs no context', (text) => {
    expect(contextReferences(text)).toEqual({ clipboard: false, history: false });
  });
});

describe('actsOnExistingCode', () => {
  it('is true for requests on existing code, false for new code', () => {
    expect(actsOnExistingCode('explain')).toBe(true);
    expect(actsOnExistingCode('add_types')).toBe(true);
    expect(actsOnExistingCode('generate_function')).toBe(false);
    expect(actsOnExistingCode('generic')).toBe(false);
  });
});
