/**
 * The fonts of a DejaVu family as a PDF opens them (registered through registerSharedFonts), for tests that hold
 * regmark's shortcuts in shaping against fontkit's own.
 */
import PDFDocument from 'pdfkit';
import { registerSharedFonts } from '../render/pdf/fonts.js';
import type { FontKey } from '../render/layout/lines.js';
import type { PdfFontFamily } from '../theme/theme.js';

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
