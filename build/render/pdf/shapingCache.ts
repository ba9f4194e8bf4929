/**
 * Shaped words kept between processes, in the cache folder: shaping a document's distinct words with fontkit is a
 * fifth of drawing a small PDF, and the next build of the same document shapes the same words again. One file per
 * font file, keyed by the font's bytes and the versions of the shaper and of pdfkit, so that another font or an
 * upgrade reads nothing stale.
 *
 * A word is kept when its glyphs, in order, stand for its characters, in order: one glyph per character, or one for
 * several (a ligature). For such a word a stored run is exactly what shaping returns: the same glyph objects (fontkit
 * keeps one per glyph, made for the characters it first stood for, which are the word's own at that place), at the
 * same scaled positions. A glyph that stands for characters other than the word's (one glyph for two code points,
 * first met as the other) leaves the word out, so that a stored word can never decide which characters a glyph
 * stands for in the PDF's text layer.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../files/atomicWrite.js';
import { installedVersion } from '../../files/installedVersion.js';
import { scaledRun, type ScaledRun } from './plainShaping.js';

const FORMAT = 2;
/** Numbers kept per glyph: its id, how many of the word's characters it stands for, and its four scaled positions. */
const STRIDE = 6;
/** Beyond this many words a file keeps only the words of the process that writes it: a bound on its size. */
const MAX_WORDS = 60_000;
/** A file larger than this was not written by regmark (60,000 words take a few MB): it is not read. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * A file no build has opened for this long is removed: one for a font, fontkit or pdfkit no longer in use. (Opening
 * a file marks it used.)
 */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;
const SHAPING_FILE = /^[0-9a-f]{32}\.json$/;

/** Folders whose unused files this process has already looked for. */
const swept = new Set<string>();

/**
 * Removes the files in `cacheDir` that no build has opened for UNUSED_FOR_MS; once a process, after its fonts were
 * opened (and so marked used).
 */
export function sweepShapingCache(cacheDir: string, now = Date.now()): void {
  const folder = join(cacheDir, 'shaping');
  if (swept.has(folder)) return;
  swept.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!SHAPING_FILE.test(name)) continue;
    try {
      const path = join(folder, name);
      if (now - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { force: true });
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
}

interface CacheFile {
  format: number;
  key: string;
  plain?: { anywhere: number[]; last: number[] };
  words: Record<string, number[]>;
}

/** What of a fontkit font a stored run is rebuilt from. */
export interface GlyphSource {
  numGlyphs: number;
  getGlyph(id: number, codePoints: number[]): ScaledRun['glyphs'][number];
}


let shaper: string | null | undefined;

/** The shaper's and pdfkit's versions, or null when either cannot be told (and nothing is then kept). */
function shaperVersion(): string | null {
  if (shaper === undefined) {
    // A package.json that cannot be read tells no version.
    const known = (name: string) => {
      const version = installedVersion(name);
      return version === 'unreadable' ? undefined : version;
    };
    const fontkit = known('fontkit');
    const pdfkit = known('pdfkit');
    shaper = fontkit && pdfkit ? `fontkit ${fontkit}\0pdfkit ${pdfkit}` : null;
  }
  return shaper;
}

/** A finite number, or an id within the font. */
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * A shaped word as numbers, STRIDE per glyph, when its glyphs, in order, stand for its characters, in order
 * (otherwise undefined: such a word is shaped again wherever it is needed).
 */
export function wordNumbers(text: string, run: Pick<ScaledRun, 'glyphs' | 'positions'>): number[] | undefined {
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  if (run.positions.length !== run.glyphs.length) return undefined;
  const entry: number[] = [];
  let next = 0;
  for (let g = 0; g < run.glyphs.length; g++) {
    const glyph = run.glyphs[g]!;
    const p = run.positions[g]!;
    const count = glyph.codePoints.length;
    if (count === 0) return undefined;
    for (let i = 0; i < count; i++) if (glyph.codePoints[i] !== codePoints[next + i]) return undefined;
    next += count;
    const numbers = [glyph.id, count, p.xAdvance, p.yAdvance, p.xOffset, p.yOffset];
    if (!numbers.every(finite)) return undefined;
    entry.push(...numbers);
  }
  return next === codePoints.length ? entry : undefined;
}

/** A word's numbers (wordNumbers) rebuilt as its run on `font`; undefined when they are not sound for it. */
export function runOfWord(text: string, entry: unknown, font: GlyphSource, scale: number): ScaledRun | undefined {
  if (!Array.isArray(entry)) return undefined;
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  if (entry.length % STRIDE !== 0 || entry.length > codePoints.length * STRIDE) return undefined;
  let covered = 0;
  for (let at = 0; at < entry.length; at += STRIDE) {
    for (let i = at; i < at + STRIDE; i++) if (!finite(entry[i])) return undefined;
    const id = entry[at] as number;
    const count = entry[at + 1] as number;
    if (!Number.isInteger(id) || id < 0 || id >= font.numGlyphs || !Number.isInteger(count) || count < 1) return undefined;
    covered += count;
  }
  if (covered !== codePoints.length) return undefined;
  const glyphs: ScaledRun['glyphs'] = [];
  const positions: ScaledRun['positions'] = [];
  let next = 0;
  for (let at = 0; at < entry.length; at += STRIDE) {
    const count = entry[at + 1] as number;
    const glyph = font.getGlyph(entry[at] as number, codePoints.slice(next, next + count));
    next += count;
    glyphs.push(glyph);
    // As pdfkit's layoutRun leaves a position: fontkit's four fields scaled, then the glyph's own advance scaled.
    positions.push({ xAdvance: entry[at + 2] as number, yAdvance: entry[at + 3] as number, xOffset: entry[at + 4] as number, yOffset: entry[at + 5] as number, advanceWidth: glyph.advanceWidth * scale });
  }
  return scaledRun(glyphs, positions);
}

/** The shaped words of one font file, read from and written to the cache folder. */
export class ShapingStore {
  private readonly words: Map<string, number[]>;
  /** Words this process shaped or read, which a full file keeps when it starts again. */
  private readonly used = new Set<string>();
  private plainStored: CacheFile['plain'];
  private dirty = false;

  private constructor(
    readonly dir: string,
    private readonly path: string,
    private readonly key: string,
    file: CacheFile | undefined,
  ) {
    this.words = new Map(file ? Object.entries(file.words) : []);
    this.plainStored = file?.plain;
  }

  /** The store for a font file's bytes in `dir`, or undefined when its key cannot be made. */
  static open(dir: string, fontBytes: Uint8Array): ShapingStore | undefined {
    const version = shaperVersion();
    if (version === null) return undefined;
    const key = createHash('sha256').update(`${FORMAT}\0${version}\0`).update(fontBytes).digest('hex').slice(0, 32);
    const path = join(dir, 'shaping', `${key}.json`);
    let file: CacheFile | undefined;
    const now = Date.now();
    try {
      if (statSync(path).size > MAX_FILE_BYTES) throw new Error('too large');
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile> | null;
      // A damaged or foreign file is read as empty, and replaced at the next write.
      if (parsed && parsed.format === FORMAT && parsed.key === key && parsed.words && typeof parsed.words === 'object' && !Array.isArray(parsed.words)) {
        file = parsed as CacheFile;
        utimesSync(path, now / 1000, now / 1000);
      }
    } catch {
      // no file yet, too large, not JSON, or not to be touched: start empty, or as read
    }
    return new ShapingStore(dir, path, key, file);
  }

  /** `text` as shaped before, rebuilt on `font`; undefined when not kept (or the kept entry is not sound). */
  run(text: string, font: GlyphSource, scale: number): ScaledRun | undefined {
    const run = runOfWord(text, this.words.get(text), font, scale);
    if (run) this.used.add(text);
    return run;
  }

  /** Keeps a freshly shaped word, when its glyphs, in order, stand for its characters, in order. */
  note(text: string, run: Pick<ScaledRun, 'glyphs' | 'positions'>): void {
    const entry = wordNumbers(text, run);
    if (!entry) return;
    this.words.set(text, entry);
    this.used.add(text);
    this.dirty = true;
  }

  /** The font's plain characters (plainShaping.ts) as kept, if they were. */
  plain(): { anywhere: number[]; last: number[] } | undefined {
    const p = this.plainStored;
    const numbers = (list: unknown) => Array.isArray(list) && list.every((n) => Number.isInteger(n));
    return p && numbers(p.anywhere) && numbers(p.last) ? p : undefined;
  }

  notePlain(plain: { anywhere: Iterable<number>; last: Iterable<number> }): void {
    this.plainStored = { anywhere: [...plain.anywhere], last: [...plain.last] };
    this.dirty = true;
  }

  /** Writes the file when something was added; a cache that cannot be written is simply not kept. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    let words = this.words;
    if (words.size > MAX_WORDS) {
      words = new Map([...words].filter(([text]) => this.used.has(text)));
      this.words.clear();
      for (const [text, entry] of words) this.words.set(text, entry);
    }
    const file: CacheFile = { format: FORMAT, key: this.key, ...(this.plainStored ? { plain: this.plainStored } : {}), words: Object.fromEntries(words) };
    await writeFileAtomic(this.path, JSON.stringify(file)).catch(() => undefined);
  }
}
