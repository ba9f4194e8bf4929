/**
 * Outputs that an interruption cannot leave half-made. Everything a command writes goes first into a staging folder
 * beside its target; only when all of it is there is it swapped in, with Ctrl-C (SIGINT) and SIGTERM held off for
 * those few renames. After an interruption the target holds the previous output or the new one, never a mix, and the
 * next run clears what the interrupted one left (its staging folder, its temporary files).
 */
import { readdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirs } from '../../files/atomicWrite.js';

/** Runs `fn` with SIGINT and SIGTERM held; a signal that came meanwhile is delivered once it is done. */
export async function uninterrupted<T>(fn: () => Promise<T>): Promise<T> {
  const pending: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => void pending.push(signal);
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', hold);
    process.off('SIGTERM', hold);
    if (pending.length) process.kill(process.pid, pending[0]);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names regmark gives its temporary things, with the pid of the process that made them. */
const LEFTOVER = /^\.(.+)\.(staging|old)-(\d+)$|^\..+\.(\d+)\.\d+\.tmp$|^\.regmark-staging-(\d+)$/;

/** Removes what interrupted runs (processes no longer alive) left in `dir`; restores a folder caught mid-swap. */
export async function clearLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const pid = Number(m[3] ?? m[4] ?? m[5]);
    if (alive(pid) && pid !== process.pid) continue;
    // A swap interrupted between its two renames: the previous output is put back before anything else.
    if (m[2] === 'old' && !names.includes(m[1]!)) {
      await rename(join(dir, name), join(dir, m[1]!)).catch(() => undefined);
      continue;
    }
    await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** An empty staging folder `name` in `dir`, once what interrupted runs left there is cleared. */
async function stagingIn(dir: string, name: string): Promise<string> {
  await makeDirs(dir);
  await clearLeftovers(dir);
  const staging = join(dir, name);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  return staging;
}

/** A folder of outputs built beside `target` and swapped in whole (a consultation pack). */
export class StagedFolder {
  private constructor(
    readonly target: string,
    readonly staging: string,
  ) {}

  static async open(target: string): Promise<StagedFolder> {
    return new StagedFolder(target, await stagingIn(dirname(target), `.${basename(target)}.staging-${process.pid}`));
  }

  path(name: string): string {
    return join(this.staging, name);
  }

  async write(name: string, data: Uint8Array): Promise<void> {
    await writeFile(this.path(name), data);
  }

  /**
   * Swaps the staged folder in. Files in the old folder that `keep` claims (ones no pack wrote) move across first,
   * so nothing an author put there is lost; `beside` files (a zip next to the folder) are renamed into place too.
   */
  async commit(options: { keep?: (name: string) => boolean; beside?: Array<{ staged: string; to: string }> } = {}): Promise<void> {
    await uninterrupted(async () => {
      const old = join(dirname(this.target), `.${basename(this.target)}.old-${process.pid}`);
      let existing: string[] | undefined;
      try {
        existing = await readdir(this.target);
      } catch {
        existing = undefined;
      }
      for (const name of existing ?? []) if (options.keep?.(name) && !LEFTOVER.test(name)) await rename(join(this.target, name), this.path(name)).catch(() => undefined);
      const hadTarget = existing !== undefined;
      if (hadTarget) await rename(this.target, old);
      await rename(this.staging, this.target);
      for (const b of options.beside ?? []) await rename(join(this.target, b.staged), b.to);
      if (hadTarget) await rm(old, { recursive: true, force: true });
    });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/** Files for a shared output folder (build, redline): staged in a hidden folder inside it, then renamed into place together. */
export class StagedFiles {
  private readonly staged: string[] = [];
  private constructor(
    readonly dir: string,
    readonly staging: string,
  ) {}

  static async open(dir: string): Promise<StagedFiles> {
    return new StagedFiles(dir, await stagingIn(dir, `.regmark-staging-${process.pid}`));
  }

  /** Stages one file; returns the path it will have once committed. */
  async write(name: string, data: Uint8Array): Promise<string> {
    await writeFile(join(this.staging, name), data);
    this.staged.push(name);
    return join(this.dir, name);
  }

  async commit(): Promise<void> {
    await uninterrupted(async () => {
      for (const name of this.staged) await rename(join(this.staging, name), join(this.dir, name));
      await rm(this.staging, { recursive: true, force: true });
    });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
