/**
 * Kerned shaping against fontkit's: every text of two characters from the set this module shapes (alone and with a
 * space after, as pdfkit shapes a word), every letter between two others of a smaller set, and words as documents
 * write them, in every font of every DejaVu family a theme can name, give the same glyphs and the same scaled
 * positions and width as pdfkit's shaping through fontkit. A word fontkit would change otherwise (a ligature, a
 * context) must be left to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernedShaper, latinWord, type KerningFont } from './kernedShaping.js';
import { fontkitRun, openedFonts, PDF_FAMILIES, shapeOf, type ShapedFont } from '../../test/pdfFonts.js';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const OTHERS = [...'0123456789 .,;:()[]/-§%\'’"“”&–—!?'];
const ALL = [...LETTERS, ...OTHERS];
/** Letters kerning and ligatures turn on in DejaVu, and a few others. */
const TIGHT = [...'AVTWYLPFfijlo.,r'];

const PAIRS = ALL.flatMap((a) => ALL.map((b) => `${a}${b}`));
const TRIPLES = TIGHT.flatMap((a) => TIGHT.flatMap((b) => TIGHT.map((c) => `${a}${b}${c}`)));
const WORDS = [
  'Supplier',
  'shall',
  'AVAILABILITY',
  'Type,',
  'office',
  'fjord',
  'effective',
  'Waiver;',
  '(AL',
  'DCC’s',
  '“Working',
  'Days”',
  'pre-payment',
  'T&Cs',
  'WAV/LTV',
  'Fifty-five',
  'Yo!',
  'i',
  'ij',
];

type PdfkitFont = ShapedFont<KerningFont>;

describe('kernedShaper', () => {
  for (const family of PDF_FAMILIES) {
    it(`shapes Latin words as fontkit does, or leaves them to it (${family})`, () => {
      const fonts = openedFonts<PdfkitFont>(family);
      let kerned = 0;
      let left = 0;
      let moved = 0;
      for (const { key, font } of fonts) {
        const shaper = kernedShaper(font.font);
        for (const text of [...PAIRS, ...TRIPLES, ...WORDS].flatMap((t) => [t, `${t} `])) {
          if (!latinWord(text)) continue;
          const run = shaper.run(text, font.scale);
          if (!run) {
            left++;
            continue;
          }
          kerned++;
          const expected = shapeOf(fontkitRun(font, text));
          expect(shapeOf(run), `${family} ${key} ${JSON.stringify(text)}`).toEqual(expected);
          if (run.positions.some((p, i) => p.xAdvance !== run.positions[i]!.advanceWidth)) moved++;
        }
      }
      // Most words are shaped here, some with their glyphs moved by kerning, and some are left to fontkit.
      expect(kerned).toBeGreaterThan(left * 4);
      expect(moved).toBeGreaterThan(100);
      expect(left).toBeGreaterThan(0);
    }, 60_000);
  }

  it('shapes random words of its characters, and of a few it leaves, as fontkit does or not at all', () => {
    // Accented letters and a combining accent reach the lookups that are checked not to fire (contexts, marks).
    const unit = fc.constantFrom(...ALL, ...LETTERS, ...TIGHT, ...TIGHT, 'é', '\u0301', 'ﬁ', 'ß');
    let shaped = 0;
    for (const family of PDF_FAMILIES) {
      const fonts = openedFonts<PdfkitFont>(family);
      fc.assert(
        fc.property(fc.nat(fonts.length - 1), fc.string({ unit, minLength: 1, maxLength: 12 }), (which, text) => {
          const { font } = fonts[which]!;
          const run = kernedShaper(font.font).run(text, font.scale);
          if (!run) return;
          shaped++;
          expect(shapeOf(run), `${family} ${JSON.stringify(text)}`).toEqual(shapeOf(fontkitRun(font, text)));
        }),
        { numRuns: 400, seed: 15 },
      );
    }
    // Not only the words it leaves: a good share of them is shaped here and compared.
    expect(shaped).toBeGreaterThan(400);
  }, 60_000);

  it('leaves ligatures and contexts to fontkit, and text that is not a Latin word', () => {
    const font = openedFonts<PdfkitFont>('DejaVu Sans')[0]!.font;
    const shaper = kernedShaper(font.font);
    // `f` starts ligatures in DejaVu Sans: "fi" and "fl" become one glyph each.
    for (const text of ['fi', 'office', 'fl ', 'ffl']) expect(shaper.run(text, font.scale), text).toBeUndefined();
    // Digits and punctuation alone take a script of their own; accented and other letters are not shaped here.
    for (const text of ['3.201', '§ ', 'café', 'Straße', 'Ωmega', '']) expect(shaper.run(text, font.scale), text).toBeUndefined();
    expect(shaper.run('AVAILABLE ', font.scale)).toBeDefined();
  });

  it('shapes nothing with a font whose tables it does not understand', () => {
    const font = openedFonts<PdfkitFont>('DejaVu Sans')[0]!.font;
    const tables = (extra: Partial<KerningFont>): KerningFont => ({ glyphForCodePoint: (cp) => font.font.glyphForCodePoint(cp), GSUB: font.font.GSUB, GPOS: font.font.GPOS, GDEF: font.font.GDEF, ...extra });
    expect(kernedShaper(tables({})).run('Supplier', font.scale)).toBeDefined();
    expect(kernedShaper(tables({ GPOS: { ...font.font.GPOS!, scriptList: undefined } })).run('Supplier', font.scale)).toBeUndefined();
    expect(kernedShaper(tables({ _variationProcessor: {} })).run('Supplier', font.scale)).toBeUndefined();
    expect(kernedShaper(tables({ GSUB: { ...font.font.GSUB!, featureVariations: {} } })).run('Supplier', font.scale)).toBeUndefined();
    // Without kerning in GPOS, fontkit would kern by a legacy `kern` table, which is not read here.
    expect(kernedShaper(tables({ GPOS: undefined, kern: { tables: [] } })).run('Supplier', font.scale)).toBeUndefined();
    const noScript = { ...font.font.GPOS!, scriptList: font.font.GPOS!.scriptList!.filter((s) => !['latn', 'DFLT', 'dflt'].includes(s.tag)) };
    expect(kernedShaper(tables({ GPOS: noScript })).run('Supplier', font.scale)).toBeUndefined();
  });
});
