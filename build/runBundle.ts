/**
 * Starts one of the CLI's bundles (`bundleCli.ts`) with V8's code cache. Compiling a bundle of a megabyte or more,
 * and then each function it calls, was a large part of what a short command waits for: about 40 ms of a re-check's
 * 350. The first run of a bundle saves what V8 compiled while the command ran (`check.cjs.cache` beside
 * `check.cjs`); later runs take their code from it. The cache is only ever an accelerator: V8 refuses one made by
 * another version of Node or for other source, and that run then saves a fresh one; a cache that cannot be read
 * or written (a read-only install) costs only the time it would have saved.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

type Main = (argv: string[]) => Promise<number>;

/** The saved cache of `bundle`, unless it is older than the bundle (the bundle was made again since). */
function savedCache(bundle: string, cachePath: string): Buffer | undefined {
  try {
    return statSync(cachePath).mtimeMs >= statSync(bundle).mtimeMs ? readFileSync(cachePath) : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside the bundle and renamed into place: a reader sees the old cache or the whole new one. */
function saveCache(script: Script, cachePath: string): void {
  const temp = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cachePath);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written.
    }
  }
}

/**
 * Runs `main(argv)` of the CommonJS bundle at `bundle` and returns its exit code. A run that asked only for help
 * compiles little of the command, so it leaves the cache to a run that does the command's work.
 */
export async function runBundle(bundle: string, argv: string[]): Promise<number> {
  const cachePath = `${bundle}.cache`;
  const cached = savedCache(bundle, cachePath);
  // The wrapper Node itself puts around a CommonJS module, so the bundle runs as if required.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, { filename: bundle, ...(cached ? { cachedData: cached } : {}) });
  const module = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const code = await module.exports.main!(argv);
  const onlyHelp = argv.includes('--help') || argv.includes('-h');
  if ((!cached || script.cachedDataRejected) && !onlyHelp) saveCache(script, cachePath);
  return code;
}
