// Cache-key normalisation: the same request said or typed a little differently gets the same key; different requests do not.
import { describe, expect, it } from 'vitest';
import { normaliseTranscript } from '../../main/intent/normalise.js';

describe('normaliseTranscript', () => {
  it('maps case, fillers, politeness, punctuation and spacing alike', () => {
    const forms = ['Write a debounce function, please.', 'write a debounce function', 'Um, write a debounce   function!', 'Okay so uh write a debounce function?', 'write a debounce function please'];
    for (const f of forms) expect(normaliseTranscript(f)).toBe('write a debounce function');
  });

  it('keeps what changes the answer: languages written with symbols, regex characters, dotted names', () => {
    expect(normaliseTranscript('Convert this to C++')).not.toBe(normaliseTranscript('Convert this to C'));
    expect(normaliseTranscript('convert this to C#')).toBe(normaliseTranscript('convert this to c sharp'));
    expect(normaliseTranscript('regex for [a-z]+ digits')).toBe('regex for [a-z]+ digits');
    expect(normaliseTranscript('a node.js server on port 3.5')).toBe('a node.js server on port 3.5');
    expect(normaliseTranscript('write it in type script')).toBe('write it in typescript');
  });

  it('keeps words that only look like fillers', () => {
    expect(normaliseTranscript('return err if the user is umbrella')).toBe('return err if the user is umbrella');
    expect(normaliseTranscript('right pad a string')).toBe('right pad a string');
  });

  it("treats curly and straight apostrophes alike", () => {
    expect(normaliseTranscript('what\u2019s wrong here')).toBe(normaliseTranscript("what's wrong here"));
  });
});
