/**
 * The fonts of a DejaVu family as a PDF opens them (registered through registerSharedFonts), for tests that hold
 * regmark's shortcuts in shaping against fontkit's own.
 */
import PDFDocument from 'pdfkit';
import { registerSharedFonts } from '../render/pdf/fonts.js';
import type { FontKey } from '../render/layout/lines.js';
import type { PdfFontFamily } from '../theme/theme.js';
import type { GlyphRun } from '../render/pdf/textRuns.js';

/** Every family a theme can name for the PDF. */
export const PDF_FAMILIES: PdfFontFamily[] = ['DejaVu Sans', 'DejaVu Sans Condensed', 'DejaVu Serif', 'DejaVu Serif Condensed'];

const KEYS: FontKey[] = ['regular', 'bold', 'italic', 'boldItalic', 'mono'];

/** Each font of `family`, opened in one document; `T` is what the test reads of pdfkit's font. */
export function openedFonts<T>(family: PdfFontFamily): Array<{ key: FontKey; font: T }> {
  const doc = new PDFDocument({ autoFirstPage: false });
  registerSharedFonts(doc as never, family, () => new PDFDocument({ autoFirstPage: false }) as never);
  return KEYS.map((key) => {
    doc.font(key);
    return { key, font: (doc as unknown as { _font: T })._font };
  });
}

/** What a shaping test reads of pdfkit's font: `F`, the fontkit font, its scale, and pdfkit's own shaping. */
export interface ShapedFont<F> {
  font: F;
  scale: number;
  /** Bound to fontkit's own shaping, as pdfkit defines it (the shortcuts are installed on the instance). */
  layoutRun(text: string): GlyphRun & { advanceWidth: number };
}

/** fontkit's shaping of `text` with pdfkit's scaling, past every shortcut regmark installs on the font. */
export function fontkitRun<F>(font: ShapedFont<F>, text: string): GlyphRun & { advanceWidth: number } {
  return (Object.getPrototypeOf(font) as ShapedFont<F>).layoutRun.call(font, text);
}

/** A shaped run as numbers to compare: glyph ids, scaled advances and offsets, and width. */
export function shapeOf(run: GlyphRun & { advanceWidth: number }): { glyphs: number[]; positions: number[][]; width: number } {
  return {
    glyphs: run.glyphs.map((g) => g.id),
    positions: run.positions.map((p) => [p.xAdvance, p.advanceWidth, p.xOffset, p.yOffset]),
    width: run.advanceWidth,
  };
}
