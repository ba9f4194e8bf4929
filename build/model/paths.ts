/** Paths as the safety rules see them: where a source really is, against the folder it must stay in. */
import { isAbsolute, relative } from 'node:path';

/** `child` is `parent` or below it (both real paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
