/**
 * The run writer's shortcut for a line's last word (its shape with a trailing space, less the space) against
 * shaping the word alone with fontkit, over every pair of the characters a clause is written in and words with
 * ligatures, kerning and accents, in every DejaVu family a theme can name.
 */
import { describe, expect, it } from 'vitest';
import { shapedWord, type GlyphRun, type RunFont } from './textRuns.js';
import { openedFonts, PDF_FAMILIES } from '../../test/pdfFonts.js';

const CHARS = [...'AFLPTVWYafilrtvwy017.,;:)(]\'"-/–’\u00a0é'];
const WORDS = [
  ...CHARS.flatMap((a) => CHARS.map((b) => `${a}${b}`)),
  'office',
  'affluent',
  'fjord',
  'Tariff,',
  'LTV.',
  'AVAILABILITY;',
  'café',
  'naïve',
  'e\u0301',
  '3.201(a)(i)',
  'https://example.org/',
  'Supplier’s',
];

/** Glyph ids and positions, as the writer reads them. */
function shape(run: { run: GlyphRun; count: number }) {
  return Array.from({ length: run.count }, (_, i) => {
    const p = run.run.positions[i]!;
    return [run.run.glyphs[i]!.id, p.xAdvance, p.advanceWidth, p.xOffset, p.yOffset];
  });
}

describe('shapedWord', () => {
  for (const family of PDF_FAMILIES) {
    it(`gives a line's last word the glyphs and positions fontkit gives it alone (${family})`, () => {
      const fonts = openedFonts<RunFont>(family);
      let derived = 0;
      for (const { key, font } of fonts) {
        // A word measured on a line before: shaped with the space after it, as the measurer does.
        for (const word of WORDS) font.layoutCached(`${word} `);
        for (const word of WORDS) {
          const got = shapedWord(font, word);
          if (got.run !== font.layoutCache?.[word]) derived++;
          // Shaped afresh, outside any cache.
          const alone = (font as unknown as { layoutRun(text: string): GlyphRun }).layoutRun(word);
          expect(shape(got), `${family} ${key} ${JSON.stringify(word)}`).toEqual(shape({ run: alone, count: alone.glyphs.length }));
        }
      }
      // The shortcut is taken for most words (not only the fallback tested).
      expect(derived).toBeGreaterThan(fonts.length * WORDS.length * 0.8);
    });
  }
});
