/**
 * Fonts for the PDF: whole DejaVu TTFs from the `dejavu-fonts-ttf` package (open licence, wide Unicode coverage),
 * embedded and subset by pdfkit — never a system font. Also a Measurer over any pdfkit document's fonts, which the
 * DOCX renderer uses with the standard Helvetica metrics (the same widths as Arial) to estimate its page numbers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontKey, Measurer } from '../layout/lines.js';
import type { PdfFontFamily } from '../../theme/theme.js';

const FILES: Record<PdfFontFamily, Record<Exclude<FontKey, 'mono'>, string>> = {
  'DejaVu Sans': { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', boldItalic: 'DejaVuSans-BoldOblique.ttf' },
  'DejaVu Sans Condensed': { regular: 'DejaVuSansCondensed.ttf', bold: 'DejaVuSansCondensed-Bold.ttf', italic: 'DejaVuSansCondensed-Oblique.ttf', boldItalic: 'DejaVuSansCondensed-BoldOblique.ttf' },
  'DejaVu Serif': { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf', italic: 'DejaVuSerif-Italic.ttf', boldItalic: 'DejaVuSerif-BoldItalic.ttf' },
  'DejaVu Serif Condensed': { regular: 'DejaVuSerifCondensed.ttf', bold: 'DejaVuSerifCondensed-Bold.ttf', italic: 'DejaVuSerifCondensed-Italic.ttf', boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf' },
};
const MONO = 'DejaVuSansMono.ttf';

function fontDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Font files are read once per process: a build of many documents parses them once each. */
const cache = new Map<string, Uint8Array>();

export function fontFiles(family: PdfFontFamily): Record<FontKey, Uint8Array> {
  const dir = fontDir();
  const read = (name: string) => {
    let data = cache.get(name);
    if (!data) {
      data = new Uint8Array(readFileSync(join(dir, name)));
      cache.set(name, data);
    }
    return data;
  };
  const files = FILES[family];
  return { regular: read(files.regular), bold: read(files.bold), italic: read(files.italic), boldItalic: read(files.boldItalic), mono: read(MONO) };
}

/** What a Measurer needs from a pdfkit document. */
export interface FontHost {
  font(name: string): unknown;
  fontSize(size: number): unknown;
  widthOfString(text: string): number;
}

interface FontMetrics {
  ascender: number;
  descender: number;
  lineGap: number;
}

/** A Measurer that also notes the characters its fonts have no glyph for (they would print as empty boxes). */
export interface FontMeasurer extends Measurer {
  missingCharacters(): string[];
}

/** Measures with a pdfkit document's registered fonts, named by FontKey (or mapped by `names`). */
export function pdfkitMeasurer(doc: FontHost, names: Record<FontKey, string> = { regular: 'regular', bold: 'bold', italic: 'italic', boldItalic: 'boldItalic', mono: 'mono' }): FontMeasurer {
  const missing = new Set<string>();
  /** Each new word is checked against the font it is set in (embedded fonts only: standard fonts have no cmap here). */
  const checkGlyphs = (text: string) => {
    const font = (doc as unknown as { _font: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font.font;
    if (typeof font?.hasGlyphForCodePoint !== 'function') return;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x7e && !font.hasGlyphForCodePoint!(cp)) missing.add(`U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${ch}`);
    }
  };
  const widths = new Map<string, number>();
  const metrics = new Map<FontKey, FontMetrics>();
  let current = '';
  const use = (font: FontKey) => {
    if (current !== font) {
      doc.font(names[font]);
      current = font;
    }
  };
  const metricsOf = (font: FontKey): FontMetrics => {
    let m = metrics.get(font);
    if (!m) {
      use(font);
      const f = (doc as unknown as { _font: FontMetrics })._font;
      m = { ascender: f.ascender, descender: f.descender, lineGap: f.lineGap };
      metrics.set(font, m);
    }
    return m;
  };
  const spaces = new Map<FontKey, number>();
  const spaceWidth = (font: FontKey) => {
    let w = spaces.get(font);
    if (w === undefined) {
      use(font);
      doc.fontSize(1000);
      w = doc.widthOfString(' ');
      spaces.set(font, w);
    }
    return w;
  };
  return {
    width(font, size, text) {
      // Widths scale with size: measure once at 1000 and cache by font and text.
      const key = `${font}\0${text}`;
      let w = widths.get(key);
      if (w === undefined) {
        use(font);
        doc.fontSize(1000);
        // pdfkit shapes text a word at a time, each word with the space after it, and caches each shaped word. A word
        // is measured the same way (less the space), so drawing the line later finds it shaped already.
        w = text.includes(' ') ? doc.widthOfString(text) : doc.widthOfString(`${text} `) - spaceWidth(font);
        widths.set(key, w);
        checkGlyphs(text);
      }
      return (w * size) / 1000;
    },
    ascent(font, size) {
      return (metricsOf(font).ascender / 1000) * size;
    },
    missingCharacters() {
      return [...missing].sort();
    },
    lineSpacing(font, size) {
      const m = metricsOf(font);
      return ((m.ascender - m.descender + Math.max(0, m.lineGap)) / 1000) * size;
    },
  };
}
