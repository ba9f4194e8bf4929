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
import { scaled, scaledRun, type ScaledRun } from './plainShaping.js';
import { appliedLookups, classOf, coverageIndex, inCoverage, LATIN, LOCAL_FEATURES, NotUnderstood, type ClassDef, type Coverage, type LayoutTable, type Lookup, type Subtable, type ValueRecord } from './layoutTables.js';

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

/**
 * fontkit's matching of a context rule around glyph `p`: its backtrack sequence just before it, its input sequence
 * (past the glyph itself) just after it, then its lookahead; `same` compares a value of part 0, 1 or 2 with a glyph.
 */
function ruleMatches(ids: readonly number[], p: number, rule: { backtrack?: number[]; input: number[]; lookahead?: number[] }, same: (part: number, value: number, id: number) => boolean): boolean {
  const back = rule.backtrack ?? [];
  const ahead = rule.lookahead ?? [];
  return (
    matches(ids, p - back.length, back.length, (k, g) => same(0, back[k]!, g)) &&
    matches(ids, p + 1, rule.input.length, (k, g) => same(1, rule.input[k]!, g)) &&
    matches(ids, p + 1 + rule.input.length, ahead.length, (k, g) => same(2, ahead[k]!, g))
  );
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
  if ((type === context || type === chaining) && (table.version === 1 || table.version === 2)) {
    const index = coverageIndex(table.coverage, id);
    if (index < 0) return false;
    // Format 1 names glyphs, format 2 classes: of the glyph's own rule set, keyed by its coverage index or its class.
    const byGlyph = table.version === 1;
    const key = byGlyph ? index : classOf(type === context ? table.classDef : table.inputClassDef, id);
    const rules = type === context ? (byGlyph ? table.ruleSets : table.classSet)?.[key] : (byGlyph ? table.chainRuleSets : table.chainClassSet)?.[key];
    // fontkit finds no chaining rules by class as no match, and reads any other missing set as a list (and fails).
    if (!rules && type === chaining && !byGlyph) return false;
    if (!Array.isArray(rules)) throw new NotUnderstood('a context rule set');
    const defs = type === context ? [table.classDef, table.classDef, table.classDef] : [table.backtrackClassDef, table.inputClassDef, table.lookaheadClassDef];
    const same = (part: number, value: number, g: number) => (byGlyph ? value === g : value === classOf(defs[part], g));
    return rules.some((rule) => ruleMatches(ids, p, 'classes' in rule ? { input: rule.classes } : rule, same));
  }
  if (type === context && table.version === 3) {
    const list = table.coverages;
    if (!Array.isArray(list)) throw new NotUnderstood('a context without its coverages');
    return matches(ids, p, list.length, (k, g) => inCoverage(list[k], g));
  }
  if (type === chaining && table.version === 3) {
    const [back, input, ahead] = [table.backtrackCoverage, table.inputCoverage, table.lookaheadCoverage];
    if (!Array.isArray(back) || !Array.isArray(input) || !Array.isArray(ahead)) throw new NotUnderstood('a chaining context without its coverages');
    const covered = (list: Coverage[]) => (k: number, g: number) => inCoverage(list[k], g);
    return matches(ids, p - back.length, back.length, covered(back)) && matches(ids, p, input.length, covered(input)) && matches(ids, p + input.length, ahead.length, covered(ahead));
  }
  if (type === context || type === chaining) throw new NotUnderstood(`context format ${table.version}`);
  if (!gpos && type === 4) {
    const index = coverageIndex(table.coverage, id);
    if (index < 0) return false;
    const set = table.ligatureSets?.get(index);
    if (!Array.isArray(set)) throw new NotUnderstood('a ligature set');
    return set.some((ligature) => matches(ids, p + 1, ligature.components.length, (k, g) => ligature.components[k] === g));
  }
  // Single, multiple and alternate substitution, single and cursive positioning: they act wherever they cover.
  if ((!gpos && (type === 1 || type === 2 || type === 3)) || (gpos && (type === 1 || type === 3))) return inCoverage(table.coverage, id);
  // Attachment acts at the mark being attached.
  if (gpos && (type === 4 || type === 5)) return inCoverage(table.markCoverage, id);
  if (gpos && type === 6) return inCoverage(table.mark1Coverage, id);
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

/** A glyph's position, as fontkit starts it (the glyph's advance) and pdfkit scales it. */
type Position = ScaledRun['positions'][number];

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
    return scaledRun(glyphs, positions.map((position, i) => scaled(position, glyphs[i]!, scale)));
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
    return !list.length || inCoverage(list[0], id);
  }
  if (gpos && (type === 4 || type === 5)) return inCoverage(table.markCoverage, id);
  if (gpos && type === 6) return inCoverage(table.mark1Coverage, id);
  return inCoverage(table.coverage, id);
}
