// Command-style phrasing (Serenade's grammar): "add function compute factorial" names the function in the target
// language's convention, "add class download manager" a type, "add parameter max speed" a change to existing code.
import { describe, expect, it } from 'vitest';
import { recogniseIntent } from '../../main/intent/recogniser.js';

const recognise = (text: string, defaultLanguage = 'typescript') => recogniseIntent(text, { defaultLanguage });

describe('command-style phrasing', () => {
  it('names a function in the convention of the language it is written in', () => {
    expect(recognise('add function compute factorial', 'python')).toMatchObject({ intent: 'generate_function', slots: { language: 'python', name: 'compute_factorial' } });
    expect(recognise('add function compute factorial', 'javascript').slots.name).toBe('computeFactorial');
    expect(recognise('add function compute factorial').slots.name).toBe('computeFactorial');
    expect(recognise('add function compute factorial in rust').slots).toMatchObject({ language: 'rust', name: 'compute_factorial' });
    expect(recognise('add method get balance in c sharp').slots).toMatchObject({ language: 'csharp', name: 'GetBalance' });
  });

  it('names a class, struct, interface or enum in PascalCase whatever the language', () => {
    expect(recognise('add class download manager')).toMatchObject({ intent: 'generate_class', slots: { name: 'DownloadManager' } });
    expect(recognise('add class download manager', 'python').slots.name).toBe('DownloadManager');
    expect(recognise('add struct point in go').slots.name).toBe('Point');
  });

  it('adds a parameter or field to existing code, named like a variable', () => {
    expect(recognise('add parameter max speed')).toMatchObject({ intent: 'refactor', slots: { name: 'maxSpeed' } });
    expect(recognise('add parameter max speed', 'python').slots.name).toBe('max_speed');
    expect(recognise('add field email address in ruby').slots.name).toBe('email_address');
  });

  it('keeps what ends a name out of it: a clause, a language, fillers before the command', () => {
    expect(recognise('add function compute factorial that takes n in python').slots.name).toBe('compute_factorial');
    expect(recognise('um add function is palindrome in java').slots.name).toBe('isPalindrome');
    expect(recognise('so add class rate limiter with a token bucket').slots.name).toBe('RateLimiter');
  });

  it('gives no name to requests that only describe the code', () => {
    for (const text of ['write a function that reverses a string', 'create a class for a bank account', 'write a function to parse dates', 'add a method to the user class', 'write property based tests for the parser', 'make a function in python']) {
      expect(recognise(text).slots.name, text).toBeUndefined();
    }
  });

  it('"called" still wins, and a spoken case instruction too', () => {
    expect(recognise('add function called parse row', 'python').slots.name).toBe('parse_row');
    expect(recognise('add function camel case fetch orders', 'python').slots.name).toBe('fetchOrders');
  });
});
