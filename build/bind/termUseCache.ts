/** Term matches on disk, beside the parse cache: one small file per (source content, term-set fingerprint). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedFile } from '../model/corpus.js';
import type { FileUses, TermUseStore } from './findTermUses.js';

export class TermUseCache implements TermUseStore {
  private readonly dir: string;
  constructor(cacheDir: string, fingerprint: string, private readonly keys: ReadonlyMap<string, string>) {
    this.dir = join(cacheDir, 'uses', fingerprint);
  }

  get(file: ParsedFile): FileUses | undefined {
    const key = this.keys.get(file.path);
    if (!key) return undefined;
    try {
      return JSON.parse(readFileSync(join(this.dir, key + '.json'), 'utf8')) as FileUses;
    } catch {
      return undefined;
    }
  }

  set(file: ParsedFile, uses: FileUses): void {
    const key = this.keys.get(file.path);
    if (!key) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = join(this.dir, `${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(uses));
      renameSync(tmp, join(this.dir, key + '.json'));
    } catch {
      // Only speed is lost.
    }
  }
}
