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
