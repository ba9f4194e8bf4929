/**
 * Files drawn before, kept in the cache folder by what they were drawn from. A renderer is a pure function of its
 * model, its theme and the names of the other documents' files (renderPool.ts: a file is the same bytes whichever
 * thread drew it), so a document none of whose inputs changed is not drawn again: a pack after an edit of one annex
 * draws that annex's files and copies the rest.
 *
 * The key is a hash of the format, the theme, the other files' names and the whole model (the sources' text as
 * shown, the as-at date, the source date and, in a redline, both sides), with this build of regmark (its code
 * files, as the check index names it), the versions of the packages that draw and embed (pdfkit, fontkit, docx, the
 * fonts) and Node's own (its zlib deflates every stream). Anything else a renderer reads would have to be in the key:
 * renderedFiles.test.ts draws every fixture once through the cache and once without it and compares the bytes.
 *
 * An entry also keeps what a pack makes of the file: its SHA-256, for the manifest, and, once a pack has zipped it,
 * the file deflated as a zip entry. A re-pack takes both with the bytes instead of working them out again (some
 * 150 ms of deflating for three unchanged annexes).
 *
 * Each entry holds a CRC-32 of all it holds: one that does not match (a file cut short by a full disk) is drawn
 * again. (A CRC, not a hash: it guards against damage, and reads a PDF of megabytes in a millisecond or two.)
 */
import { readFileSync } from 'node:fs';
import { readFile, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../files/atomicWrite.js';
import { sha256Hex } from '../../files/lazyCrypto.js';
import { entriesUnder, trimEntries } from '../../files/cacheTrim.js';
import { thisProgram } from '../../watch/indexStore.js';
import type { RenderDocument } from '../../model/document.js';
import type { Theme } from '../../theme/theme.js';
import type { RenderResult } from '../renderer.js';
import { crc32, zipStored, type ZipEntry } from './zip.js';

/** The packages whose code or data ends up in a file's bytes. */
const DRAWING_PACKAGES = ['pdfkit', 'fontkit', 'linebreak', 'restructure', 'docx', 'fflate', 'dejavu-fonts-ttf'];
const FOLDER = 'rendered';
const SUFFIX = '.out';
const KEY = /^[0-9a-f]{64}$/;

/**
 * A package's version, or `?` when it cannot be found: from its package.json, which a package without an exports map
 * (the fonts) lets one resolve, else from the package.json above its entry point.
 */
function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
  try {
    return read(require.resolve(`${name}/package.json`)).version ?? '?';
  } catch {
    // An exports map that leaves package.json out: look above the entry point.
  }
  try {
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const info = read(join(dir, 'package.json'));
        if (info.name === name) return info.version ?? '?';
      } catch {
        // No package.json at this level: look further up.
      }
    }
  } catch {
    // Not installed where this module can see it.
  }
  return '?';
}

/** The versions the key holds, by package. */
export function drawingPackages(): Record<string, string> {
  return Object.fromEntries(DRAWING_PACKAGES.map((name) => [name, versionOf(name)]));
}

let fingerprint: string | undefined;

/** This build of regmark with the packages and the Node that draw: worked out once per thread. */
function drawingFingerprint(): string {
  return (fingerprint ??= sha256Hex(JSON.stringify([thisProgram(), process.version, process.versions.zlib, drawingPackages()])));
}

/** What a file is drawn from; `files`: the other documents' file names in its format, by document code. */
export interface DrawnFrom {
  format: string;
  model: RenderDocument;
  theme: Theme;
  files: Readonly<Record<string, string>>;
}

/** A model's hash, once per model: its Word file and its PDF are keyed by it, and so is a redline's of both. */
const modelDigests = new WeakMap<RenderDocument, string>();

function modelDigest(model: RenderDocument): string {
  let digest = modelDigests.get(model);
  if (digest === undefined) modelDigests.set(model, (digest = sha256Hex(JSON.stringify(model))));
  return digest;
}

/** The key of the entry a file drawn from `from` is kept under. */
export function renderedKey({ format, model, theme, files }: DrawnFrom): string {
  const names = Object.keys(files)
    .sort()
    .map((doc) => [doc, files[doc]]);
  return sha256Hex(JSON.stringify([drawingFingerprint(), format, theme, names, modelDigest(model)]));
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, FOLDER, key.slice(0, 2), `${key}${SUFFIX}`);
}

type Zipped = NonNullable<ZipEntry['stored']>;

/** A drawn file with what a pack makes of it: its SHA-256, and (when asked) the file deflated as a zip entry. */
export interface DrawnFile extends RenderResult {
  sha256: string;
  zipped?: Zipped;
  /** The entry it was drawn into or taken from, when the cache is on (for trimRendered). */
  key?: string;
}

/**
 * An entry: the header's length and a CRC-32 of all that follows (8 bytes), the header (JSON), the file's bytes, then
 * the deflated bytes of its zip entry when it has one that is not the bytes themselves (method 0).
 */
interface Header {
  length: number;
  sha256: string;
  warnings: string[];
  zipped?: { method: number; crc: number; length: number };
}

const SHA256 = /^[0-9a-f]{64}$/;

function decodeEntry(data: Buffer): Omit<DrawnFile, 'key'> | undefined {
  const headerLength = data.readUInt32LE(0);
  if (crc32(data.subarray(8)) !== data.readUInt32LE(4)) return undefined;
  const header = JSON.parse(data.subarray(8, 8 + headerLength).toString('utf8')) as Header;
  const at = 8 + headerLength;
  const bytes = data.subarray(at, at + header.length);
  if (bytes.length !== header.length || !SHA256.test(header.sha256) || !Array.isArray(header.warnings)) return undefined;
  const file: Omit<DrawnFile, 'key'> = { bytes, warnings: header.warnings, sha256: header.sha256 };
  const tail = data.subarray(at + header.length);
  const z = header.zipped;
  if (!z) return tail.length === 0 ? file : undefined;
  // A zip entry stored as it is (method 0) is the bytes themselves; a deflated one follows them.
  const stored = z.method === 0;
  if (tail.length !== (stored ? 0 : z.length)) return undefined;
  return { ...file, zipped: { method: z.method, crc: z.crc, bytes: stored ? bytes : tail } };
}

/**
 * The file kept under `key`, or undefined; with `zip`, with its zip entry, deflated now (and kept) if the entry has
 * none yet. A hit is marked used (its time), so that trimming keeps it.
 */
export async function keptFile(cacheDir: string, key: string, zip: boolean): Promise<DrawnFile | undefined> {
  const path = entryPath(cacheDir, key);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return undefined;
  }
  let file: Omit<DrawnFile, 'key'> | undefined;
  try {
    file = decodeEntry(data);
  } catch {
    return undefined;
  }
  if (!file) return undefined;
  if (zip && !file.zipped) {
    file = { ...file, zipped: zipStored(file.bytes) };
    await keepRendered(cacheDir, key, file);
  } else {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
  }
  return { ...file, key };
}

/** Keeps a drawn file under `key`. A cache that cannot be written costs only the next run's time. */
export async function keepRendered(cacheDir: string, key: string, file: RenderResult & { sha256?: string; zipped?: Zipped }): Promise<void> {
  const { zipped } = file;
  const header: Header = {
    length: file.bytes.length,
    sha256: file.sha256 ?? sha256Hex(file.bytes),
    warnings: file.warnings,
    ...(zipped ? { zipped: { method: zipped.method, crc: zipped.crc, length: zipped.method === 0 ? 0 : zipped.bytes.length } } : {}),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const body = Buffer.concat([json, file.bytes, ...(zipped && zipped.method !== 0 ? [zipped.bytes] : [])]);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(json.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  await writeFileAtomic(entryPath(cacheDir, key), Buffer.concat([head, body])).catch(() => undefined);
}

export interface DrawOptions {
  /** Make the file's zip entry too (a pack that writes a zip). */
  zip?: boolean;
  /**
   * The key, when the caller has looked the file up under it already and not found it (renderPool.ts, before it hands
   * the file on): the file is drawn and kept under it.
   */
  key?: string;
}

/**
 * Drawn through the cache when there is one: the file drawn before from the same input, else `draw()`, kept with its
 * SHA-256 and, when asked, its zip entry.
 */
export async function renderThroughCache(cacheDir: string | undefined, from: DrawnFrom, draw: () => Promise<RenderResult>, options: DrawOptions = {}): Promise<DrawnFile> {
  const finish = (drawn: RenderResult): DrawnFile => ({ ...drawn, sha256: sha256Hex(drawn.bytes), ...(options.zip ? { zipped: zipStored(drawn.bytes) } : {}) });
  if (!cacheDir) return finish(await draw());
  const key = options.key ?? renderedKey(from);
  const before = options.key === undefined ? await keptFile(cacheDir, key, options.zip ?? false) : undefined;
  if (before) return before;
  const drawn = finish(await draw());
  await keepRendered(cacheDir, key, drawn);
  return { ...drawn, key };
}

/**
 * After a run that drew through the cache: the files it drew or used (`used`, by key) stay, and of the others the most
 * recently used while they take no more room than those.
 */
export async function trimRendered(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  await trimEntries(await entriesUnder(join(cacheDir, FOLDER), SUFFIX, (key) => KEY.test(key)), used);
}
