/**
 * Starts one of the CLI's bundles (`bundleCli.ts`) with V8's code cache. Compiling a bundle of a megabyte or more,
 * and then each function it calls, was a large part of what a short command waits for: about 40 ms of a re-check's
 * 350. The first run of a bundle saves what V8 compiled while the command ran (`check.cjs.cache` beside
 * `check.cjs`); later runs take their code from it. The cache is only ever an accelerator: V8 refuses one made by
 * another version of Node or for other source, and that run then saves a fresh one; a cache that cannot be read
 * or written (a read-only install) costs only the time it would have saved. A chunk that a bundle requires when it first
 * needs it (`./exceljs.cjs`) is compiled the same way, with a cache of its own.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/** A CommonJS file compiled from its saved code cache, if any, in the wrapper Node itself puts around a module. */
interface Compiled {
  script: Script;
  cachePath: string;
  cached: boolean;
}

function compile(file: string): Compiled {
  const cachePath = `${file}.cache`;
  const cachedData = savedCache(file, cachePath);
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  return { script: new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) }), cachePath, cached: cachedData !== undefined };
}

/** A chunk of the bundles (bundleCli.ts: `./exceljs.cjs`), as a bundle names it. */
const CHUNK = /^\.\/[\w-]+\.cjs$/;

/**
 * Runs `main(argv)` of the CommonJS bundle at `bundle` and returns its exit code. The chunks it requires are compiled
 * through the code cache too. A run that asked only for help compiles little of the command, so it leaves the cache
 * to a run that does the command's work.
 */
export async function runBundle(bundle: string, argv: string[]): Promise<number> {
  const compiled: Compiled[] = [];
  const chunks = new Map<string, unknown>();
  const run = (file: string, require: NodeJS.Require): unknown => {
    const unit = compile(file);
    compiled.push(unit);
    const module = { exports: {} as unknown };
    (unit.script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
    return module.exports;
  };
  const plain = createRequire(bundle);
  const require = Object.assign((id: string): unknown => {
    if (!CHUNK.test(id)) return plain(id);
    const file = join(dirname(bundle), id);
    if (!chunks.has(file)) chunks.set(file, run(file, createRequire(file)));
    return chunks.get(file);
  }, plain) as NodeJS.Require;
  const { main } = run(bundle, require) as { main: Main };
  const code = await main(argv);
  const onlyHelp = argv.includes('--help') || argv.includes('-h');
  if (!onlyHelp) for (const unit of compiled) if (!unit.cached || unit.script.cachedDataRejected) saveCache(unit.script, unit.cachePath);
  return code;
}
