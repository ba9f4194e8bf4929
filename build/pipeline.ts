/** The one orchestrator: parse → bind → check. Commands call these; nothing here reads the clock. */
import { join, resolve } from 'node:path';
import type { Corpus, ParsedFile } from './model/corpus.js';
import type { IsoDate } from './model/dates.js';
import { loadSources, type LoadOptions } from './parse/loadSources.js';
import { bindDefinitions, bindDocuments, bindProvisions, buildFingerprintedTrie, findTermUses, resolveReferences } from './bind/index.js';
import { TermUseCache } from './bind/termUseCache.js';
import { runChecks } from './checks/index.js';
import type { Diagnostic } from './diagnostics/catalogue.js';

export interface LoadCorpusOptions extends LoadOptions {
  /** Phase timings, for `--verbose` and the benchmark. */
  timings?: Record<string, number>;
}

export async function loadCorpus(rootDir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const timings = options.timings ?? {};
  const t = performance.now();
  const { files, texts, keys } = await loadSources(resolve(rootDir), options);
  timings.parse = (timings.parse ?? 0) + (performance.now() - t);
  const cacheDir = options.cacheDir;
  return bindParsedFiles(rootDir, files, texts, {
    timings,
    findUses: (corpus) => {
      const { trie, fingerprint } = buildFingerprintedTrie(corpus);
      findTermUses(corpus, trie, cacheDir ? new TermUseCache(cacheDir, fingerprint, keys) : undefined);
    },
  });
}

export interface CheckOptions extends LoadCorpusOptions {
  asAt: IsoDate;
}

export async function checkRoot(rootDir: string, options: CheckOptions): Promise<{ corpus: Corpus; diagnostics: Diagnostic[] }> {
  const corpus = await loadCorpus(rootDir, options);
  const t = performance.now();
  const diagnostics = runChecks(corpus, options.asAt);
  if (options.timings) options.timings.check = performance.now() - t;
  return { corpus, diagnostics };
}

export function defaultCacheDir(root: string): string {
  return join(resolve(root), '.regmark-cache');
}

/**
 * Binds parsed files: the bind and term phases. loadCorpus calls it after reading; `check --watch` and `retain`
 * call it on files they hold or edit in memory. `findUses` replaces the term phase (the
 * watch session remembers each run's matches between re-checks).
 */
export function bindParsedFiles(
  rootDir: string,
  files: ParsedFile[],
  texts: Map<string, string>,
  options: { timings?: Record<string, number>; findUses?: (corpus: Corpus) => void } = {},
): Corpus {
  const timings = options.timings ?? {};
  let t = performance.now();
  const corpus: Corpus = {
    root: resolve(rootDir),
    files,
    texts,
    documents: new Map(),
    consultations: new Map(),
    provisions: new Map(),
    definitions: new Map(),
    uses: [],
    references: [],
    duplicates: [],
    orphans: [],
  };
  bindDocuments(files, corpus);
  bindProvisions(corpus);
  bindDefinitions(corpus);
  resolveReferences(corpus);
  timings.bind = (timings.bind ?? 0) + (performance.now() - t);
  t = performance.now();
  if (options.findUses) options.findUses(corpus);
  else findTermUses(corpus);
  timings.terms = (timings.terms ?? 0) + (performance.now() - t);
  return corpus;
}
