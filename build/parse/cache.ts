/**
 * A content-addressed cache of parsed records on disk. The key hashes the parser's version, the file's
 * path and role, and its exact bytes, so an entry can never describe other content than the file's own:
 * a stale entry is simply never looked up again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { sha256 } from '../files/lazyCrypto.js';
import { installedVersion } from '../files/installedVersion.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ParsedFile, TextRun } from '../model/corpus.js';

/** The packages that turn bytes into trees and records: an `npm update` of any of them must invalidate the cache. */
export const PARSER_PACKAGES = [
  'unified',
  'remark-parse',
  'remark-gfm',
  'remark-frontmatter',
  'remark-directive',
  'mdast-util-from-markdown',
  'mdast-util-to-string',
  'micromark',
  'micromark-extension-gfm-table',
  'micromark-extension-gfm-footnote',
  'micromark-extension-gfm-strikethrough',
  'micromark-extension-directive',
  'micromark-extension-frontmatter',
  'mdast-util-gfm-table',
  'mdast-util-gfm-footnote',
  'mdast-util-gfm-strikethrough',
  'mdast-util-directive',
  'yaml',
];

/**
 * The parser's own fingerprint: a hash of the code of this folder (the parse phase), of the model it fills, and
 * of the installed version of every parsing package. Any change to how files are read changes every key, so no
 * one has to remember to bump a version.
 */
export const PARSER_VERSION = bundledParserVersion() ?? fingerprintParser();

/** Set by the bundler (bundleCli.ts) to the fingerprint of the compiled parser it bundles: a bundled start hashes nothing. */
declare const __REGMARK_PARSER_VERSION__: string | undefined;

function bundledParserVersion(): string | undefined {
  return typeof __REGMARK_PARSER_VERSION__ === 'string' ? __REGMARK_PARSER_VERSION__ : undefined;
}

function fingerprintParser(): string {
  const hash = sha256().update('regmark-parse');
  for (const folder of ['.', '../model']) {
    const dir = fileURLToPath(new URL(folder + '/', import.meta.url));
    for (const name of readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n) && !n.includes('.test.')).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  for (const name of PARSER_PACKAGES) hash.update('\0').update(name).update('@').update(installedVersion(name) ?? 'absent');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The cache lives inside the content root; a `.gitignore` of its own keeps it out of every content repository's
 * commits, whatever that repository's own ignore rules say.
 */
function keepOutOfGit(dir: string): void {
  const ignore = join(dir, '.gitignore');
  if (existsSync(ignore)) return;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(ignore, '# regmark parse cache: derived from the sources, never committed\n*\n');
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

export function cacheKey(path: string, role: string, bytes: Uint8Array): string {
  return sha256().update(PARSER_VERSION).update('\0').update(path).update('\0').update(role).update('\0').update(bytes).digest('hex');
}

/** Run texts that are plain slices of the source are stored as their length and sliced again on reading. */
type StoredRun = { offset: number; text?: string; length?: number; map?: number[] };

/** A record whose run texts that are plain slices of its source travel as lengths: for the cache, and between threads. */
export function compact(file: ParsedFile): ParsedFile {
  const runs = (list: TextRun[]): TextRun[] => list.map((r) => (r.map ? r : ({ offset: r.offset, length: r.text.length } as StoredRun as TextRun)));
  return { ...file, provisions: file.provisions.map((p) => ({ ...p, runs: runs(p.runs) })), definitions: file.definitions.map((d) => ({ ...d, runs: runs(d.runs) })) };
}

/** The record again, its run texts sliced from `source`. */
export function expand(file: ParsedFile, source: string): ParsedFile {
  // New objects of the parser's own shape, not `delete` on the stored ones: a deleted property leaves each of a
  // hundred thousand runs a slow dictionary object.
  const fix = (list: TextRun[]) => {
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as StoredRun;
      if (r.text === undefined) list[i] = { offset: r.offset, text: source.slice(r.offset, r.offset + (r.length ?? 0)) };
    }
  };
  for (const p of file.provisions) fix(p.runs);
  for (const d of file.definitions) fix(d.runs);
  return file;
}

export class ParseCache {
  constructor(private readonly dir: string) {
    keepOutOfGit(dir);
  }

  async get(key: string, source: string): Promise<ParsedFile | undefined> {
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, key.slice(0, 2), key + '.json'), 'utf8')) as { key: string; file: ParsedFile };
      return parsed.key === key ? expand(parsed.file, source) : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, file: ParsedFile): Promise<void> {
    try {
      await writeFileAtomic(join(this.dir, key.slice(0, 2), key + '.json'), JSON.stringify({ key, file: compact(file) }));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}
