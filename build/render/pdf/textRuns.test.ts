/**
 * The run writer's shortcut for a line's last word (its shape with a trailing space, less the space) against
 * shaping the word alone with fontkit, over every pair of the characters a clause is written in and words with
 * ligatures, kerning and accents, in every DejaVu family a theme can name.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { registerSharedFonts } from './fonts.js';
import { shapedWord, type GlyphRun, type RunFont } from './textRuns.js';
import type { FontKey } from '../layout/lines.js';
import type { PdfFontFamily } from '../../theme/theme.js';

const FAMILIES: PdfFontFamily[] = ['DejaVu Sans', 'DejaVu Sans Condensed', 'DejaVu Serif', 'DejaVu Serif Condensed'];
const KEYS: FontKey[] = ['regular', 'bold', 'italic', 'boldItalic', 'mono'];

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
  for (const family of FAMILIES) {
    it(`gives a line's last word the glyphs and positions fontkit gives it alone (${family})`, () => {
      const doc = new PDFDocument({ autoFirstPage: false });
      registerSharedFonts(doc as never, family, () => new PDFDocument({ autoFirstPage: false }) as never);
      let derived = 0;
      for (const key of KEYS) {
        doc.font(key);
        const font = (doc as unknown as { _font: RunFont })._font;
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
      expect(derived).toBeGreaterThan(KEYS.length * WORDS.length * 0.8);
    });
  }
});
