// Whether a partial transcript reads as a whole request: speculation is started only on whole-looking partials.
import { describe, expect, it } from 'vitest';
import { requestShape } from '../../main/intent/request-shape.js';

describe('request shape of a partial transcript', () => {
  it('is incomplete mid-phrase, or too short to be a request', () => {
    for (const text of ['write a function', 'write a function that reverses', 'write a function that checks if', 'write a sql query that finds the ten', 'write a bash script that backs up', 'write a function that merges two', 'write a class for a']) {
      expect(requestShape(text), text).toBe('incomplete');
    }
  });

  it('is closed when it ends by naming the target language', () => {
    for (const text of ['write a function that reverses a string in python', 'write a debounce function in typescript', 'write a binary search function in c', 'write a parser using go']) {
      expect(requestShape(text), text).toBe('closed');
    }
  });

  it('is open when it could be whole but a tail may follow', () => {
    for (const text of ['write a class for a bank account', 'write a regex that matches an email address', 'write a function that formats a date']) {
      expect(requestShape(text), text).toBe('open');
    }
  });

  it('stays linear on a long hostile input', () => {
    expect(requestShape(`${'x '.repeat(200_000)}in python`)).toBe('closed');
  });
});
