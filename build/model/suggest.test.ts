import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from './suggest.js';

describe('suggestions', () => {
  it('measures edits, a transposition as one', () => {
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('Requesting Partie', 'Requesting Party')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('offers the nearest names within a budget that grows with the length', () => {
    expect(nearest('form', ['from', 'kind', 'reason'])).toEqual(['from']);
    expect(nearest('RP Decomissioning Date', ['RP Decommissioning Date', 'Requesting Party'])).toEqual(['RP Decommissioning Date']);
    expect(nearest('7.9Z', ['7.9A', '7.9B', '7.9C', '7.9D', '3.14E'])).toEqual(['7.9A', '7.9B', '7.9C']);
    expect(nearest('zzzz', ['from', 'kind'])).toEqual([]);
  });
  it('phrases the hint, or says nothing', () => {
    expect(didYouMean('form', ['from'])).toBe('; did you mean `from`?');
    expect(didYouMean('qqqq', ['from'])).toBe('');
  });
});
