/**
 * Shaped words handed between the threads of one process. A pack's render workers draw the annexes' PDFs first, and
 * each thread shapes every distinct word of what it draws (an S-size annex has some 1,500; on a thread's first PDF,
 * with fontkit's own code still cold, they took about 0.45 s of a 2 s drawing); the calling thread draws its PDFs
 * last. So each worker hands on the words it shaped with each file it answers, and the calling thread sets them from
 * the numbers (as the cache folder's words are, shapingCache.ts) instead of shaping them again. Only words whose
 * glyphs stand for their own characters travel, so a handed word gives the PDF the same bytes as shaping it would.
 * Each font's plain characters (plainShaping.ts) travel the same way: working them out decodes the font's lookup
 * tables, a tenth of a second or more for a thread that has not yet shaped anything.
 */
import type { ScaledRun } from './plainShaping.js';
import { runOfWord, wordNumbers, type GlyphSource } from './shapingCache.js';

/** A font's plain characters as code points, as the cache folder keeps them. */
export interface PlainCodePoints {
  anywhere: number[];
  last: number[];
}

/** Words by font file, as numbers, and the plain characters of the fonts worked out since they were last handed on. */
export interface ShapedWords {
  words: Record<string, Record<string, number[]>>;
  plain?: Record<string, PlainCodePoints>;
}

/** Words other threads shaped, by font file. */
const handed = new Map<string, Map<string, number[]>>();
/** Plain characters other threads worked out, by font file. */
const handedPlainSets = new Map<string, PlainCodePoints>();
/** Words this thread shaped since it last handed them on, by font file; kept only on a thread that hands them on. */
let fresh: Map<string, Record<string, number[]>> | undefined;
let freshPlain: Map<string, PlainCodePoints> | undefined;

/** Words this thread took from others rather than shaping them, words it shaped itself, and fonts whose plain characters it worked out. */
export const handedCounts = { used: 0, shaped: 0, plain: 0 };

/** From now on, this thread keeps the words it shapes, to hand them on (takeShapedWords). */
export function handOnShapedWords(): void {
  fresh ??= new Map();
  freshPlain ??= new Map();
}

/** The plain characters this thread has just worked out for the font file `font`. */
export function notePlainCharacters(font: string, plain: PlainCodePoints): void {
  handedCounts.plain++;
  freshPlain?.set(font, plain);
}

/** The plain characters of `font` as another thread worked them out, if one has. */
export function handedPlain(font: string): PlainCodePoints | undefined {
  return handedPlainSets.get(font);
}

/** A word this thread has just shaped with fontkit, in the font file `font`. */
export function noteShapedWord(font: string, text: string, run: Pick<ScaledRun, 'glyphs' | 'positions'>): void {
  handedCounts.shaped++;
  if (!fresh) return;
  const numbers = wordNumbers(text, run);
  if (!numbers) return;
  let words = fresh.get(font);
  if (!words) fresh.set(font, (words = Object.create(null) as Record<string, number[]>));
  words[text] = numbers;
}

/** The words shaped here since the last call, to send with an answer; undefined when there are none. */
export function takeShapedWords(): ShapedWords | undefined {
  if (!fresh?.size && !freshPlain?.size) return undefined;
  const shaped: ShapedWords = { words: Object.fromEntries(fresh ?? []) };
  if (freshPlain?.size) shaped.plain = Object.fromEntries(freshPlain);
  fresh?.clear();
  freshPlain?.clear();
  return shaped;
}

/** Words another thread shaped, for this thread's later drawing. */
export function adoptShapedWords(shaped: ShapedWords): void {
  for (const [font, plain] of Object.entries(shaped.plain ?? {})) handedPlainSets.set(font, plain);
  for (const [font, list] of Object.entries(shaped.words)) {
    let known = handed.get(font);
    if (!known) handed.set(font, (known = new Map()));
    for (const [text, numbers] of Object.entries(list)) known.set(text, numbers);
  }
}

/** `text` in the font file `font` as another thread shaped it, rebuilt on this thread's copy of the font. */
export function handedRun(font: string, text: string, glyphs: GlyphSource, scale: number): ScaledRun | undefined {
  const numbers = handed.get(font)?.get(text);
  if (!numbers) return undefined;
  const run = runOfWord(text, numbers, glyphs, scale);
  if (run) handedCounts.used++;
  return run;
}
