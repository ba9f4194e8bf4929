/** Source paths of a content root: the role and document a path names, and the order discoverSources reads them in. */
import type { FileRole, ParsedFile } from '../model/corpus.js';

/** Role and document of a path relative to the root, as discoverSources would find it; undefined for other paths. */
export function refOfPath(path: string): { role: FileRole; doc: string } | undefined {
  if (path.split('/').some((part) => part.startsWith('.'))) return undefined;
  let m = /^documents\/([^/]+)\.md$/.exec(path);
  if (m) return { role: 'manifest', doc: m[1]! };
  m = /^clauses\/([^/]+)\/[^/]+\.md$/.exec(path);
  if (m) return { role: 'clauses', doc: m[1]! };
  m = /^clauses\/([^/]+)\/[^/]+\.csv$/.exec(path);
  if (m) return { role: 'matrix', doc: m[1]! };
  m = /^definitions\/([^/]+)\.md$/.exec(path);
  if (m) return { role: 'definitions', doc: m[1]! };
  return undefined;
}

const ROLE_RANK: Record<FileRole, number> = { manifest: 0, clauses: 1, matrix: 1, definitions: 2 };

/** Discovery order: manifests, then clause files by folder and name, then definitions; names compared as discoverSources does. */
export function discoveryOrder(a: ParsedFile, b: ParsedFile): number {
  const r = ROLE_RANK[a.role] - ROLE_RANK[b.role];
  if (r) return r;
  const pa = a.path.split('/');
  const pb = b.path.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  return pa.length - pb.length;
}
