/** `fmt` over files of a content root: read, format, and write back atomically only what changed. */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeUtf8 } from '../parse/decode.js';
import { discoverSources, type SourceRef } from '../parse/discover.js';
import { MAX_FILE_BYTES, realSource } from '../parse/loadSources.js';
import { formatSource } from './formatSource.js';
import { writeFileAtomic } from '../files/atomicWrite.js';

export interface FormatFileResult {
  path: string;
  status: 'unchanged' | 'changed' | 'skipped';
  reason?: string;
  line?: number;
  column?: number;
  /** Text before and after, for `--diff`: only for changed files. */
  before?: string;
  after?: string;
}

export class NotASourceError extends Error {}

/** The sources named by `paths` (files or folders, relative to `cwd`), or every source of the root when none are named. */
export async function selectSources(root: string, paths: string[], cwd = process.cwd()): Promise<SourceRef[]> {
  // A device matrix is CSV, not Markdown: fmt leaves it as the author wrote it.
  const all = (await discoverSources(root)).filter((s) => s.role !== 'matrix');
  if (!paths.length) return all;
  const chosen = new Map<string, SourceRef>();
  for (const p of paths) {
    const rel = relative(root, resolve(cwd, p)).split(sep).join('/');
    if (rel === '..' || rel.startsWith('../') || /^[A-Za-z]:/.test(rel) || rel.startsWith('/')) throw new NotASourceError(`${p} is outside the content root ${root}`);
    const matches = rel === '' ? all : all.filter((s) => s.path === rel || s.path.startsWith(rel.replace(/\/$/, '') + '/'));
    if (!matches.length) throw new NotASourceError(`${p} is not a source file of the content root (documents/*.md, clauses/<DOC>/*.md, definitions/*.md)`);
    for (const m of matches) chosen.set(m.path, m);
  }
  return all.filter((s) => chosen.has(s.path));
}

/** Formats one file on disk; writes it (atomically) unless `check`. */
export async function formatFile(root: string, ref: SourceRef, options: { check: boolean }): Promise<FormatFileResult> {
  // A symlinked source is read and written at its target (the link stays a link); one leading outside the root is left alone.
  const place = await realSource(await realpath(root), join(root, ref.path), ref.path);
  if (place.unsafe !== undefined) return { path: ref.path, status: 'skipped', reason: `unsafe-path: ${place.unsafe}` };
  const full = place.real;
  const info = await stat(full);
  if (info.size > MAX_FILE_BYTES) return { path: ref.path, status: 'skipped', reason: `unreadable-file: over ${MAX_FILE_BYTES / 1048576} MB` };
  const bytes = await readFile(full);
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt !== undefined) return { path: ref.path, status: 'skipped', reason: 'unreadable-file: not valid UTF-8' };
  // Line endings and a byte-order mark are layout: the canonical form is LF without a BOM.
  const raw = bytes.toString('utf8');
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const outcome = formatSource(ref.path, ref.role, ref.doc, text);
  if (outcome.status === 'skipped') {
    const { reason, line, column } = outcome;
    return { path: ref.path, status: 'skipped', reason, ...(line !== undefined ? { line, column } : {}) };
  }
  const output = outcome.status === 'changed' ? outcome.output : text;
  if (output === raw) return { path: ref.path, status: 'unchanged' };
  if (!options.check) await writeFileAtomic(full, output, info.mode);
  return { path: ref.path, status: 'changed', before: raw, after: output };
}

export async function formatFiles(root: string, refs: SourceRef[], options: { check: boolean }): Promise<FormatFileResult[]> {
  const results: FormatFileResult[] = [];
  for (const ref of refs) results.push(await formatFile(root, ref, options));
  return results;
}
