/** The one orchestrator: parse → bind → check. Commands call these; nothing here reads the clock. */
import { join, resolve } from 'node:path';
import type { Corpus } from './model/corpus.js';
import type { IsoDate } from './model/dates.js';
import { loadSources, type LoadOptions } from './parse/loadSources.js';
import { bindDefinitions, bindDocuments, bindProvisions, findTermUses, resolveReferences } from './bind/index.js';
import { runChecks } from './checks/index.js';
import type { Diagnostic } from './diagnostics/catalogue.js';

export interface LoadCorpusOptions extends LoadOptions {
  /** Phase timings, for `--verbose` and the benchmark. */
  timings?: Record<string, number>;
}

export async function loadCorpus(rootDir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const root = resolve(rootDir);
  const timings = options.timings ?? {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - t);
    t = now;
  };
  const { files, texts } = await loadSources(root, options);
  lap('parse');
  const corpus: Corpus = {
    root,
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
  lap('bind');
  findTermUses(corpus);
  lap('terms');
  return corpus;
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
