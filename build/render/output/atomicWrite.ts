/** Writes a file so that readers see the old file or the whole new one, never part of it: a temp file, then rename. */
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

let counter = 0;

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

export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await makeDirs(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Fails early, with the system's reason, when `dir` cannot be created or written. */
export async function ensureWritableDir(dir: string): Promise<void> {
  await makeDirs(dir);
  const probe = join(dir, `.regmark-write-test.${process.pid}.tmp`);
  await writeFile(probe, '');
  await unlink(probe);
}
