/**
 * Shaping without the shaper, for text it cannot change. Most distinct words of a document are clause numbers and
 * references ("3.201", "2.163.1"), each shaped once, and shaping a word with fontkit costs about a tenth of a
 * millisecond cold. A character is plain in a font when no OpenType lookup fontkit applies to such text (its script is
 * Unicode's Common one: layoutTables.ts) covers its glyph, no legacy kerning pair starts with it, and it is not a
 * mark: text made only of plain characters
 * shapes to each character's own glyph at its own advance, with nothing substituted, kerned or moved — which is what
 * fontkit returns for it. Anything the font's tables are not understood for leaves the font without plain characters.
 */
import { appliedLookups, classOf, COMMON_ONLY, coverageIndex, inCoverage, LOCAL_FEATURES, NotUnderstood, type ClassDef, type Coverage, type LayoutTable, type Lookup, type Subtable } from './layoutTables.js';

/** The characters considered: digits and the punctuation of clause numbers and references, and the space. */
const CANDIDATES = [...'0123456789.,;:()[]/-§% '].map((c) => c.codePointAt(0)!);

const IS_CANDIDATE = new Uint8Array(0x10000);
for (const cp of CANDIDATES) IS_CANDIDATE[cp] = 1;

/** Whether every character of `text` is a candidate: the cheap test before a font's plain characters are needed. */
export function onlyCandidates(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!IS_CANDIDATE[text.charCodeAt(i)]) return false;
  return text.length > 0;
}

/** What of a fontkit font this module reads. */
export interface ShapingFont {
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] };
  GSUB?: LayoutTable<Lookup>;
  GPOS?: LayoutTable<Lookup>;
  GDEF?: { glyphClassDef?: ClassDef };
  kern?: { tables: Array<{ format: number; subtable?: { pairs?: Array<{ left: number }> } }> };
}

/**
 * Whether a subtable can apply with the glyph as the one it is applied at (conservatively, for contexts: any
 * coverage of the context names it).
 */
function covers(table: Subtable, type: number, gpos: boolean, id: number, last: boolean): boolean {
  const any = (list: Coverage[] | undefined) => {
    if (!Array.isArray(list)) throw new NotUnderstood('a context subtable without its coverages');
    return list.some((c) => inCoverage(c, id));
  };
  const extension = gpos ? 9 : 7;
  if (type === extension) {
    if (!table.extension || table.lookupType === undefined) throw new NotUnderstood('an extension subtable');
    return covers(table.extension, table.lookupType, gpos, id, last);
  }
  const context = gpos ? 7 : 5;
  const chaining = gpos ? 8 : 6;
  if (type === context) return table.version === 3 ? any(table.coverages) : inCoverage(table.coverage, id);
  if (type === chaining) return table.version === 3 ? any(table.backtrackCoverage) || any(table.inputCoverage) || any(table.lookaheadCoverage) : inCoverage(table.coverage, id);
  if (!gpos && type === 4 && last) {
    // A ligature the glyph starts needs glyphs after it: at the end of the text none can form.
    const index = coverageIndex(table.coverage, id);
    if (index < 0) return false;
    if (typeof table.ligatureSets?.get !== 'function') throw new NotUnderstood('a ligature subtable');
    return table.ligatureSets.get(index).some((ligature) => !Array.isArray(ligature.components) || ligature.components.length === 0);
  }
  if (!gpos && [1, 2, 3, 4, 8].includes(type)) return inCoverage(table.coverage, id);
  if (gpos && [1, 2, 3].includes(type)) return inCoverage(table.coverage, id);
  // Attachment applies at the mark being attached; a base or ligature only receives marks, none of which is plain.
  if (gpos && (type === 4 || type === 5)) return inCoverage(table.markCoverage, id);
  if (gpos && type === 6) return inCoverage(table.mark1Coverage, id);
  throw new NotUnderstood(`${gpos ? 'GPOS' : 'GSUB'} lookup type ${type}`);
}

/** Characters plain anywhere in a text, and those plain only as its last character (as the space after a word is). */
export interface PlainCharacters {
  anywhere: Set<number>;
  last: Set<number>;
  /** Each plain character's glyph. */
  glyphs: Map<number, Glyph>;
}

type Glyph = ReturnType<ShapingFont['glyphForCodePoint']>;

/** The candidate characters that are plain in `font` (none when its tables are not understood). */
export function plainCharacters(font: ShapingFont): PlainCharacters {
  const plain: PlainCharacters = { anywhere: new Set(), last: new Set(), glyphs: new Map() };
  const lookupsOf: Array<ReturnType<typeof appliedLookups<Lookup>>['lookups']> = [];
  try {
    for (const cp of CANDIDATES) {
      const id = font.glyphForCodePoint(cp).id;
      if (id === 0) continue;
      // A mark's advance is zeroed by the shaper.
      if ((font.GDEF?.glyphClassDef ? classOf(font.GDEF.glyphClassDef, id) : 0) === 3) continue;
      // Legacy kerning adjusts a glyph by the one after it.
      let kerned = false;
      for (const t of font.kern?.tables ?? []) {
        if (t.format !== 0 || !Array.isArray(t.subtable?.pairs)) throw new NotUnderstood(`kern table format ${t.format}`);
        kerned ||= t.subtable.pairs.some((p) => p.left === id);
      }
      for (const last of [false, true]) {
        let used = kerned && !last;
        for (const [table, gpos] of [
          [font.GSUB, false],
          [font.GPOS, true],
        ] as const) {
          // The lookups fontkit applies to text of candidates alone, which are all of Unicode's Common script: only
          // these are decoded, as shaping itself would.
          for (const { feature, lookup } of (lookupsOf[gpos ? 1 : 0] ??= appliedLookups(table, COMMON_ONLY).lookups)) {
            // The fraction features apply only around a fraction slash, which is not a candidate.
            if (LOCAL_FEATURES.has(feature)) continue;
            if (!Array.isArray(lookup.subTables)) throw new NotUnderstood('a lookup without its subtables');
            for (const sub of lookup.subTables) used ||= covers(sub, lookup.lookupType, gpos, id, last);
          }
        }
        if (used) continue;
        (last ? plain.last : plain.anywhere).add(cp);
        plain.glyphs.set(cp, font.glyphForCodePoint(cp));
      }
    }
  } catch (error) {
    if (error instanceof NotUnderstood) return { anywhere: new Set(), last: new Set(), glyphs: new Map() };
    throw error;
  }
  return plain;
}

/**
 * The plain characters worked out before (kept by the shaping cache), with each one's glyph: every candidate's glyph
 * is looked up, as plainCharacters looks them up, so that the font's glyphs are made in the same order either way.
 * Undefined when what was kept names a character that is not a candidate.
 */
export function storedPlainCharacters(font: ShapingFont, stored: { anywhere: readonly number[]; last: readonly number[] }): PlainCharacters | undefined {
  if (![...stored.anywhere, ...stored.last].every((cp) => IS_CANDIDATE[cp] === 1)) return undefined;
  const plain: PlainCharacters = { anywhere: new Set(stored.anywhere), last: new Set(stored.last), glyphs: new Map() };
  for (const cp of CANDIDATES) {
    const glyph = font.glyphForCodePoint(cp);
    if (plain.anywhere.has(cp) || plain.last.has(cp)) plain.glyphs.set(cp, glyph);
  }
  return plain;
}

/** A shaped run as pdfkit keeps it, its positions scaled to 1000 units as pdfkit's `layoutRun` scales them. */
export interface ScaledRun {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }>;
  readonly advanceWidth: number;
}

/**
 * `text` shaped, when every character of it is plain: each character's glyph at its advance, scaled by `scale` in
 * the order pdfkit scales fontkit's positions, so that every number is the one pdfkit would have. Otherwise undefined.
 */
export function plainRun(plain: PlainCharacters, text: string, scale: number): ScaledRun | undefined {
  const n = text.length;
  if (!n || !plain.last.size) return undefined;
  for (let i = 0; i < n - 1; i++) if (!plain.anywhere.has(text.charCodeAt(i))) return undefined;
  if (!plain.last.has(text.charCodeAt(n - 1))) return undefined;
  const glyphs: ScaledRun['glyphs'] = [];
  const positions: ScaledRun['positions'] = [];
  for (let i = 0; i < text.length; i++) {
    // The font's own glyph object for the character, as fontkit's shaping returns it (fontkit keeps one per glyph).
    const glyph = plain.glyphs.get(text.charCodeAt(i))!;
    glyphs.push(glyph);
    positions.push(scaled({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 0 }, glyph, scale));
  }
  return scaledRun(glyphs, positions);
}

/** A glyph's position in font units scaled as pdfkit's `layoutRun` scales fontkit's, in the same order: every number pdfkit's. */
export function scaled(position: ScaledRun['positions'][number], glyph: { advanceWidth: number }, scale: number): ScaledRun['positions'][number] {
  position.xAdvance *= scale;
  position.yAdvance *= scale;
  position.xOffset *= scale;
  position.yOffset *= scale;
  position.advanceWidth = glyph.advanceWidth * scale;
  return position;
}

/** A run of glyphs at their positions, with the advance fontkit's GlyphRun gives: the advances summed in order. */
export function scaledRun(glyphs: ScaledRun['glyphs'], positions: ScaledRun['positions']): ScaledRun {
  return {
    glyphs,
    positions,
    get advanceWidth() {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}
