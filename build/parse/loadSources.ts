/** Reads and parses every source of a content root: cache first, then worker threads for what is left. */
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isInside } from '../model/paths.js';
import { runInWorkers, workerEntry, type WorkerReply } from '../workerPool.js';
import type { Root } from 'mdast';
import type { OffsetDiagnostic, ParsedFile } from '../model/corpus.js';
import { decodeUtf8, encodingDiagnostics } from './decode.js';
import { discoverSources, type SourceRef } from './discover.js';
import { ParseCache, cacheKey, expand } from './cache.js';
import { fastTree, parseRecords, parseSource } from './parseFile.js';
import type { ParseJob } from './worker.js';
import { SourceTrees } from '../model/sourceTrees.js';

/** Larger files are refused: a section file of a real appendix is well under 1 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface LoadOptions {
  /** Folder for the parse cache; none when undefined. */
  cacheDir?: string;
  /** Look files up in the parse cache without adding what was parsed (a re-check's edit is rarely parsed twice). */
  lookUpOnly?: boolean;
  /** Worker threads for parsing; 0 parses in this thread. Default: one per core when there is enough to parse. */
  workers?: number;
  /** Parse every file in one worker thread, leaving this thread free for other work meanwhile. */
  offThread?: boolean;
  /**
   * Keep the trees of the sources this picks, for a renderer (Corpus.trees): those parsed on this thread, and only
   * while the picked sources' text comes to at most KEEP_TREES_TEXT characters, as the trees outlive the load.
   */
  keepTrees?: (ref: SourceRef) => boolean;
}

/**
 * The most text whose trees a load keeps: a few annexes' worth. Trees take about four bytes a character beyond the
 * text itself (8 MB for the benchmark's three S annexes, 2 million characters), so at most some 32 MB.
 */
export const KEEP_TREES_TEXT = 8 * 1024 * 1024;

export interface LoadedSources {
  files: ParsedFile[];
  texts: Map<string, string>;
  /** Cache key of each file's content (when a cache is in use), for caches derived from it. */
  keys: Map<string, string>;
  /** The trees kept (LoadOptions.keepTrees). */
  trees?: SourceTrees;
  stats: { parsed: number; cached: number; bytes: number };
}

interface Pending {
  ref: SourceRef;
  text: string;
  pre: OffsetDiagnostic[];
  key?: string;
  index: number;
}

/** A source that is not read (too large, not readable, leading outside the root): one diagnostic and nothing else. */
export function unreadFile(ref: SourceRef, code: 'unreadable-file' | 'unsafe-path', message: string): ParsedFile {
  return { path: ref.path, role: ref.role, doc: ref.doc, provisions: [], definitions: [], untagged: [], diagnostics: [{ code, offset: 0, message }] };
}

export function tooLarge(size: number): string {
  return `file is ${(size / 1048576).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1048576} MB are not read (keep one section per file)`;
}

/**
 * Reads one source, unless its real path (through any symlink, of the file or of a folder above it) leaves the
 * content root: such a file is never read, so its text can be neither checked nor published.
 */
async function readOne(root: string, realRoot: string, ref: SourceRef): Promise<{ bytes?: Uint8Array; problem?: string; unsafe?: string }> {
  try {
    const place = await realSource(realRoot, join(root, ref.path), ref.path);
    if (place.unsafe !== undefined) return { unsafe: place.unsafe };
    const info = await stat(place.real);
    if (info.size > MAX_FILE_BYTES) return { problem: tooLarge(info.size) };
    // The path just judged, not the link again: what is read is what was checked.
    return { bytes: await readFile(place.real) };
  } catch (error) {
    return { problem: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

export async function loadSources(root: string, options: LoadOptions = {}): Promise<LoadedSources> {
  const refs = await discoverSources(root);
  const realRoot = await realpath(root);
  const read = await Promise.all(refs.map(async (ref) => ({ ref, ...(await readOne(root, realRoot, ref)) })));
  return parseSources(read, options);
}

/** A source to parse: its bytes, or why they could not be read, or why they must not be. */
export interface SourceBytes {
  ref: SourceRef;
  bytes?: Uint8Array;
  problem?: string;
  /** Set when the source leads outside the content root. */
  unsafe?: string;
}

/** Where a source really is; `unsafe` says why it is not to be read when that is outside the (real) content root. */
export async function realSource(realRoot: string, full: string, path: string): Promise<{ real: string; unsafe?: string }> {
  return placed(realRoot, await realpath(full), path);
}

/** `realSource` in one call (throws as realpathSync does). */
export function realSourceSync(realRoot: string, full: string, path: string): { real: string; unsafe?: string } {
  return placed(realRoot, realpathSync(full), path);
}

function placed(realRoot: string, real: string, path: string): { real: string; unsafe?: string } {
  return isInside(realRoot, real) ? { real } : { real, unsafe: `${path} leads to ${real}, outside the content root; it is not read` };
}

/**
 * Parses sources from anywhere (the working tree, a git tree, a folder) through one content-keyed cache: a file
 * whose bytes a run has seen before, in any version, is not parsed again.
 */
export async function parseSources(sources: SourceBytes[], options: LoadOptions = {}): Promise<LoadedSources> {
  const cache = options.cacheDir ? new ParseCache(options.cacheDir) : undefined;
  const files = new Array<ParsedFile>(sources.length);
  const texts = new Map<string, string>();
  const keys = new Map<string, string>();
  const pending: Pending[] = [];
  let bytesTotal = 0;
  let cached = 0;
  await Promise.all(
    sources.map(async ({ ref, bytes, problem, unsafe }, index) => {
      if (!bytes) {
        texts.set(ref.path, '');
        files[index] = unsafe !== undefined ? unreadFile(ref, 'unsafe-path', unsafe) : unreadFile(ref, 'unreadable-file', problem ?? 'cannot read file');
        return;
      }
      if (bytes.length > MAX_FILE_BYTES) {
        texts.set(ref.path, '');
        files[index] = unreadFile(ref, 'unreadable-file', tooLarge(bytes.length));
        return;
      }
      bytesTotal += bytes.length;
      const decoded = decodeUtf8(bytes);
      texts.set(ref.path, decoded.text);
      const pre = encodingDiagnostics(decoded);
      const key = cache ? cacheKey(ref.path, ref.role, bytes) : undefined;
      if (key) keys.set(ref.path, key);
      const hit = key && cache ? await cache.get(key, decoded.text) : undefined;
      if (hit) {
        files[index] = hit;
        cached++;
      } else pending.push({ ref, text: decoded.text, pre, index, ...(key ? { key } : {}) });
    }),
  );
  const done: Array<[Pending, ParsedFile]> = [];
  if (options.offThread && pending.length) {
    (await parseInWorkers(pending, 1, true)).forEach((file, i) => done.push([pending[i]!, file]));
    pending.length = 0;
  }
  const keep = treesToKeep(pending, options.keepTrees);
  const trees = keep ? new SourceTrees() : undefined;
  /** Parses one source on this thread, keeping its tree when asked. */
  const here = (p: Pending, tree?: Root): ParsedFile => {
    const out = parseSource(p.ref.path, p.ref.role, p.ref.doc, p.text, p.pre, tree ? { tree } : {});
    if (keep?.has(p)) trees!.keep(p.ref.path, p.text, out.tree);
    return out.file;
  };
  // Files the fast reader reads are read here; sending them to a worker would cost more than reading them.
  const slow: Pending[] = [];
  for (const p of pending) {
    // A file whose tree nobody keeps is read to its records alone, when the fast reader can read it.
    const records = keep?.has(p) ? undefined : parseRecords(p.ref.path, p.ref.role, p.ref.doc, p.text, p.pre);
    if (records) {
      done.push([p, records]);
      continue;
    }
    const tree = fastTree(p.ref.role, p.text);
    if (tree) done.push([p, here(p, tree)]);
    else slow.push(p);
  }
  const slowBytes = slow.reduce((n, p) => n + p.text.length, 0);
  const workers = options.workers ?? (slowBytes > 1_500_000 ? Math.min(availableParallelism(), slow.length) : 0);
  const parsed = workers > 1 ? await parseInWorkers(slow, workers) : slow.map((p) => here(p));
  slow.forEach((p, i) => done.push([p, parsed[i]!]));
  await Promise.all(
    done.map(async ([p, file]) => {
      files[p.index] = file;
      if (cache && p.key && !options.lookUpOnly) await cache.put(p.key, file);
    }),
  );
  return { files, texts, keys, ...(trees?.size ? { trees } : {}), stats: { parsed: done.length, cached, bytes: bytesTotal } };
}

/** The sources whose trees are kept: those picked, unless together their text is more than `limit` characters. */
export function treesToKeep<P extends { ref: SourceRef; text: string }>(pending: readonly P[], pick: LoadOptions['keepTrees'], limit = KEEP_TREES_TEXT): Set<P> | undefined {
  if (!pick) return undefined;
  const picked = pending.filter((p) => p.ref.role !== 'matrix' && pick(p.ref));
  const characters = picked.reduce((n, p) => n + p.text.length, 0);
  return picked.length && characters <= limit ? new Set(picked) : undefined;
}

function parseInWorkers(pending: Pending[], count: number, fast = false): Promise<ParsedFile[]> {
  return runInWorkers(workerEntry(import.meta.url, 'worker'), pending, {
    count,
    weight: (p) => p.text.length,
    message: (p, id): ParseJob => ({ id, path: p.ref.path, role: p.ref.role, doc: p.ref.doc, text: p.text, pre: p.pre, fast }),
    result: (reply) => expand((reply as WorkerReply & { file: ParsedFile }).file, pending[reply.id]!.text),
  });
}
