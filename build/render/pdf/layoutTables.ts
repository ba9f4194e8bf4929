/**
 * Which lookups fontkit applies to a text, read from a font's GSUB or GPOS table as fontkit reads it: the features of
 * the table's script for the text's (or, when the table has none, the first of DFLT, dflt and latn), its default
 * language system, the features fontkit's default shaper plans in its one stage, their lookups in lookup order. The
 * shortcuts that shape without fontkit (plainShaping.ts, kernedShaping.ts) look at exactly these.
 */

/** Thrown for anything in a font's tables the shortcuts do not understand: the font is then left to fontkit. */
export class NotUnderstood extends Error {}

/** A lookup list as fontkit decodes it: lazily, a lookup when it is first read. */
export interface LayoutTable<L> {
  scriptList?: Array<{ tag: string; script: { defaultLangSys?: { featureIndexes: number[] } | null } }>;
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { get(index: number): L | undefined };
  featureVariations?: unknown;
}

/** fontkit's DefaultShaper: its one stage of features. */
const STAGE = ['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
/** Features a shaper gives only to the glyphs around a fraction slash. */
export const LOCAL_FEATURES = new Set(['frac', 'numr', 'dnom']);
/** The scripts fontkit falls back to, in its order, when a table has none for the text's own. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];
/** fontkit's script tag for text of Latin letters, and for text of Common characters alone (digits, punctuation). */
export const LATIN = 'latn';
export const COMMON_ONLY = 'zzzz';

/** The table's features for text of `script`, and their lookups in the order fontkit applies them. */
export function appliedLookups<L>(table: LayoutTable<L> | undefined, script: string): { features: Set<string>; lookups: Array<{ feature: string; index: number; lookup: L }> } {
  if (!table) return { features: new Set(), lookups: [] };
  if (table.featureVariations) throw new NotUnderstood('feature variations');
  if (!Array.isArray(table.scriptList) || !Array.isArray(table.featureList) || typeof table.lookupList?.get !== 'function') throw new NotUnderstood('a layout table');
  const find = (tags: string[]) => {
    for (const tag of tags) for (const entry of table.scriptList!) if (entry.tag === tag) return entry;
    return undefined;
  };
  const entry = find([script]) ?? find(DEFAULT_SCRIPTS);
  // fontkit then keeps whatever script the table was last set to: it depends on the text shaped before.
  if (!entry) throw new NotUnderstood(`a table with no script for ${script} text`);
  const features = new Map<string, { lookupListIndexes: number[] }>();
  for (const index of entry.script.defaultLangSys?.featureIndexes ?? []) {
    const record = table.featureList[index];
    if (!record) throw new NotUnderstood('a feature index');
    features.set(record.tag, record.feature);
  }
  const lookups: Array<{ feature: string; index: number; lookup: L }> = [];
  for (const tag of STAGE) {
    for (const index of features.get(tag)?.lookupListIndexes ?? []) {
      const lookup = table.lookupList.get(index);
      if (!lookup) throw new NotUnderstood('a lookup index');
      lookups.push({ feature: tag, index, lookup });
    }
  }
  return { features: new Set(features.keys()), lookups: lookups.sort((a, b) => a.index - b.index) };
}

/** Coverage, class and subtable shapes as fontkit decodes them, with the fields the shortcuts read. */
export interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number; startCoverageIndex: number }>;
}

export interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: Array<{ start: number; end: number; class: number }>;
}

/** fontkit's decoded arrays: some are plain arrays, some read lazily through `get`. */
export interface Lazy<T> {
  get(index: number): T;
  length?: number;
}

export interface ValueRecord {
  xAdvance?: number | null;
  yAdvance?: number | null;
  xPlacement?: number | null;
  yPlacement?: number | null;
}

/** A subtable as fontkit decodes it, with the fields of every kind read here. */
export interface Subtable {
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

export interface Lookup {
  lookupType: number;
  flags?: { flags?: { ignoreBaseGlyphs?: boolean } };
  subTables: Subtable[];
}

/** The glyph's index in a coverage table, or -1. */
export function coverageIndex(coverage: Coverage | undefined, id: number): number {
  if (!coverage) throw new NotUnderstood('a subtable without its coverage');
  if (coverage.version === 1 && Array.isArray(coverage.glyphs)) return coverage.glyphs.indexOf(id);
  if (coverage.version === 2 && Array.isArray(coverage.rangeRecords)) {
    for (const r of coverage.rangeRecords) if (r.start <= id && id <= r.end) return r.startCoverageIndex + id - r.start;
    return -1;
  }
  throw new NotUnderstood(`coverage format ${coverage.version}`);
}

/** Whether a coverage table names the glyph. */
export function inCoverage(coverage: Coverage | undefined, id: number): boolean {
  return coverageIndex(coverage, id) >= 0;
}

/** fontkit's getClassID: 0 for a glyph the definition does not name. */
export function classOf(def: ClassDef | undefined, id: number): number {
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
