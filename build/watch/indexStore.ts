/**
 * The check index on disk, in the cache folder: `check-index.bin` (each source's metadata and content key, the
 * digest of term uses, the diagnostics and their source lines, the summary) and, per content key, the file's
 * shape (`shapes/`) and text (`texts/`). Everything is written atomically; anything unreadable is no index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileRole, ParsedFile } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { randomToken } from '../files/lazyCrypto.js';
import { entriesUnder, trimEntries } from '../files/cacheTrim.js';
import { PARSER_VERSION } from '../parse/cache.js';
import type { CheckSummary } from '../query/checkSummary.js';
import { fromShape, shapeOf, type Shape } from './shapes.js';
import type { StoredDigestData } from './useDigest.js';
import type { StoredTablesData } from './storedTables.js';
import { decodeTables, encodeTables } from './tablesFile.js';
import { decodeSections, encodeSections } from './sectionsFile.js';

/** The layout of the files below; another layout is no index. */
export const INDEX_FORMAT = 13;
const INDEX_FILE = 'check-index.bin';
/** Where an index of an earlier layout was kept, removed when a full check next writes the index. */
const OLD_INDEX_FILE = 'check-index.json';
const INDEX_MAGIC = 0x52_4d_49_31; // "RMI1"
/** The index's one large array, the digest's triples, kept as its bytes beside the JSON of everything else. */
const INDEX_SECTIONS = { triples: Int32Array } as const;

export interface IndexedFile {
  path: string;
  role: FileRole;
  doc: string;
  size: number;
  mtimeMs: number;
  ino: number;
  key: string;
  uses: number;
  references: number;
  /** What the summary notes of this file when it holds nothing (checkSummary.ts: fileNote). */
  note?: string;
}

export interface StoredIndex {
  format: number;
  program: string;
  asAt: IsoDate;
  root: string;
  /** When the run that wrote the index began reading. */
  scannedAt: number;
  files: IndexedFile[];
  digest: StoredDigestData;
  diagnostics: Diagnostic[];
  /** The source line each diagnostic points at, by "file\0line": printing them needs no source read. */
  lines: Record<string, string>;
  summary: CheckSummary;
  /** Names the provision table stored beside the index (`check-tables.bin`) by the token it was written with. */
  tables?: string;
  /** The fingerprint of the term set the text was scanned with: where the term-use cache keeps its matches. */
  termSet?: string;
}

/**
 * The build of regmark that wrote an index: the parser's fingerprint and every code file's size and time. A
 * rebuilt or upgraded regmark reads no index of another. Written out rather than hashed (a bundled build's is some
 * 1 kB), so that a check that finds nothing changed loads no hashing code at all.
 */
function programFingerprint(): string {
  // The code that runs: the bundle's own folder when bundled (dist/bundled/), else every compiled module (dist/).
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dir = basename(here) === 'bundled' ? here : fileURLToPath(new URL('..', import.meta.url));
  const parts = [PARSER_VERSION, String(INDEX_FORMAT)];
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => /\.(c?js|ts)$/.test(n))
    .sort();
  for (const name of names) {
    const info = statSync(join(dir, name));
    parts.push(`${name}:${info.size}:${info.mtimeMs}`);
  }
  return parts.join('|');
}

let program: string | undefined;

/** This build of regmark's fingerprint, worked out once per process. */
export function thisProgram(): string {
  return (program ??= programFingerprint());
}

/** A file's text and its shape are kept per content key, written once: an edit rewrites only its own file's. */
export function textPath(cacheDir: string, key: string): string {
  return join(cacheDir, 'texts', key.slice(0, 2), `${key}.txt`);
}

function shapePath(cacheDir: string, key: string): string {
  return join(cacheDir, 'shapes', key.slice(0, 2), `${key}.json`);
}

function shapeFromText(text: string): ParsedFile {
  return fromShape(JSON.parse(text) as Shape);
}

/** One stored shape, read when something first asks for it (a stored provision table's lookups are synchronous). */
export function readShapeSync(cacheDir: string, key: string): ParsedFile {
  return shapeFromText(readFileSync(shapePath(cacheDir, key), 'utf8'));
}

/**
 * Shapes are small files read one after another: as promises, each read's open, stat, read and close came back to
 * this thread in turn, and 37 of them (a whole code's manifests and definitions) took 7–9 ms against 2.5–3 ms.
 */
export async function readShapes(cacheDir: string, files: ReadonlyArray<{ key: string }>): Promise<ParsedFile[]> {
  return files.map((f) => readShapeSync(cacheDir, f.key));
}

/**
 * The index as its file holds it: the digest's triples (some 240,000 integers for a whole code) as their bytes after
 * the JSON of the rest. As a base64 string inside 2.1 MB of JSON, reading and writing them again took a cold re-check
 * some 27 ms; this way 21.5 ms, and the JSON left is 0.8 MB.
 */
export function encodeIndex(index: StoredIndex): Buffer {
  const { triples, ...digest } = index.digest;
  return encodeSections(INDEX_MAGIC, { ...index, digest }, { triples });
}

/** The index `encodeIndex` wrote, or undefined when the bytes are not one, whole. */
export function decodeIndex(bytes: Buffer): StoredIndex | undefined {
  const read = decodeSections(bytes, INDEX_MAGIC, INDEX_SECTIONS);
  if (!read) return undefined;
  const index = read.fields as unknown as StoredIndex;
  return typeof index.digest === 'object' && index.digest !== null ? { ...index, digest: { ...index.digest, triples: read.arrays.triples } } : undefined;
}

/**
 * The index and the tables are read in one synchronous call each. Read as promises, a file of megabytes comes in
 * chunks of 512 kB, each waiting for this thread, which a re-check keeps busy parsing the edited file meanwhile: the
 * tables (3 MB for a whole code) arrived some 20 ms after the parse ended.
 */
export async function readIndex(cacheDir: string, root: string, asAt: IsoDate): Promise<StoredIndex | undefined> {
  try {
    const index = decodeIndex(readFileSync(join(cacheDir, INDEX_FILE)));
    return index && index.format === INDEX_FORMAT && index.program === thisProgram() && index.asAt === asAt && index.root === root ? index : undefined;
  } catch {
    return undefined;
  }
}

const TABLES_FILE = 'check-tables.bin';
/** Where an index of an earlier layout kept its tables, removed when the tables are next written. */
const OLD_TABLES_FILE = 'check-tables.json';

/** The stored provision table the index names, or undefined when it is missing, damaged or another index's. */
export async function readTables(cacheDir: string, index: StoredIndex): Promise<StoredTablesData | undefined> {
  if (index.tables === undefined) return undefined;
  try {
    const stored = decodeTables(readFileSync(join(cacheDir, TABLES_FILE)));
    return stored?.token === index.tables ? stored.tables : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `tables`: a new provision table, written before the index that names it (a full check); a local re-check keeps
 * the one the index already names.
 */
export async function writeIndex(cacheDir: string, index: StoredIndex, fresh: ReadonlyArray<{ file: ParsedFile; text: string }>, replaced: readonly string[] | 'all', tables?: StoredTablesData): Promise<void> {
  try {
    if (tables) {
      const token = randomToken();
      await writeFileAtomic(join(cacheDir, TABLES_FILE), encodeTables(token, tables));
      // An index of an earlier layout is never read, so the check after one is a full check, which writes the tables:
      // its files go here, not on every re-check.
      await Promise.all([rm(join(cacheDir, OLD_TABLES_FILE), { force: true }), rm(join(cacheDir, OLD_INDEX_FILE), { force: true })]);
      index = { ...index, tables: token };
    }
    // The text, for moving locations when the file is next edited, and the shape.
    const keys = new Map(index.files.map((f) => [f.path, f.key]));
    await Promise.all(
      fresh.map(async ({ file, text }) => {
        const key = keys.get(file.path)!;
        if (!existsSync(shapePath(cacheDir, key))) await writeFileAtomic(shapePath(cacheDir, key), JSON.stringify(shapeOf(file)));
        if (!existsSync(textPath(cacheDir, key))) await writeFileAtomic(textPath(cacheDir, key), text);
      }),
    );
    await writeFileAtomic(join(cacheDir, INDEX_FILE), encodeIndex(index));
    await prune(cacheDir, new Set(keys.values()), replaced);
  } catch {
    // An index that cannot be written only costs speed.
  }
}

/** The parse cache and the term matches are trimmed after every full check, and at most this often otherwise. */
const TRIM_EVERY_MS = 60 * 60 * 1000;
const TRIMMED = 'trimmed';
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * The parse cache (`<2 hex>/<key>.json`) and the term matches (`uses/<term set>/<key>.json`) keep an entry for every
 * text a source has had; they are kept within twice what the current sources need (cacheTrim.ts).
 */
async function trimCaches(cacheDir: string, named: ReadonlySet<string>, due: boolean): Promise<void> {
  const stamp = join(cacheDir, TRIMMED);
  if (!due) {
    const last = await stat(stamp).catch(() => undefined);
    if (last && Date.now() - last.mtimeMs < TRIM_EVERY_MS) return;
  }
  const parsed = await entriesUnder(cacheDir, '.json', (key) => HEX_KEY.test(key));
  await trimEntries(parsed, named);
  // Term matches are kept per term set: the current sources' matches under any term set count as needed.
  await trimEntries(await entriesUnder(join(cacheDir, 'uses'), '.json', (key) => HEX_KEY.test(key)), named);
  await writeFile(stamp, '').catch(() => undefined);
}

/**
 * Texts and shapes are needed only for the keys the index names: those of replaced versions are removed (all
 * others not named, after a full check), so that the folder does not grow with every save. A check reading one
 * just removed finds it gone and checks in full.
 */
async function prune(cacheDir: string, named: ReadonlySet<string>, replaced: readonly string[] | 'all'): Promise<void> {
  const drop = async (path: string) => rm(path, { force: true }).catch(() => undefined);
  await trimCaches(cacheDir, named, replaced === 'all');
  if (replaced !== 'all') {
    await Promise.all(replaced.filter((key) => !named.has(key)).flatMap((key) => [drop(textPath(cacheDir, key)), drop(shapePath(cacheDir, key))]));
    return;
  }
  for (const [folder, suffix] of [['texts', '.txt'], ['shapes', '.json']] as const) {
    const dir = join(cacheDir, folder);
    const names = await readdir(dir, { recursive: true, encoding: 'utf8' }).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.endsWith(suffix) && !named.has(basename(n, suffix))).map((n) => drop(join(dir, n))));
  }
}
