/**
 * Plain shaping against fontkit's: every text of up to two candidate characters, with and without a trailing space,
 * and clause numbers and references as documents write them, in every font of every DejaVu family a theme can name,
 * give the same glyphs and the same scaled positions and width as pdfkit's shaping through fontkit.
 */
import { describe, expect, it } from 'vitest';
import { onlyCandidates, plainCharacters, plainRun, type ShapingFont } from './plainShaping.js';
import { fontkitRun, openedFonts, PDF_FAMILIES, shapeOf, type ShapedFont } from '../../test/pdfFonts.js';
const CHARS = [...'0123456789.,;:()[]/-§% '];
const TEXTS = [
  ...CHARS,
  ...CHARS.flatMap((a) => CHARS.map((b) => `${a}${b}`)),
  // Spaces inside a text, between the characters around them.
  ...[...'1. (§]'].flatMap((a) => [...'1. (§]'].flatMap((b) => [...'1. (§]'].map((c) => `${a}${b}${c}`))),
  '3.201',
  '2.163.1',
  '10.64(2)',
  '1/2',
  '2026-01-15',
  '(17)',
  '4.12 - 4.19',
  '§3.2;',
  '[5%],',
];

type PdfkitFont = ShapedFont<ShapingFont>;

describe('plainRun', () => {
  for (const family of PDF_FAMILIES) {
    it(`shapes digits, clause-number punctuation and a trailing space as fontkit does (${family})`, () => {
      const fonts = openedFonts<PdfkitFont>(family);
      let plain = 0;
      for (const { key, font } of fonts) {
        const chars = plainCharacters(font.font);
        for (const text of TEXTS.flatMap((t) => [t, `${t} `])) {
          expect(onlyCandidates(text), text).toBe(true);
          const run = plainRun(chars, text, font.scale);
          if (!run) continue;
          plain++;
          expect(shapeOf(run), `${family} ${key} ${JSON.stringify(text)}`).toEqual(shapeOf(fontkitRun(font, text)));
        }
      }
      // Most of them are taken the plain way in every family (not only the fallback exercised).
      expect(plain).toBeGreaterThan(fonts.length * TEXTS.length);
    });
  }

  it('leaves text with a character shaping can change to fontkit', () => {
    const font = openedFonts<PdfkitFont>('DejaVu Sans')[0]!.font;
    const chars = plainCharacters(font.font);
    // Letters kern and form ligatures in DejaVu Sans.
    for (const text of ['3.201a', 'fi', 'AV']) expect(plainRun(chars, text, font.scale), text).toBeUndefined();
    // Only the lookups fontkit applies to text of Common characters count: the space starts a lookup of other
    // scripts' features alone, so it is plain inside a text too.
    for (const text of ['1.2 ', '1 2']) expect(plainRun(chars, text, font.scale), text).toBeDefined();
  });
});
