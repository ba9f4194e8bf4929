/** Finds the content files of a root: manifests, clause files per document, definition files. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRole } from '../model/corpus.js';

export interface SourceRef {
  /** Path relative to the content root, with forward slashes: what diagnostics print. */
  path: string;
  role: FileRole;
  doc: string;
}

/** A folder's entries; a symlink counts as what it points at (where it points is judged when the file is read). */
async function list(dir: string): Promise<Array<{ name: string; isDir: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const isDir = async (e: (typeof entries)[number]) => e.isDirectory() || (e.isSymbolicLink() && (await stat(join(dir, e.name)).then((s) => s.isDirectory(), () => false)));
    return (await Promise.all(entries.map(async (e) => ({ name: e.name, isDir: await isDir(e) })))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
  const perDocument = await Promise.all(folders.map((d) => list(join(root, 'clauses', d.name))));
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
