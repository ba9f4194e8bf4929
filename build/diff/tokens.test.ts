import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inline } from '../model/document.js';
import { normalizeInlines, rebuild, sameInlines, tokenize } from './tokens.js';

/** Plain objects, as the render model's are (a comparison of plain data need not weigh prototypes). */
const plain = { noNullPrototype: true } as const;

/** Inline trees of every kind, nested, with the empty text and formatting that normalizing drops. */
const inlines: fc.Arbitrary<Inline[]> = fc.letrec<{ list: Inline[]; node: Inline }>((tie) => ({
  list: fc.array(tie('node'), { maxLength: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom('', ' ', 'the DCC', ' shall\n', 'x', 'Équipe’s', '(a)') }, plain),
    fc.record({ kind: fc.constantFrom('strong' as const, 'emphasis' as const, 'delete' as const), children: tie('list') }, plain),
    fc.record({ kind: fc.constant('link' as const), target: fc.constantFrom({ doc: 'AM' }, { doc: 'AM', id: 'AM 2.1' }), children: tie('list') }, plain),
    fc.record({ kind: fc.constant('reference' as const), text: fc.constant('2.1'), raw: fc.constantFrom('[[2.1]]', '[[AM 2.1]]') }, plain),
    fc.record({ kind: fc.constant('footnoteRef' as const), number: fc.integer({ min: 1, max: 3 }), first: fc.boolean() }, plain),
    fc.record({ kind: fc.constant('code' as const), text: fc.constantFrom('a', 'b c') }, plain),
    fc.constant({ kind: 'break' as const }),
  ) as fc.Arbitrary<Inline>,
})).list;

describe('tokens', () => {
  it('normalizes inline content as tokenizing it word by word and rebuilding it does', () => {
    fc.assert(
      fc.property(inlines, (list) => {
        expect(normalizeInlines(list)).toEqual(rebuild(tokenize(list)));
      }),
      { numRuns: 1000 },
    );
  });

  it('compares inline content as a deep strict comparison does', () => {
    fc.assert(
      fc.property(inlines, inlines, (a, b) => {
        expect(sameInlines(a, b)).toBe(isDeepStrictEqual(a, b));
        expect(sameInlines(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells apart a missing property from one set to undefined, and an array from an object', () => {
    expect(sameInlines({ kind: 'text' }, { kind: 'text', text: undefined })).toBe(false);
    expect(sameInlines([], {})).toBe(false);
    expect(sameInlines({ a: 1 }, { b: 1 })).toBe(false);
  });
});
