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
import { onlyCandidates, plainCharacters, plainRun, storedPlainCharacters, type PlainCharacters, type ShapingFont } from './plainShaping.js';
import { kernedShaper, type KernedShaper, type KerningFont } from './kernedShaping.js';
import { ShapingStore, sweepShapingCache, type GlyphSource } from './shapingCache.js';
import { handedPlain, handedRun, notePlainCharacters, noteShapedWord } from './handedWords.js';
import { seedPostHeader, type PostSource } from './postHeader.js';

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

function fileNames(family: PdfFontFamily): Record<FontKey, string> {
  return { ...FILES[family], mono: MONO };
}

function readFont(name: string): Uint8Array {
  let data = cache.get(name);
  if (!data) {
    data = new Uint8Array(readFileSync(join(fontDir(), name)));
    cache.set(name, data);
  }
  return data;
}

export function fontFiles(family: PdfFontFamily): Record<FontKey, Uint8Array> {
  const names = fileNames(family);
  return { regular: readFont(names.regular), bold: readFont(names.bold), italic: readFont(names.italic), boldItalic: readFont(names.boldItalic), mono: readFont(names.mono) };
}

/**
 * What pdfkit keeps of an embedded font: the parsed font (fontkit) and the shaped words of one document
 * (`layoutCache`, word → glyph run).
 */
interface EmbeddedFont {
  font?: { layout(text: string): unknown };
  layoutCache?: Record<string, unknown>;
  /** fontkit units to 1000-unit text space. */
  scale?: number;
  layoutRun?(text: string, features?: unknown): unknown;
}

interface SharedFont {
  /** The parsed font, opened by a pdfkit document of its own: pdfkit takes a parsed font wherever it takes bytes. */
  parsed: unknown;
  /** Shaped words, for every document of the process: a word shapes to the same glyphs in any document. */
  runs: Record<string, unknown>;
  /** Widths at 1000 pt by word, and the characters each word has no glyph for. */
  widths: Map<string, number>;
  missing: Map<string, string[]>;
  /** The characters shaping cannot change in this font (plainShaping.ts), worked out when first needed. */
  plain?: PlainCharacters;
  /** Latin words shaped by the font's pair kerning alone (kernedShaping.ts), made when first needed. */
  kerned?: KernedShaper;
  /** Its file's bytes, and the words shaped by earlier processes when a cache folder is in use. */
  bytes: Uint8Array;
  store?: ShapingStore;
}

/**
 * Parsing a font and shaping its words are most of what drawing text costs, and neither depends on the document: a
 * pack or build of many PDFs does each once per thread. A document still subsets and embeds its own glyphs, so its
 * bytes are what they would be had it been drawn alone.
 */
const shared = new Map<string, SharedFont>();

function sharedFont(name: string, open: (data: Uint8Array) => EmbeddedFont): SharedFont {
  let entry = shared.get(name);
  if (!entry) {
    const bytes = readFont(name);
    const opened = open(bytes);
    entry = { parsed: opened.font, runs: Object.create(null) as Record<string, unknown>, widths: new Map(), missing: new Map(), bytes };
    shared.set(name, entry);
  }
  return entry;
}

/** The least of pdfkit's document that registering and opening fonts needs. */
export interface FontRegistry {
  registerFont(name: string, src: never): unknown;
  font(name: string): unknown;
}

/**
 * Registers the family's fonts on `doc` under their FontKey names, each the process's one parsed copy, and makes
 * every font the document opens shape through the process's cache of shaped words — and through the words kept in
 * `cacheDir` (shapingCache.ts), when one is given. `scratch` makes a throwaway document to parse a font the first
 * time.
 */
export function registerSharedFonts(doc: FontRegistry, family: PdfFontFamily, scratch: () => FontRegistry, cacheDir?: string): Map<string, SharedFont> {
  const byKey = new Map<string, SharedFont>();
  const names = fileNames(family);
  for (const key of Object.keys(names) as FontKey[]) {
    const font = sharedFont(names[key], (data) => {
      const other = scratch();
      other.registerFont('f', data as never);
      other.font('f');
      const opened = (other as unknown as { _font: EmbeddedFont })._font;
      if (opened.font) seedPostHeader(opened.font as unknown as PostSource);
      return opened;
    });
    if (!cacheDir) font.store = undefined;
    else if (font.store?.dir !== cacheDir) font.store = ShapingStore.open(cacheDir, font.bytes);
    byKey.set(key, font);
    doc.registerFont(key, font.parsed as never);
  }
  // pdfkit opens a font (and makes its empty cache) on first use, which is when the document's own order of fonts
  // is set; the cache is swapped for the shared one right after, before any word is shaped.
  const open = doc.font.bind(doc);
  doc.font = (name: string) => {
    const result = open(name);
    const font = byKey.get(name);
    const opened = (doc as unknown as { _font: EmbeddedFont })._font;
    if (font && opened.layoutCache && opened.layoutCache !== font.runs) {
      opened.layoutCache = font.runs;
      const file = names[name as FontKey];
      // Text shaping cannot change (clause numbers, references) is set from the font's own glyphs and advances.
      const shape = opened.layoutRun?.bind(opened);
      if (shape && opened.font && opened.scale)
        opened.layoutRun = (text: string, features?: unknown) => {
          if (features) return shape(text, features);
          if (onlyCandidates(text)) {
            const run = plainRun((font.plain ??= plainOf(font, file, opened.font as unknown as ShapingFont)), text, opened.scale!);
            if (run) return run;
          }
          const stored = font.store?.run(text, opened.font as unknown as GlyphSource, opened.scale!);
          if (stored) return stored;
          const given = handedRun(file, text, opened.font as unknown as GlyphSource, opened.scale!);
          if (given) {
            font.store?.note(text, given);
            return given;
          }
          // A Latin word that only kerns is shaped from the font's tables; fontkit shapes the rest. Either is kept and
          // handed on as before, so that later builds and other threads read the numbers instead of opening the tables.
          const kerned = (font.kerned ??= kernedShaper(opened.font as unknown as KerningFont)).run(text, opened.scale!);
          const run = kerned ?? (shape(text) as Parameters<ShapingStore['note']>[1]);
          font.store?.note(text, run);
          noteShapedWord(file, text, run);
          return run;
        };
    }
    return result;
  };
  // Every font is opened here, in one order, so that a document's font names (F1…F5) never depend on which words
  // earlier documents of the thread left measured. A font opened but not used is not embedded.
  for (const key of byKey.keys()) doc.font(key);
  return byKey;
}

/** A font's plain characters: as kept in the cache folder or handed over by another thread, or worked out (and then kept and handed on). */
function plainOf(font: SharedFont, file: string, parsed: ShapingFont): PlainCharacters {
  const kept = font.store?.plain();
  const given = kept ?? handedPlain(file);
  const known = given && storedPlainCharacters(parsed, given);
  const plain = known ?? plainCharacters(parsed);
  if (!kept) font.store?.notePlain(plain);
  if (!known) notePlainCharacters(file, { anywhere: [...plain.anywhere], last: [...plain.last] });
  return plain;
}

/** Writes the words shaped since the fonts were registered with a cache folder, and removes files long unused. */
export async function saveShapedWords(fonts: ReadonlyMap<string, SharedFont>): Promise<void> {
  const stores = [...new Set(fonts.values())].flatMap((f) => (f.store ? [f.store] : []));
  await Promise.all(stores.map((s) => s.save()));
  for (const dir of new Set(stores.map((s) => s.dir))) sweepShapingCache(dir);
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
export function pdfkitMeasurer(
  doc: FontHost,
  names: Record<FontKey, string> = { regular: 'regular', bold: 'bold', italic: 'italic', boldItalic: 'boldItalic', mono: 'mono' },
  sharedFonts?: ReadonlyMap<string, Pick<SharedFont, 'widths' | 'missing'>>,
): FontMeasurer {
  const missing = new Set<string>();
  /** Each new word is checked against the font it is set in (embedded fonts only: standard fonts have no cmap here). */
  const checkGlyphs = (text: string): string[] => {
    const font = (doc as unknown as { _font: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font.font;
    if (typeof font?.hasGlyphForCodePoint !== 'function') return [];
    const found: string[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x7e && !font.hasGlyphForCodePoint!(cp)) found.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${ch}`);
    }
    return found;
  };
  /** Widths at 1000 pt by text, and the characters each text has no glyph for, per font (shared when the fonts are). */
  // A record per font, not a map: a width is asked for every part of every word.
  const caches: Partial<Record<FontKey, Pick<SharedFont, 'widths' | 'missing'>>> = {};
  const cacheOf = (font: FontKey) => (caches[font] ??= sharedFonts?.get(font) ?? { widths: new Map(), missing: new Map() });
  const metrics: Partial<Record<FontKey, FontMetrics>> = {};
  let current = '';
  const use = (font: FontKey) => {
    if (current !== font) {
      doc.font(names[font]);
      current = font;
    }
  };
  const metricsOf = (font: FontKey): FontMetrics => {
    let m = metrics[font];
    if (!m) {
      use(font);
      const f = (doc as unknown as { _font: FontMetrics })._font;
      m = metrics[font] = { ascender: f.ascender, descender: f.descender, lineGap: f.lineGap };
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
      // Widths scale with size: measure once at 1000 and cache by font and text (shared by every document set in
      // the same font files, when the fonts are shared).
      const cache = cacheOf(font);
      let w = cache.widths.get(text);
      if (w === undefined) {
        use(font);
        doc.fontSize(1000);
        // pdfkit shapes text a word at a time, each word with the space after it, and caches each shaped word. A word
        // is measured the same way (less the space), so drawing the line later finds it shaped already.
        w = text.includes(' ') ? doc.widthOfString(text) : doc.widthOfString(`${text} `) - spaceWidth(font);
        cache.widths.set(text, w);
        const found = checkGlyphs(text);
        if (found.length) cache.missing.set(text, found);
      }
      if (cache.missing.size) for (const m of cache.missing.get(text) ?? []) missing.add(m);
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
