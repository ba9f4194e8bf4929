/**
 * A content-addressed cache of parsed records on disk. The key hashes the parser's version, the file's
 * path and role, and its exact bytes, so an entry can never describe other content than the file's own:
 * a stale entry is simply never looked up again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedFile } from '../model/corpus.js';

/** Bump when the shape or meaning of ParsedFile changes. */
export const PARSER_VERSION = 'regmark-parse-4';

export function cacheKey(path: string, role: string, bytes: Uint8Array): string {
  return createHash('sha256').update(PARSER_VERSION).update('\0').update(path).update('\0').update(role).update('\0').update(bytes).digest('hex');
}

export class ParseCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<ParsedFile | undefined> {
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, key.slice(0, 2), key + '.json'), 'utf8')) as { key: string; file: ParsedFile };
      return parsed.key === key ? parsed.file : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, file: ParsedFile): Promise<void> {
    const folder = join(this.dir, key.slice(0, 2));
    try {
      await mkdir(folder, { recursive: true });
      const tmp = join(folder, `${key}.${process.pid}.tmp`);
      await writeFile(tmp, JSON.stringify({ key, file }));
      await rename(tmp, join(folder, key + '.json'));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}
