/** The block-wise common prefix and suffix that move locations after an edit agree with a character-by-character reading. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPrefix, commonSuffix } from './editSpan.js';

function plainPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function plainSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

describe('commonPrefix and commonSuffix', () => {
  it('agree with a character-by-character reading around and across block boundaries (fast-check)', () => {
    // A long text of a few letters and an edit somewhere in it: the prefix and suffix cross many 4,096-character blocks.
    const text = fc.tuple(fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é'), maxLength: 40 }), fc.nat(600)).map(([unit, n]) => unit.repeat(n));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(20), fc.string({ maxLength: 20 }), (a, at, cut, insert) => {
        const i = a.length ? at % (a.length + 1) : 0;
        const b = a.slice(0, i) + insert + a.slice(i + cut);
        const prefix = commonPrefix(a, b);
        expect(prefix).toBe(plainPrefix(a, b));
        const limit = Math.min(a.length, b.length) - prefix;
        expect(commonSuffix(a, b, limit)).toBe(plainSuffix(a, b, limit));
        expect(commonPrefix(a, a)).toBe(a.length);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a difference at either side of every block boundary', () => {
    const a = 'x'.repeat(12_300);
    const boundaries = [0, 1, 4_095, 4_096, 4_097, 8_191, 8_192, 8_193];
    for (const at of [...boundaries, ...boundaries.map((k) => a.length - 1 - k)]) {
      const b = a.slice(0, at) + 'y' + a.slice(at + 1);
      expect(commonPrefix(a, b)).toBe(at);
      expect(commonSuffix(a, b, a.length - at)).toBe(a.length - 1 - at);
    }
  });
});
