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
 * Each entry holds its bytes' length and CRC-32: one that does not match (a file cut short by a full disk) is drawn
 * again. (A CRC, not a hash: it guards against damage, and reads a PDF of megabytes in a millisecond or two.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../files/atomicWrite.js';
import { entriesUnder, trimEntries } from '../../files/cacheTrim.js';
import { thisProgram } from '../../watch/indexStore.js';
import type { RenderDocument } from '../../model/document.js';
import type { Theme } from '../../theme/theme.js';
import type { RenderResult } from '../renderer.js';
import { crc32 } from './zip.js';

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
  return (fingerprint ??= createHash('sha256')
    .update(JSON.stringify([thisProgram(), process.version, process.versions.zlib, drawingPackages()]))
    .digest('hex'));
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
  if (digest === undefined) modelDigests.set(model, (digest = createHash('sha256').update(JSON.stringify(model)).digest('hex')));
  return digest;
}

function renderedKey({ format, model, theme, files }: DrawnFrom): string {
  const names = Object.keys(files)
    .sort()
    .map((doc) => [doc, files[doc]]);
  return createHash('sha256')
    .update(JSON.stringify([drawingFingerprint(), format, theme, names, modelDigest(model)]))
    .digest('hex');
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, FOLDER, key.slice(0, 2), `${key}${SUFFIX}`);
}

interface Header {
  length: number;
  crc32: number;
  warnings: string[];
}

/** The file drawn from `key` before, or undefined. A hit is marked used (its time), so that trimming keeps it. */
async function renderedBefore(cacheDir: string, key: string): Promise<RenderResult | undefined> {
  const path = entryPath(cacheDir, key);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return undefined;
  }
  try {
    const length = data.readUInt32LE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Header;
    const bytes = data.subarray(4 + length);
    if (bytes.length !== header.length || crc32(bytes) !== header.crc32 || !Array.isArray(header.warnings)) return undefined;
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return { bytes, warnings: header.warnings };
  } catch {
    return undefined;
  }
}

/** Keeps a drawn file under `key`. A cache that cannot be written costs only the next run's time. */
export async function keepRendered(cacheDir: string, key: string, result: RenderResult): Promise<void> {
  const header = Buffer.from(JSON.stringify({ length: result.bytes.length, crc32: crc32(result.bytes), warnings: result.warnings } satisfies Header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  await writeFileAtomic(entryPath(cacheDir, key), Buffer.concat([length, header, result.bytes])).catch(() => undefined);
}

/**
 * Drawn through the cache when there is one: the file drawn before from the same input, else `draw()`, kept. `key`
 * names the entry, for trimRendered.
 */
export async function renderThroughCache(cacheDir: string | undefined, from: DrawnFrom, draw: () => Promise<RenderResult>): Promise<RenderResult & { key?: string }> {
  if (!cacheDir) return draw();
  const key = renderedKey(from);
  const before = await renderedBefore(cacheDir, key);
  if (before) return { ...before, key };
  const drawn = await draw();
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
