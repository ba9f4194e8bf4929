/** Writes that never leave a half-written source: a temporary file beside the target, then one rename. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, text: string, mode?: number): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // `*.tmp` is git-ignored; a leading dot keeps the file out of regmark's own discovery (which reads only *.md).
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, mode !== undefined ? { mode: mode & 0o777 } : {});
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Several files written together: every temporary file first, then the renames, so a failure while writing changes nothing. */
export async function writeFilesAtomic(files: Array<{ path: string; text: string }>): Promise<void> {
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const mode = await stat(f.path).then((s) => s.mode & 0o777, () => undefined);
      await writeFile(tmp, f.text, mode !== undefined ? { mode } : {});
      staged.push({ tmp, path: f.path });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw error;
  }
  for (const s of staged) await rename(s.tmp, s.path);
}
