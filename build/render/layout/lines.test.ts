import { describe, expect, it } from 'vitest';
import { breakLines, toPieces, type InlineTheme, type Line, type Measurer } from './lines.js';
import type { Inline } from '../../model/document.js';

/** Every character one point wide: line widths are character counts. */
const mono: Measurer = { width: (_f, _s, text) => [...text].length, ascent: () => 8, lineSpacing: () => 10 };
const theme: InlineTheme = { size: 10, colour: '000000', linkColour: '0000FF', lineHeight: 1 };
const text = (line: Line) => line.segments.map((s) => s.text).join('');
const lay = (inlines: Inline[], width: number) => breakLines(toPieces(inlines, theme), width, mono, theme).map(text);
const t = (s: string): Inline => ({ kind: 'text', text: s });

describe('breakLines (UAX #14)', () => {
  it('breaks a hyphenated compound after its hyphens, adding nothing', () => {
    expect(lay([t('a pre-migration-configuration step')], 16)).toEqual(['a pre-migration-', 'configuration', 'step']);
  });

  it('breaks a web address after its slashes, not character by character', () => {
    const lines = lay([t('see https://example.org/smart/energy/code now')], 20);
    expect(lines).toEqual(['see https://', 'example.org/smart/', 'energy/code now']);
  });

  it('never breaks at a no-break space', () => {
    expect(lay([t('on 17\u00a0October 2025')], 12)).toEqual(['on', '17\u00a0October', '2025']);
  });

  it('splits by characters only a word that fits no line', () => {
    expect(lay([t('abcdefghij')], 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps a deleted word and the inserted word that replaces it apart, with an unmarked space', () => {
    const pieces = toPieces([t('every '), { kind: 'deletion', children: [t('month')] }, { kind: 'insertion', children: [t('quarter')] }, t(' here')], theme);
    const [line] = breakLines(pieces, 100, mono, theme);
    expect(text(line!)).toBe('every month quarter here');
    const gap = line!.segments.find((s) => s.text === ' ' && !s.style.change);
    expect(gap).toBeDefined();
    expect(gap!.style.strike ?? false).toBe(false);
    expect(gap!.style.underline ?? false).toBe(false);
  });
});
