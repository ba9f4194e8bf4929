import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emphasisTooDeep, treeTooDeep } from './nesting.js';

describe('nesting limits', () => {
  it('counts emphasis opened inside emphasis, and forgets it at a blank line', () => {
    expect(emphasisTooDeep('*a '.repeat(300) + 'x' + ' b*'.repeat(300))).toMatchObject({ depth: 251 });
    expect(emphasisTooDeep('*a '.repeat(200) + 'x' + ' b*'.repeat(200))).toBeUndefined();
    expect(emphasisTooDeep(('*a '.repeat(200) + '\n\n').repeat(5))).toBeUndefined();
    expect(emphasisTooDeep('Plain **bold**, *emphasis*, snake_case_words and 2 * 3 * 4.\n'.repeat(1000))).toBeUndefined();
  });
  it('resets at a paragraph end exactly where a regular expression over the next two characters says so (fast-check)', () => {
    // The rule as first written: the two characters after a line break, read with a regular expression.
    const reference = (text: string, limit: number) => {
      const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
      const isPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
      let open = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 && /^[ \t]*(\r?\n|$)/.test(text.slice(i + 1, i + 3))) open = 0;
        if (c !== 42 && c !== 95) continue;
        let end = i;
        while (text.charCodeAt(end + 1) === c) end++;
        const before = i === 0 ? NaN : text.charCodeAt(i - 1);
        const after = text.charCodeAt(end + 1);
        const opens = (isSpace(before) || isPunctuation(before)) && !isSpace(after);
        const closes = !isSpace(before) && (isSpace(after) || isPunctuation(after));
        if (opens && closes) {
          i = end;
          continue;
        }
        if (opens) open += end - i + 1;
        else if (closes) open = Math.max(0, open - (end - i + 1));
        if (open > limit) return { offset: i, depth: open };
        i = end;
      }
      return undefined;
    };
    const text = fc.array(fc.constantFrom('*', '_', ' ', '\t', '\n', '\r', 'a', '.', '**', '\n\n'), { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (t, limit) => {
        expect(emphasisTooDeep(t, limit)).toEqual(reference(t, limit));
      }),
      { numRuns: 2000 },
    );
  });
  it('finds the first node too deep in document order, without recursion', () => {
    let deep: { children: unknown[]; position: { start: { offset: number } } } = { children: [], position: { start: { offset: 7 } } };
    for (let i = 0; i < 5000; i++) deep = { children: [deep], position: { start: { offset: i } } };
    expect(treeTooDeep({ children: [{ children: [] }, deep] } as never)).toMatchObject({ depth: 251 });
    expect(treeTooDeep({ children: [{ children: [{ children: [] }] }] })).toBeUndefined();
  });
});
