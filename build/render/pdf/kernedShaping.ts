/**
 * Shaping Latin words without the shaper, when all it would do to them is kern. Most distinct words of a document
 * are plain Latin ("Supplier", "shall", "Notification,"): fontkit gives each glyph of such a word its character's
 * glyph and advance, then moves pairs of them closer by the font's pair kerning (a GPOS PairPos lookup). Its other
 * lookups — a ligature `f` starts, the dotless `i` a combining accent asks for — do nothing to most words, but fontkit
 * still walks every lookup over every glyph, and a first build shapes some 2,500 words cold.
 *
 * Here a word is shaped by fontkit's own rules, read from the same tables, for the one case that is common and
 * simple: a word of ASCII letters (so fontkit takes its script to be Latin) with digits, spaces and the punctuation of
 * prose, in a font with no variations. Every lookup fontkit would apply to the word is looked at in the same order;
 * if any other than pair kerning would fire at any glyph (a ligature's components follow, a context matches, a
 * substitution covers the glyph), the word is left to fontkit. Pair kerning is applied as fontkit applies it: lookup
 * by lookup, glyph by glyph, the first subtable that takes a pair deciding it. Anything in the tables not understood
 * leaves the font to fontkit entirely. `kernedShaping.test.ts` holds the result to fontkit's over every pair of the
 * characters concerned and a vocabulary of words, in every font a theme can name.
 */
import { scaledRun, type ScaledRun } from './plainShaping.js';
import { appliedLookups, LATIN, LOCAL_FEATURES, NotUnderstood, type LayoutTable } from './layoutTables.js';

/** The characters a word may hold besides ASCII letters: all of Unicode's Common script, as the letters decide it. */
const OTHERS = [...'0123456789 .,;:()[]/-§%\'’"“”&–—!?'].map((c) => c.codePointAt(0)!);
const LETTER = 1;
const OTHER = 2;
const KIND = new Uint8Array(0x10000);
for (const cp of OTHERS) KIND[cp] = OTHER;
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') KIND[c.charCodeAt(0)] = LETTER;

/** Whether `text` is of the characters this module shapes, with a letter among them (so its script is Latin). */
export function latinWord(text: string): boolean {
  let letter = false;
  for (let i = 0; i < text.length; i++) {
    const kind = KIND[text.charCodeAt(i)]!;
    if (!kind) return false;
    if (kind === LETTER) letter = true;
  }
  return letter;
}

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number; startCoverageIndex: number }>;
}

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: Array<{ start: number; end: number; class: number }>;
}

/** fontkit's decoded arrays: some are plain arrays, some read lazily through `get`. */
interface Lazy<T> {
  get(index: number): T;
  length?: number;
}

interface ValueRecord {
  xAdvance?: number | null;
  yAdvance?: number | null;
  xPlacement?: number | null;
  yPlacement?: number | null;
}

/** A subtable as fontkit decodes it, with the fields of every kind read here. */
interface Subtable {
  version?: number;
  lookupType?: number;
  extension?: Subtable;
  coverage?: Coverage;
  coverages?: Coverage[];
  backtrackCoverage?: Coverage[];
  inputCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  ligatureSets?: Lazy<Array<{ components: number[] }>>;
  ruleSets?: Array<Array<{ input: number[] }> | null>;
  classDef?: ClassDef;
  classSet?: Array<Array<{ classes: number[] }> | null>;
  chainRuleSets?: Array<Array<{ backtrack: number[]; input: number[]; lookahead: number[] }> | null>;
  backtrackClassDef?: ClassDef;
  inputClassDef?: ClassDef;
  lookaheadClassDef?: ClassDef;
  chainClassSet?: Array<Array<{ backtrack: number[]; input: number[]; lookahead: number[] }> | null>;
  pairSets?: Lazy<Array<{ secondGlyph: number; value1?: ValueRecord; value2?: ValueRecord }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: Lazy<Lazy<{ value1?: ValueRecord; value2?: ValueRecord }>>;
}

interface Lookup {
  lookupType: number;
  flags?: { flags?: { ignoreBaseGlyphs?: boolean } };
  subTables: Subtable[];
}

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };

/** What of a fontkit font this module reads. */
export interface KerningFont {
  glyphForCodePoint(cp: number): Glyph;
  GSUB?: LayoutTable<Lookup>;
  GPOS?: LayoutTable<Lookup>;
  GDEF?: { glyphClassDef?: ClassDef };
  /** The legacy kerning table, which fontkit applies when GPOS does not kern. */
  kern?: unknown;
  _variationProcessor?: unknown;
}

function coverageIndex(coverage: Coverage | undefined, id: number): number {
  if (!coverage) throw new NotUnderstood('a subtable without its coverage');
  if (coverage.version === 1 && Array.isArray(coverage.glyphs)) return coverage.glyphs.indexOf(id);
  if (coverage.version === 2 && Array.isArray(coverage.rangeRecords)) {
    for (const r of coverage.rangeRecords) if (r.start <= id && id <= r.end) return r.startCoverageIndex + id - r.start;
    return -1;
  }
  throw new NotUnderstood(`coverage format ${coverage.version}`);
}

/** fontkit's getClassID: 0 for a glyph the definition does not name. */
function classOf(def: ClassDef | undefined, id: number): number {
  if (!def) throw new NotUnderstood('a class definition missing');
  if (def.version === 1 && Array.isArray(def.classValueArray) && def.startGlyph !== undefined) {
    const i = id - def.startGlyph;
    return i >= 0 && i < def.classValueArray.length ? def.classValueArray[i]! : 0;
  }
  if (def.version === 2 && Array.isArray(def.classRangeRecord)) {
    for (const r of def.classRangeRecord) if (r.start <= id && id <= r.end) return r.class;
    return 0;
  }
  throw new NotUnderstood(`class definition format ${def.version}`);
}

/**
 * fontkit's `match` over a word whose glyphs are all visited (no lookup here skips any): the `length` glyphs from
 * `from` on each pass `test`, all inside the word. An empty sequence always matches, wherever it would start.
 */
function matches(ids: readonly number[], from: number, length: number, test: (k: number, id: number) => boolean): boolean {
  if (!length) return true;
  if (from < 0 || from + length > ids.length) return false;
  for (let k = 0; k < length; k++) if (!test(k, ids[from + k]!)) return false;
  return true;
}

/** A lookup's subtables as fontkit applies them: an extension stands for the subtable it wraps. */
function subtables(lookup: Lookup, gpos: boolean): Array<{ type: number; table: Subtable }> {
  if (!Array.isArray(lookup.subTables)) throw new NotUnderstood('a lookup without its subtables');
  return lookup.subTables.map((table) => {
    if (lookup.lookupType !== (gpos ? 9 : 7)) return { type: lookup.lookupType, table };
    if (!table.extension || table.lookupType === undefined) throw new NotUnderstood('an extension subtable');
    return { type: table.lookupType, table: table.extension };
  });
}

/**
 * Whether fontkit's applyLookup would return true for a subtable that is not pair kerning, at glyph `p` of the word
 * (true: it substitutes, positions or runs nested lookups there). Exact for every kind a word can meet.
 */
function fires(type: number, table: Subtable, gpos: boolean, ids: readonly number[], p: number): boolean {
  const id = ids[p]!;
  const context = gpos ? 7 : 5;
  const chaining = gpos ? 8 : 6;
  if (type === context) {
    if (table.version === 1) {
      const index = coverageIndex(table.coverage, id);
      if (index < 0) return false;
      const set = table.ruleSets?.[index];
      if (!Array.isArray(set)) throw new NotUnderstood('a context rule set');
      return set.some((rule) => matches(ids, p + 1, rule.input.length, (k, g) => rule.input[k] === g));
    }
    if (table.version === 2) {
      if (coverageIndex(table.coverage, id) < 0) return false;
      const set = table.classSet?.[classOf(table.classDef, id)];
      if (!set) return false;
      return set.some((rule) => matches(ids, p + 1, rule.classes.length, (k, g) => rule.classes[k] === classOf(table.classDef, g)));
    }
    if (table.version === 3) {
      const list = table.coverages;
      if (!Array.isArray(list)) throw new NotUnderstood('a context without its coverages');
      return matches(ids, p, list.length, (k, g) => coverageIndex(list[k], g) >= 0);
    }
    throw new NotUnderstood(`context format ${table.version}`);
  }
  if (type === chaining) {
    if (table.version === 1) {
      const index = coverageIndex(table.coverage, id);
      if (index < 0) return false;
      const set = table.chainRuleSets?.[index];
      if (!Array.isArray(set)) throw new NotUnderstood('a chaining rule set');
      const same = (seq: number[]) => (k: number, g: number) => seq[k] === g;
      return set.some((r) => matches(ids, p - r.backtrack.length, r.backtrack.length, same(r.backtrack)) && matches(ids, p + 1, r.input.length, same(r.input)) && matches(ids, p + 1 + r.input.length, r.lookahead.length, same(r.lookahead)));
    }
    if (table.version === 2) {
      if (coverageIndex(table.coverage, id) < 0) return false;
      const rules = table.chainClassSet?.[classOf(table.inputClassDef, id)];
      if (!rules) return false;
      const inClass = (seq: number[], def: ClassDef | undefined) => (k: number, g: number) => seq[k] === classOf(def, g);
      return rules.some(
        (r) =>
          matches(ids, p - r.backtrack.length, r.backtrack.length, inClass(r.backtrack, table.backtrackClassDef)) &&
          matches(ids, p + 1, r.input.length, inClass(r.input, table.inputClassDef)) &&
          matches(ids, p + 1 + r.input.length, r.lookahead.length, inClass(r.lookahead, table.lookaheadClassDef)),
      );
    }
    if (table.version === 3) {
      const [back, input, ahead] = [table.backtrackCoverage, table.inputCoverage, table.lookaheadCoverage];
      if (!Array.isArray(back) || !Array.isArray(input) || !Array.isArray(ahead)) throw new NotUnderstood('a chaining context without its coverages');
      const covered = (list: Coverage[]) => (k: number, g: number) => coverageIndex(list[k], g) >= 0;
      return matches(ids, p - back.length, back.length, covered(back)) && matches(ids, p, input.length, covered(input)) && matches(ids, p + input.length, ahead.length, covered(ahead));
    }
    throw new NotUnderstood(`chaining context format ${table.version}`);
  }
  if (!gpos && type === 4) {
    const index = coverageIndex(table.coverage, id);
    if (index < 0) return false;
    const set = table.ligatureSets?.get(index);
    if (!Array.isArray(set)) throw new NotUnderstood('a ligature set');
    return set.some((ligature) => matches(ids, p + 1, ligature.components.length, (k, g) => ligature.components[k] === g));
  }
  // Single, multiple and alternate substitution, single and cursive positioning: they act wherever they cover.
  if ((!gpos && (type === 1 || type === 2 || type === 3)) || (gpos && (type === 1 || type === 3))) return coverageIndex(table.coverage, id) >= 0;
  // Attachment acts at the mark being attached.
  if (gpos && (type === 4 || type === 5)) return coverageIndex(table.markCoverage, id) >= 0;
  if (gpos && type === 6) return coverageIndex(table.mark1Coverage, id) >= 0;
  throw new NotUnderstood(`${gpos ? 'GPOS' : 'GSUB'} lookup type ${type}`);
}

/** A pair lookup's answer for two glyphs: fontkit's values for each, or none when no subtable takes the pair. */
type PairAnswer = readonly [ValueRecord | undefined, ValueRecord | undefined] | null;

function pairAnswer(tables: ReadonlyArray<{ table: Subtable }>, left: number, right: number): PairAnswer {
  for (const { table } of tables) {
    const index = coverageIndex(table.coverage, left);
    if (index < 0) continue;
    if (table.version === 1) {
      const set = table.pairSets?.get(index);
      if (!Array.isArray(set)) throw new NotUnderstood('a pair set');
      const pair = set.find((p) => p.secondGlyph === right);
      if (pair) return [pair.value1, pair.value2];
      continue;
    }
    if (table.version === 2) {
      const record = table.classRecords?.get(classOf(table.classDef1, left))?.get(classOf(table.classDef2, right));
      if (!record) throw new NotUnderstood('a class pair record');
      return [record.value1, record.value2];
    }
    throw new NotUnderstood(`pair positioning format ${table.version}`);
  }
  return null;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

function add(position: Position, value: ValueRecord | undefined): void {
  if (!value) return;
  if (value.xAdvance != null) position.xAdvance += value.xAdvance;
  if (value.yAdvance != null) position.yAdvance += value.yAdvance;
  if (value.xPlacement != null) position.xOffset += value.xPlacement;
  if (value.yPlacement != null) position.yOffset += value.yPlacement;
}

/** Shapes Latin words of one font the way fontkit would, or says it cannot (undefined: shape with fontkit). */
export interface KernedShaper {
  run(text: string, scale: number): ScaledRun | undefined;
}

const NONE: KernedShaper = { run: () => undefined };

/** A shaper for `font`; one that shapes nothing when the font's tables hold anything not understood here. */
export function kernedShaper(font: KerningFont): KernedShaper {
  try {
    return new Kerner(font);
  } catch (error) {
    if (error instanceof NotUnderstood) return NONE;
    throw error;
  }
}

class Kerner implements KernedShaper {
  /** Lookups that must not fire, with the glyphs where they could (so that most glyphs are looked at once). */
  private readonly guards: Array<{ gpos: boolean; tables: Array<{ type: number; table: Subtable }> }> = [];
  /** Pair kerning lookups, in the order fontkit applies them, each with its answers so far. */
  private readonly pairs: Array<{ tables: Array<{ type: number; table: Subtable }>; answers: Map<number, PairAnswer> }> = [];
  /** Per glyph: the guarded subtables whose first test it passes, the only ones that could fire at it. */
  private readonly guardsAt = new Map<number, Array<{ type: number; table: Subtable; gpos: boolean }>>();
  /** Per glyph: its GDEF class (1 without a GDEF, as fontkit then takes every glyph for a base). */
  private readonly kinds = new Map<number, number>();
  private readonly glyphs = new Map<number, Glyph>();
  private broken = false;

  constructor(private readonly font: KerningFont) {
    if (font._variationProcessor) throw new NotUnderstood('a variable font');
    for (const [table, gpos] of [
      [font.GSUB, false],
      [font.GPOS, true],
    ] as const) {
      const { features, lookups } = appliedLookups(table, LATIN);
      // Without kerning in GPOS, fontkit kerns by the legacy table, which is not read here.
      if (gpos && !features.has('kern') && font.kern) throw new NotUnderstood('legacy kerning');
      for (const { feature, lookup } of lookups) {
        // Local features apply only to the glyphs a shaper marks for them: none of a Latin word's.
        if (LOCAL_FEATURES.has(feature)) continue;
        // A lookup that skips base glyphs would see a word's glyphs other than one after another.
        if (lookup.flags?.flags?.ignoreBaseGlyphs) throw new NotUnderstood('a lookup that skips base glyphs');
        const tables = subtables(lookup, gpos);
        if (gpos && tables.every((t) => t.type === 2)) this.pairs.push({ tables, answers: new Map() });
        else if (gpos && tables.some((t) => t.type === 2)) throw new NotUnderstood('a lookup mixing pair kerning with other kinds');
        else this.guards.push({ gpos, tables });
      }
    }
  }

  private glyph(cp: number): Glyph {
    let g = this.glyphs.get(cp);
    if (!g) this.glyphs.set(cp, (g = this.font.glyphForCodePoint(cp)));
    return g;
  }

  private guardsOf(id: number): Array<{ type: number; table: Subtable; gpos: boolean }> {
    let found = this.guardsAt.get(id);
    if (!found) {
      found = [];
      // No guarded lookup can fire at a glyph its first test does not pass: most glyphs have none to look at.
      for (const { gpos, tables } of this.guards) for (const { type, table } of tables) if (firstCovered(type, table, gpos, id)) found.push({ type, table, gpos });
      this.guardsAt.set(id, found);
    }
    return found;
  }

  private kindOf(id: number): number {
    let kind = this.kinds.get(id);
    if (kind === undefined) {
      const def = this.font.GDEF?.glyphClassDef;
      this.kinds.set(id, (kind = def ? classOf(def, id) : 1));
    }
    return kind;
  }

  run(text: string, scale: number): ScaledRun | undefined {
    if (this.broken || !latinWord(text)) return undefined;
    try {
      return this.shape(text, scale);
    } catch (error) {
      if (!(error instanceof NotUnderstood)) throw error;
      this.broken = true;
      return undefined;
    }
  }

  private shape(text: string, scale: number): ScaledRun | undefined {
    const n = text.length;
    const glyphs: Glyph[] = new Array(n);
    const ids: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const g = this.glyph(text.charCodeAt(i));
      // A character the font lacks, or a mark or ligature glyph (which some lookups skip), is fontkit's to handle.
      if (g.id === 0) return undefined;
      const kind = this.kindOf(g.id);
      if (kind === 2 || kind === 3) return undefined;
      glyphs[i] = g;
      ids[i] = g.id;
    }
    for (let p = 0; p < n; p++) for (const { type, table, gpos } of this.guardsOf(ids[p]!)) if (fires(type, table, gpos, ids, p)) return undefined;
    const positions: Position[] = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 0 }));
    for (const lookup of this.pairs) {
      for (let p = 0; p + 1 < n; p++) {
        const key = ids[p]! * 65536 + ids[p + 1]!;
        let answer = lookup.answers.get(key);
        if (answer === undefined) lookup.answers.set(key, (answer = pairAnswer(lookup.tables, ids[p]!, ids[p + 1]!)));
        if (!answer) continue;
        add(positions[p]!, answer[0]);
        add(positions[p + 1]!, answer[1]);
      }
    }
    // Scaled as pdfkit's layoutRun scales fontkit's positions, in the same order.
    for (let i = 0; i < n; i++) {
      const position = positions[i]!;
      position.xAdvance *= scale;
      position.yAdvance *= scale;
      position.xOffset *= scale;
      position.yOffset *= scale;
      position.advanceWidth = glyphs[i]!.advanceWidth * scale;
    }
    return scaledRun(glyphs, positions);
  }
}

/** Whether a subtable's first glyph test could pass at the glyph: its coverage (or first coverage) names it. */
function firstCovered(type: number, table: Subtable, gpos: boolean, id: number): boolean {
  const context = gpos ? 7 : 5;
  const chaining = gpos ? 8 : 6;
  if ((type === context || type === chaining) && table.version === 3) {
    const list = type === context ? table.coverages : table.inputCoverage;
    if (!Array.isArray(list)) throw new NotUnderstood('a context without its coverages');
    // A context with nothing to match at its own glyph cannot be ruled out by coverage.
    return !list.length || coverageIndex(list[0], id) >= 0;
  }
  if (gpos && (type === 4 || type === 5)) return coverageIndex(table.markCoverage, id) >= 0;
  if (gpos && type === 6) return coverageIndex(table.mark1Coverage, id) >= 0;
  return coverageIndex(table.coverage, id) >= 0;
}
