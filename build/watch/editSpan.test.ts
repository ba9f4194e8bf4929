/** Where two texts of a file differ: the block-wise prefix and suffix, and the span of records an edit touched. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPrefix, commonSuffix, editSpan } from './editSpan.js';

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

describe('editSpan', () => {
  /** A file of records: each a line starting with its number, then words; the records' starts in order. */
  const file = (records: string[]) => {
    const starts: number[] = [];
    let text = '## 1 Heading\n\n';
    for (const r of records) {
      starts.push(text.length);
      text += `${r}\n\n`;
    }
    return { text, starts };
  };
  const words = fc.array(fc.constantFrom('alpha', 'beta', 'Gamma Term', '[[X 1.2]]', 'delta,'), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

  it('covers every change with whole records, the rest of both texts the same (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), fc.string({ unit: fc.constantFrom('a', ' ', 'Z', '.'), maxLength: 12 }), fc.nat(15), (records, which, at, insert, cut) => {
        const before = file(records.map((r, i) => `**1.${i + 1}** ${r}`));
        const i = which % records.length;
        const record = records[i]!;
        const j = at % (record.length + 1);
        const edited = records.slice();
        edited[i] = record.slice(0, j) + insert + record.slice(Math.min(record.length, j + cut));
        const after = file(edited.map((r, k) => `**1.${k + 1}** ${r}`));
        fc.pre(after.text !== before.text);
        const span = editSpan(before.text, after.text, after.starts)!;
        expect(span).toBeDefined();
        // Outside the span the texts agree, offset for offset before it and moved by the change in length after it.
        expect(after.text.slice(0, span.from)).toBe(before.text.slice(0, span.from));
        expect(after.text.slice(span.toAfter)).toBe(before.text.slice(span.toBefore));
        // The span starts and ends at records (or the file's ends), and takes in the edited record.
        expect([0, ...after.starts]).toContain(span.from);
        expect([...after.starts, after.text.length]).toContain(span.toAfter);
        expect(span.from).toBeLessThanOrEqual(after.starts[i]!);
        expect(span.toAfter).toBeGreaterThan(after.starts[i]!);
      }),
      { numRuns: 300 },
    );
  });

  it('takes in the record before when an edit begins where a record starts', () => {
    const before = file(['**1.1** one', '**1.2** two']);
    const after = file(['**1.1** one', 'X**1.2** two']);
    // The new text's record 1.2 starts one later: an edit at a record's start belongs as much to the record before it.
    const span = editSpan(before.text, after.text, [before.starts[0]!, before.starts[1]! + 1])!;
    expect(span.from).toBe(before.starts[0]);
  });

  it('is the whole file when the edit defines a link reference or a footnote, in either text', () => {
    const before = file(['**1.1** one', '**1.2** two']);
    for (const added of ['[x]: https://example.org/x', '[^3]: A note.', '   [Y 1]: /y', '- [z]: /in-a-list', '> [q]: /quoted']) {
      const after = file(['**1.1** one', `**1.2** two\n\n${added}`]);
      expect(editSpan(before.text, after.text, after.starts), added).toBeUndefined();
      expect(editSpan(after.text, before.text, before.starts), added).toBeUndefined();
    }
    // An edit elsewhere in the file from such a line is judged by its own records.
    const withNote = file(['**1.1** one', '**1.2** two', '[^3]: A note.']);
    const edited = file(['**1.1** one, edited', '**1.2** two', '[^3]: A note.']);
    expect(editSpan(withNote.text, edited.text, edited.starts)).toEqual({ from: edited.starts[0], toAfter: edited.starts[1], toBefore: withNote.starts[1] });
  });
});
