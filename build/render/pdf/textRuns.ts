/**
 * Draws a run of text (one style, one line) straight into the page's content, placing each glyph where pdfkit's
 * `text()` would, without pdfkit's per-call option handling, its second measurement of the text, and its per-glyph
 * string building. A word's glyph codes and kerning are worked out once per document and font, and reused for every
 * later use of the word; the page's operators are gathered in one string and written to the page at once, instead
 * of one small buffer per operator.
 */

/** A shaped word as pdfkit's fonts keep it (a fontkit glyph run, positions already in 1000-unit text space). */
export interface GlyphRun {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>;
}

/** What of pdfkit's embedded font this writer uses: the same fields its `encode` reads and writes. */
export interface RunFont {
  id: string;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layoutCached(text: string): GlyphRun;
  /** Shaped words by text (shared by the documents of a thread). */
  layoutCache?: Record<string, GlyphRun>;
  ref(): unknown;
}

/**
 * The shaped glyphs of `word` and how many of them it has. The measuring of a line shaped each word with the space
 * after it, as pdfkit does; the last word of a line is drawn without one. When the word's shape with the space is at
 * hand, ends in a space glyph of its own, and nothing before the space is kerned against it, the word is that shape
 * less the space — what shaping it alone gives, with no second shaping.
 */
export function shapedWord(font: RunFont, word: string): { run: GlyphRun; count: number } {
  const last = word.charCodeAt(word.length - 1);
  const spaced = last !== 32 && last !== 9 ? font.layoutCache?.[`${word} `] : undefined;
  if (spaced) {
    const n = spaced.glyphs.length;
    const space = spaced.glyphs[n - 1]!.codePoints;
    const before = spaced.positions[n - 2];
    if (n >= 2 && space.length === 1 && space[0] === 32 && before && before.xAdvance === before.advanceWidth) return { run: spaced, count: n - 1 };
  }
  const run = font.layoutCached(word);
  return { run, count: run.glyphs.length };
}

/** What of pdfkit's document this writer uses. */
export interface RunHost {
  _font: unknown;
  /** The current transformation, as pdfkit tracks it. */
  _ctm: number[];
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; write(chunk: Uint8Array | string): unknown };
  addContent(data: string): unknown;
}

/**
 * A word in one document's font: its glyph codes as the bytes of a PDF string (two per glyph, escaped), cut where
 * a kerning adjustment follows a glyph, each piece with that adjustment written as pdfkit writes it; `tail` is what
 * follows the last adjustment. `offset` words (a glyph moved off the baseline, as combining marks are) are left to
 * pdfkit.
 */
interface EncodedWord {
  kerned: Array<{ bytes: string; adjust: string }>;
  tail: string;
  offset: boolean;
}

/** pdfkit's number formatting (six decimals at most, no exponent for the sizes a page has). */
function pdfNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** One byte of a literal string: the delimiters and the backslash escaped, and line ends, which a reader would fold. */
function stringByte(b: number): string {
  switch (b) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return String.fromCharCode(b);
  }
}

/**
 * Writes text runs into page content. The operators differ from pdfkit's own only in their encoding, never in what
 * a reader sees: glyph codes are a literal string (two bytes a glyph) rather than hex (four), the text matrix takes
 * the page's flipped coordinates as they stand instead of a saved and restored transformation around every run, and
 * the font is set only when it changes. Each glyph is placed exactly where pdfkit would place it.
 */
export class TextRunWriter {
  /** Per font (pdfkit's id for it in this document, F1…), each word's encoding. */
  private readonly words = new Map<string, Map<string, EncodedWord>>();
  private parts: string[] = [];
  /** The font operator in force in the page's content at this point, or '' when it is not known. */
  private fontOperator = '';

  constructor(private readonly doc: RunHost) {
    // Every operator of the page goes to one list, pdfkit's as well as this writer's, so that their order is kept.
    doc.addContent = (data: string) => {
      this.parts.push(data);
      // A restore takes the text state (the font) back to what it was at the save, which this writer did not track.
      if (data === 'Q') this.fontOperator = '';
      return doc;
    };
  }

  /** Writes the page's gathered operators to it: call before a new page is added and before the document ends. */
  flush(): void {
    this.fontOperator = '';
    if (!this.parts.length) return;
    // pdfkit ends each operator with a newline and keeps the low byte of each character.
    this.doc.page.write(Buffer.from(`${this.parts.join('\n')}\n`, 'latin1'));
    this.parts = [];
  }

  /** The document's encoded words in `font`. */
  private wordsOf(font: RunFont): Map<string, EncodedWord> {
    let byWord = this.words.get(font.id);
    if (!byWord) this.words.set(font.id, (byWord = new Map()));
    return byWord;
  }

  private encode(font: RunFont, byWord: Map<string, EncodedWord>, word: string): EncodedWord {
    const { run, count } = shapedWord(font, word);
    const enc: EncodedWord = { kerned: [], tail: '', offset: false };
    let bytes = '';
    for (let i = 0; i < count; i++) {
      const glyph = run.glyphs[i]!;
      const pos = run.positions[i]!;
      // The glyph joins this document's subset when first used, in the order pdfkit's own encoding would add it.
      const gid = font.subset.includeGlyph(glyph.id);
      bytes += stringByte(gid >> 8) + stringByte(gid & 0xff);
      if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      if (pos.xOffset || pos.yOffset) enc.offset = true;
      const advance = pos.xAdvance - pos.advanceWidth;
      if (advance !== 0) {
        enc.kerned.push({ bytes, adjust: pdfNumber(-advance) });
        bytes = '';
      }
    }
    enc.tail = bytes;
    byWord.set(word, enc);
    return enc;
  }

  /**
   * Draws `text` with its baseline at (x, y) in the current font and size, where `doc.text(text, x, y, { lineBreak:
   * false, baseline: 'alphabetic' })` would. Returns false, having drawn nothing, for text pdfkit must draw itself.
   */
  draw(text: string, x: number, y: number): boolean {
    const doc = this.doc;
    const font = doc._font as RunFont;
    if (typeof font.layoutCached !== 'function' || text.includes('\n')) return false;
    if (!text.length) return true;
    // pdfkit shapes a word at a time, each with the space or tab after it.
    const byWord = this.wordsOf(font);
    const tabs = text.includes('\t');
    let commands = '';
    let bytes = '';
    for (let last = 0; last < text.length; ) {
      let end = text.indexOf(' ', last);
      if (tabs) {
        const tab = text.indexOf('\t', last);
        if (tab >= 0 && (end < 0 || tab < end)) end = tab;
      }
      const next = end < 0 ? text.length : end + 1;
      const word = text.slice(last, next);
      const enc = byWord.get(word) ?? this.encode(font, byWord, word);
      if (enc.offset) return false;
      for (const k of enc.kerned) {
        commands += `${commands ? ' ' : ''}(${bytes}${k.bytes}) ${k.adjust}`;
        bytes = '';
      }
      bytes += enc.tail;
      last = next;
    }
    const show = commands ? `[${commands}${bytes ? ` (${bytes})` : ''}] TJ` : `(${bytes}) Tj`;
    const page = doc.page;
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const fontOperator = `/${font.id} ${pdfNumber(doc._fontSize)} Tf`;
    const ctm = doc._ctm;
    if (ctm[0] === 1 && ctm[1] === 0 && ctm[2] === 0 && ctm[3] === -1 && ctm[4] === 0 && ctm[5] === page.height) {
      // The page's own y-down coordinates: a text matrix that flips back sets glyphs upright at (x, y).
      const setFont = fontOperator === this.fontOperator ? '' : `\n${fontOperator}`;
      this.fontOperator = fontOperator;
      this.parts.push(`BT\n1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y)} Tm${setFont}\n${show}\nET`);
    } else {
      this.parts.push(`q\n1 0 0 -1 0 ${pdfNumber(page.height)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(page.height - y)} Tm\n${fontOperator}\n${show}\nET\nQ`);
    }
    return true;
  }
}
