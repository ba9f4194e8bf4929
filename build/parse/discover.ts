/** Finds the content files of a root: manifests, clause files per document, definition files. */
import { readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRole } from '../model/corpus.js';

export interface SourceRef {
  /** Path relative to the content root, with forward slashes: what diagnostics print. */
  path: string;
  role: FileRole;
  doc: string;
}

type Entry = { name: string; isDir: boolean };
const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A folder's entries; a symlink counts as what it points at (where it points is judged when the file is read). */
async function list(dir: string): Promise<Entry[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const isDir = async (e: (typeof entries)[number]) => e.isDirectory() || (e.isSymbolicLink() && (await stat(join(dir, e.name)).then((s) => s.isDirectory(), () => false)));
    return (await Promise.all(entries.map(async (e) => ({ name: e.name, isDir: await isDir(e) })))).sort(byName);
  } catch {
    return [];
  }
}

/** `list`, in one call: a check that finds what it knows takes a few dozen listings, each quicker than a promise's turn. */
function listSync(dir: string): Entry[] {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    const isDir = (e: (typeof entries)[number]) => e.isDirectory() || (e.isSymbolicLink() && (statSync(join(dir, e.name), { throwIfNoEntry: false })?.isDirectory() ?? false));
    return entries.map((e) => ({ name: e.name, isDir: isDir(e) })).sort(byName);
  } catch {
    return [];
  }
}

const md = (name: string) => name.endsWith('.md') && !name.startsWith('.');
/** A device matrix annex lives beside its document's clause files (FORMAT: device matrices). */
export const csv = (name: string) => name.endsWith('.csv') && !name.startsWith('.');

export async function discoverSources(root: string): Promise<SourceRef[]> {
  // Every folder is listed at once (a whole code has a clause folder per document); the order is the listing's.
  const [documents, clauses, definitions] = await Promise.all([list(join(root, 'documents')), list(join(root, 'clauses')), list(join(root, 'definitions'))]);
  const folders = clauses.filter((d) => d.isDir);
  return refsOf(documents, folders, await Promise.all(folders.map((d) => list(join(root, 'clauses', d.name)))), definitions);
}

/** `discoverSources` in one call, for a check that expects to find what its index holds. */
export function discoverSourcesSync(root: string): SourceRef[] {
  const folders = listSync(join(root, 'clauses')).filter((d) => d.isDir);
  return refsOf(listSync(join(root, 'documents')), folders, folders.map((d) => listSync(join(root, 'clauses', d.name))), listSync(join(root, 'definitions')));
}

function refsOf(documents: Entry[], folders: Entry[], perDocument: Entry[][], definitions: Entry[]): SourceRef[] {
  const refs: SourceRef[] = [];
  for (const e of documents) {
    if (!e.isDir && md(e.name)) refs.push({ path: `documents/${e.name}`, role: 'manifest', doc: e.name.slice(0, -3) });
  }
  folders.forEach((d, i) => {
    for (const e of perDocument[i]!) {
      if (!e.isDir && md(e.name)) refs.push({ path: `clauses/${d.name}/${e.name}`, role: 'clauses', doc: d.name });
      else if (!e.isDir && csv(e.name)) refs.push({ path: `clauses/${d.name}/${e.name}`, role: 'matrix', doc: d.name });
    }
  });
  for (const e of definitions) {
    if (!e.isDir && md(e.name)) refs.push({ path: `definitions/${e.name}`, role: 'definitions', doc: e.name.slice(0, -3) });
  }
  return refs;
}
