// Any text through the terminal sanitiser: nothing a terminal acts on survives, and text without controls passes unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseForTerminal } from '../../main/hosts/electron/insert/terminal-text.js';
import { propertyParams } from '../support/fault-helpers.js';

const ESC = '\u001b';
/** Pieces terminals act on: introducers, whole sequences, terminators, C0 and C1 controls, repeated. */
const controlPiece = fc.oneof(
  fc.constantFrom(`${ESC}[`, `${ESC}]`, `${ESC}P`, `${ESC}_`, `${ESC}\\`, `${ESC}[201~`, `${ESC}[200~`, `${ESC}]52;c;`, '\u0007', '\u009b', '\u009d', '\u009c', '\r', '\u0000', '\u007f', '\u0085'),
  fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 9 && c !== 10).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.nat(50).map((n) => `${ESC}[`.repeat(n + 1)),
  fc.nat(50).map((n) => `${ESC}]`.repeat(n + 1)),
);
/** Text a terminal shows as it is (printable, tab, newline, anything past C1). */
const plainPiece = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.constantFrom('\t', '\n', 'é', '✓', '函', '🙂')), maxLength: 20 });

const isControl = (c: number): boolean => (c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f);

describe('sanitiseForTerminal on any text', { timeout: 120_000 }, () => {
  it('leaves no ESC, C0 (but tab and newline), DEL or C1 character, and counts something removed whenever the input had one', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(controlPiece, plainPiece), { maxLength: 30 }), (pieces) => {
        const input = pieces.join('');
        const { text, removed } = sanitiseForTerminal(input);
        for (let i = 0; i < text.length; i++) expect(isControl(text.charCodeAt(i))).toBe(false);
        const hadControl = [...input].some((ch) => isControl(ch.charCodeAt(0)) && ch !== '\r');
        if (hadControl) expect(removed).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(input.length);
        expect(sanitiseForTerminal(text)).toEqual({ text, removed: 0 });
      }),
      propertyParams(500),
    );
  });

  it('returns text without controls unchanged', () => {
    fc.assert(
      fc.property(plainPiece, (text) => {
        expect(sanitiseForTerminal(text)).toEqual({ text, removed: 0 });
      }),
      propertyParams(500),
    );
  });
});
