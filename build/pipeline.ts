/** The one orchestrator: parse → bind → check. Commands call these; nothing here reads the clock. */
import { join, resolve } from 'node:path';
import type { Corpus, DocumentSymbol, Duplicate, ParsedFile, ProvisionSymbol, VersionSymbol } from './model/corpus.js';
import type { IsoDate } from './model/dates.js';
import { loadSources, type LoadedSources, type LoadOptions } from './parse/loadSources.js';
import { bindDefinitions, bindDocuments, bindProvisions, buildFingerprintedTrie, findTermUses, resolveReferences } from './bind/index.js';
import { findPaperUses, type UseScope } from './bind/findTermUses.js';
import type { TermTrie } from './bind/termTrie.js';
import { TermUseCache } from './bind/termUseCache.js';
import { bindHistory, emptyHistory, placeVersions } from './bind/bindVersions.js';
import { loadHistory, type LoadedHistory } from './parse/loadVersions.js';
import { runChecks } from './checks/index.js';
import type { Diagnostic } from './diagnostics/catalogue.js';

export interface LoadCorpusOptions extends LoadOptions {
  /** Phase timings, for `--verbose` and the benchmark. */
  timings?: Record<string, number>;
  /** The as-at date: an undated draft is placed on it (FORMAT.md: Versions). */
  asAt?: IsoDate;
  /** Read the chains of earlier versions that manifests name (default true). */
  history?: boolean;
  /** Told what was read, before binding: the check index records each file's content key. */
  onLoaded?: (loaded: LoadedSources) => void;
  /** Told the term trie the text was scanned with, and the fingerprint of its term set: the check index keeps both. */
  onTrie?: (trie: TermTrie, fingerprint: string) => void;
}

export async function loadCorpus(rootDir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const timings = options.timings ?? {};
  let t = performance.now();
  const loaded = await loadSources(resolve(rootDir), options);
  options.onLoaded?.(loaded);
  const { files, texts, keys } = loaded;
  timings.parse = (timings.parse ?? 0) + (performance.now() - t);
  t = performance.now();
  const history = options.history === false ? undefined : await loadHistory(resolve(rootDir), { files, texts }, options);
  timings.history = (timings.history ?? 0) + (performance.now() - t);
  const cacheDir = options.cacheDir;
  const corpus = bindParsedFiles(rootDir, files, texts, {
    timings,
    ...(history ? { history } : {}),
    ...(options.asAt ? { asAt: options.asAt } : {}),
    findUses: termUsesThroughCache(cacheDir, keys, options.onTrie),
  });
  if (loaded.trees) corpus.trees = loaded.trees;
  return corpus;
}

/** The term phase that reads (and fills) the term matches cached beside the parse cache, keyed by the files' cache keys. */
export function termUsesThroughCache(cacheDir: string | undefined, keys: ReadonlyMap<string, string>, onTrie?: (trie: TermTrie, fingerprint: string) => void): (corpus: Corpus, scope?: UseScope) => TermTrie {
  return (corpus, scope) => {
    const { trie, fingerprint } = buildFingerprintedTrie(corpus);
    onTrie?.(trie, fingerprint);
    return findTermUses(corpus, trie, cacheDir ? new TermUseCache(cacheDir, fingerprint, keys) : undefined, scope);
  };
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
 * A provision table bound before (the check index's), with the duplicate IDs binding it found, and the provisions
 * whose references are to be resolved (those with their text: none when every file is a stored shape).
 */
export interface BoundProvisions {
  table: Map<string, ProvisionSymbol>;
  duplicates: readonly Duplicate[];
  resolve?: Iterable<ProvisionSymbol>;
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
  options: { timings?: Record<string, number>; findUses?: (corpus: Corpus) => TermTrie; history?: LoadedHistory; asAt?: IsoDate; provisions?: BoundProvisions } = {},
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
    paperUses: [],
    references: [],
    duplicates: [],
    orphans: [],
    history: emptyHistory(),
  };
  bindDocuments(files, corpus);
  placeVersions(corpus, options.history, options.asAt);
  if (options.provisions) {
    corpus.provisions = options.provisions.table;
    corpus.duplicates.push(...options.provisions.duplicates);
  } else bindProvisions(corpus);
  bindDefinitions(corpus);
  // A table bound before holds stored shapes, whose provisions carry no text and so no references.
  resolveReferences(corpus, undefined, options.provisions ? (options.provisions.resolve ?? []) : corpus.provisions.values());
  timings.bind = (timings.bind ?? 0) + (performance.now() - t);
  t = performance.now();
  const trie = options.findUses ? options.findUses(corpus) : findTermUses(corpus);
  corpus.paperUses = findPaperUses(corpus, trie);
  timings.terms = (timings.terms ?? 0) + (performance.now() - t);
  t = performance.now();
  bindHistory(corpus, options.history, options.asAt);
  timings.history = (timings.history ?? 0) + (performance.now() - t);
  return corpus;
}

/** The version of a document planned to apply on a day: the newest whose `effective` is on or before it. */
export function plannedVersion(doc: DocumentSymbol, day: IsoDate): VersionSymbol {
  let chosen = doc.versions[0]!;
  for (const v of doc.versions) if (v.effective === undefined || v.effective <= day) chosen = v;
  return chosen;
}

/**
 * A corpus of one chosen version per document, bound as if it were the only text: what the renderers, the
 * redline and the queries of a point in time read. Without versions it is the corpus itself.
 */
export function versionView(corpus: Corpus, choose: (doc: DocumentSymbol) => VersionSymbol): Corpus {
  const docs = [...corpus.documents.values()];
  if (docs.every((d) => d.versions.length < 2)) return corpus;
  const swapped = new Map<string, VersionSymbol>();
  for (const d of docs) {
    const v = choose(d);
    if (v.ref !== undefined) swapped.set(d.code, v);
  }
  const files: ParsedFile[] = [];
  const texts = new Map(corpus.texts);
  for (const f of corpus.files) {
    if (!swapped.has(f.doc) || (f.role === 'manifest' && corpus.consultations.has(f.doc))) files.push(f);
    else texts.delete(f.path);
  }
  for (const [code, v] of swapped) {
    const local = (key: string) => key.slice(v.ref!.length + 1);
    files.push({ path: local(v.manifestPath), role: 'manifest', doc: code, manifest: v.manifest, provisions: [], definitions: [], diagnostics: [], untagged: [] });
    texts.set(local(v.manifestPath), corpus.history.texts.get(v.manifestPath) ?? '');
    for (const f of v.files) {
      files.push({ ...f, path: local(f.path) });
      texts.set(local(f.path), corpus.history.texts.get(f.path) ?? '');
    }
  }
  const view = bindParsedFiles(corpus.root, files, texts);
  // The working tree's files keep their text in the view, so the trees kept of it still answer for them.
  if (corpus.trees) view.trees = corpus.trees;
  return view;
}

/** The working tree's text of every document, bound plainly (no windows): what a draft reads as. */
export function workingTreeView(corpus: Corpus): Corpus {
  return versionView(corpus, (doc) => doc.versions.at(-1)!);
}

/** The code as it stands on a day: each document in the version planned for it. */
export function corpusAt(corpus: Corpus, day: IsoDate): Corpus {
  return versionView(corpus, (doc) => plannedVersion(doc, day));
}
