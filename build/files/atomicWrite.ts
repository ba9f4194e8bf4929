/**
 * Writes that readers see as the old file or the whole new one, never part of one: a temporary file beside the
 * target, then one rename. Sources (fmt, retain), outputs (build, redline, pack) and the parse cache all write so.
 */
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

let counter = 0;

/** `*.tmp` is git-ignored; the leading dot keeps the file out of regmark's own discovery (which reads only *.md). */
function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

/**
 * `mkdir -p`, one level at a time. (Node's recursive mkdir can spin forever on some special file systems, such as
 * /proc, where creating a folder fails with an error it retries on.)
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      const info = await stat(at);
      if (!info.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** `mode`: the permission bits to give the file (a rewritten source keeps its own). */
export async function writeFileAtomic(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  await makeDirs(dirname(path));
  const temp = tempBeside(path);
  try {
    await writeFile(temp, data, mode !== undefined ? { mode: mode & 0o777 } : {});
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Several files written together: every temporary file first, then the renames, so a failure while writing changes nothing. */
export async function writeFilesAtomic(files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    for (const f of files) {
      await makeDirs(dirname(f.path));
      const temp = tempBeside(f.path);
      const mode = await stat(f.path).then((s) => s.mode & 0o777, () => undefined);
      await writeFile(temp, f.text, mode !== undefined ? { mode } : {});
      staged.push({ temp, path: f.path });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => unlink(s.temp).catch(() => undefined)));
    throw error;
  }
  for (const s of staged) await rename(s.temp, s.path);
}

/** Fails early, with the system's reason, when `dir` cannot be created or written. */
export async function ensureWritableDir(dir: string): Promise<void> {
  await makeDirs(dir);
  // Named like every other temporary file (`.<name>.<pid>.<n>.tmp`), so that a run killed between these two lines
  // leaves nothing the next run's clean-up does not recognise.
  const probe = join(dir, `.regmark-write-test.${process.pid}.${++counter}.tmp`);
  await writeFile(probe, '');
  await unlink(probe);
}
