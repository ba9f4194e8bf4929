import { describe, expect, it } from 'vitest';
import { emphasisTooDeep, treeTooDeep } from './nesting.js';

describe('nesting limits', () => {
  it('counts emphasis opened inside emphasis, and forgets it at a blank line', () => {
    expect(emphasisTooDeep('*a '.repeat(300) + 'x' + ' b*'.repeat(300))).toMatchObject({ depth: 251 });
    expect(emphasisTooDeep('*a '.repeat(200) + 'x' + ' b*'.repeat(200))).toBeUndefined();
    expect(emphasisTooDeep(('*a '.repeat(200) + '\n\n').repeat(5))).toBeUndefined();
    expect(emphasisTooDeep('Plain **bold**, *emphasis*, snake_case_words and 2 * 3 * 4.\n'.repeat(1000))).toBeUndefined();
  });
  it('finds the first node too deep in document order, without recursion', () => {
    let deep: { children: unknown[]; position: { start: { offset: number } } } = { children: [], position: { start: { offset: 7 } } };
    for (let i = 0; i < 5000; i++) deep = { children: [deep], position: { start: { offset: i } } };
    expect(treeTooDeep({ children: [{ children: [] }, deep] } as never)).toMatchObject({ depth: 251 });
    expect(treeTooDeep({ children: [{ children: [{ children: [] }] }] })).toBeUndefined();
  });
});
