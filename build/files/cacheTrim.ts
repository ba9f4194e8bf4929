/**
 * Keeps a content-addressed cache from growing with every save. Entries the sources need now always stay; of the
 * rest (earlier texts of edited files, other branches' files), the most recently written stay while they take no
 * more room than the needed ones, so that switching back to a branch or undoing an edit is still quick, and the rest
 * are removed. A removed entry only costs a parse.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheEntry {
  path: string;
  key: string;
}

/** The entries under `dir` laid out as `<sub>/<key><suffix>` (one level of subfolders), whose key `isKey` accepts. */
export async function entriesUnder(dir: string, suffix: string, isKey: (key: string) => boolean): Promise<CacheEntry[]> {
  const names = await readdir(dir, { recursive: true, encoding: 'utf8' }).catch(() => [] as string[]);
  const entries: CacheEntry[] = [];
  for (const name of names) {
    const parts = name.split(/[\\/]/);
    if (parts.length !== 2 || !parts[1]!.endsWith(suffix)) continue;
    const key = parts[1]!.slice(0, -suffix.length);
    if (isKey(key)) entries.push({ path: join(dir, name), key });
  }
  return entries;
}

/** Removes the entries beyond the budget; returns how many. */
export async function trimEntries(entries: readonly CacheEntry[], needed: ReadonlySet<string>): Promise<number> {
  const sized = await Promise.all(
    entries.map(async (e) => {
      const info = await stat(e.path).catch(() => undefined);
      return info ? { ...e, size: info.size, written: info.mtimeMs } : undefined;
    }),
  );
  let budget = 0;
  const others: Array<CacheEntry & { size: number; written: number }> = [];
  for (const e of sized) {
    if (!e) continue;
    if (needed.has(e.key)) budget += e.size;
    else others.push(e);
  }
  others.sort((a, b) => b.written - a.written || (a.path < b.path ? -1 : 1));
  let used = 0;
  let removed = 0;
  for (const e of others) {
    used += e.size;
    if (used <= budget) continue;
    await rm(e.path, { force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}
