/**
 * The check index: what a `check` leaves beside the parse cache so that the next `check`, in a new process, reads
 * again only what changed. Per source file it holds the file's metadata (size, modification time, inode) and
 * content key, the shape of its records (sections, clauses, terms and their attributes: the symbol tables' part,
 * without the text), its share of the term-use digest and its counts; the last run's diagnostics; and, beside it,
 * the provision table and term trie the last full check bound (storedTables.ts).
 *
 * Freshness: a file whose metadata equals what was stored, and whose modification time is older than the start of
 * the run that stored it by more than a file system's timestamp granularity, is unchanged; any other file is read
 * and its content key compared. When no file changed, the stored answer is the answer. When the changed files only
 * edit text inside existing clauses and definitions, the corpus is bound from the stored table (other clause files'
 * shapes read only when a check needs one of their records), the changed files alone are parsed, resolved and
 * scanned, and the local re-check of `check --watch` (localEdit.ts) gives the
 * answer. Anything else — a file added or removed, a shape changed, a manifest or device matrix edited, earlier
 * versions or accepted risks in play, another as-at date, another build of regmark — is a full check, which writes
 * a fresh index. checkIndex.test.ts compares every path with a fresh check over random edit sequences.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { allTexts, type Corpus, type FileRole, type ParsedFile } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { LineSource } from '../diagnostics/formatText.js';
import { bindParsedFiles, checkRoot, loadCorpus, termUsesThroughCache } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import { discoverSourcesSync } from '../parse/discover.js';
import { MAX_FILE_BYTES, parseSources, realSourceSync, type LoadedSources } from '../parse/loadSources.js';
import { cacheKey } from '../parse/cache.js';
import { lineSource } from '../parse/lines.js';
import { emptinessNotes, fileNote, summariseCheck, type CheckSummary } from '../query/checkSummary.js';
import { applyLocalEdit, type FileChange } from './localEdit.js';
import { StoredDigest, storedDigestOf, type StoredDigestData } from './useDigest.js';
import { TermUseFinder } from './termUses.js';
import { INDEX_FORMAT, readIndex, readShapes, readShapeSync, readTables, textPath, thisProgram, writeIndex, type IndexedFile, type StoredIndex } from './indexStore.js';
import { lazyClauseFile, StoredProvisionTable, storedTablesOf, trieOfStored } from './storedTables.js';
import type { TermTrie } from '../bind/termTrie.js';
import { TermUseCache } from '../bind/termUseCache.js';
import { linesOf, linesOutside, SourceTexts, storedLineSource } from './sourceTexts.js';

/** Modification times this close to the run that stored them are not trusted: some file systems keep whole seconds. */
const RACY_MS = 2000;
/**
 * Edited text beyond this is parsed in a worker. Below it, this thread reads it sooner: the fast reader takes
 * some 40 ms a megabyte, while a worker takes 100 ms or more to start and, on two cores, slows the binding it
 * was meant to run beside (a 0.5 MB edit of the L bench corpus re-checked about 100 ms sooner on this thread).
 */
export const OFF_THREAD_BYTES = 2_500_000;

export interface IndexedCheck {
  diagnostics: Diagnostic[];
  summary: CheckSummary;
  /** The source lines of the text as checked, for printing diagnostics. */
  lineOf: LineSource;
  /** How the answer was found: stored, re-checked locally, or a full check. */
  path: 'unchanged' | 'local' | 'full';
  /** The bound corpus of a full check. */
  corpus?: Corpus;
  /** The sources the answer is about, with their content keys (unchanged and local paths). */
  sources?: ReadonlyArray<{ path: string; role: FileRole; doc: string; key: string }>;
  /** The index as it now stands on disk (unchanged and local paths): a build reads its stored tables. */
  index?: StoredIndex;
}

export interface IndexedCheckOptions {
  asAt: IsoDate;
  cacheDir: string;
  timings?: Record<string, number>;
}

/** Earlier versions come from git or folders that no stat of the sources watches: such a corpus is checked in full. */
function indexable(corpus: Corpus): boolean {
  return corpus.history.origins.size === 0 && corpus.history.problems.length === 0 && !corpus.files.some((f) => f.diagnostics.some((d) => d.code === 'unsafe-path'));
}

function countByFile<T extends { file: string }>(list: readonly T[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of list) out.set(item.file, (out.get(item.file) ?? 0) + 1);
  return out;
}

/** `check` through the index: the stored answer, a local re-check, or a full check that stores a new index. */
export async function checkWithIndex(root: string, options: IndexedCheckOptions): Promise<IndexedCheck> {
  const scannedAt = Date.now();
  const realRoot = await realpath(root);
  const stored = await readIndex(options.cacheDir, realRoot, options.asAt);
  if (stored) {
    const fast = await fromIndex(root, realRoot, stored, options, scannedAt).catch(() => undefined);
    if (fast) return fast;
  }
  return fullCheck(root, realRoot, options, scannedAt);
}

/**
 * The stored answer when no source changed since it was stored, else undefined; nothing is read beyond the index
 * and the sources' metadata, nothing written. The language server shows it while it reads the corpus.
 */
export async function storedAnswer(root: string, options: IndexedCheckOptions): Promise<IndexedCheck | undefined> {
  try {
    const realRoot = await realpath(root);
    const stored = await readIndex(options.cacheDir, realRoot, options.asAt);
    return stored ? await fromIndex(root, realRoot, stored, options, Date.now(), true) : undefined;
  } catch {
    return undefined;
  }
}

async function fullCheck(root: string, realRoot: string, options: IndexedCheckOptions, scannedAt: number): Promise<IndexedCheck> {
  let loaded: LoadedSources | undefined;
  let trie: TermTrie | undefined;
  let termSet: string | undefined;
  const onTrie = (t: TermTrie, fingerprint: string) => {
    trie = t;
    termSet = fingerprint;
  };
  const corpus = await loadCorpus(root, { asAt: options.asAt, cacheDir: options.cacheDir, onLoaded: (l) => (loaded = l), onTrie, ...(options.timings ? { timings: options.timings } : {}) });
  const t = performance.now();
  const diagnostics = runChecks(corpus, options.asAt);
  if (options.timings) options.timings.check = performance.now() - t;
  const answer = fullAnswer(corpus, diagnostics);
  const { summary, lineOf } = answer;
  if (loaded && indexable(corpus)) {
    let digest: StoredDigestData;
    try {
      digest = storedDigestOf(corpus, corpus.files.map((f) => f.path));
    } catch (error) {
      // A corpus beyond what the stored digest can number (useDigest.ts) is checked in full every time.
      if (error instanceof RangeError) return answer;
      throw error;
    }
    const uses = countByFile(corpus.uses);
    const references = countByFile(corpus.references);
    const loadedKeys = loaded.keys;
    const keys = corpus.files.map((file) => loadedKeys.get(file.path));
    if (keys.includes(undefined)) return answer;
    const infos = await Promise.all(corpus.files.map((file) => stat(join(root, file.path))));
    const files: IndexedFile[] = corpus.files.map((file, i) => {
      const info = infos[i]!;
      const note = fileNote(file);
      return { path: file.path, role: file.role, doc: file.doc, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, key: keys[i]!, uses: uses.get(file.path) ?? 0, references: references.get(file.path) ?? 0, ...(note !== undefined ? { note } : {}) };
    });
    const tables = trie && storedTablesOf(corpus.provisions, corpus.files, corpus.duplicates, trie);
    if (!tables) return answer;
    await writeIndex(options.cacheDir, { format: INDEX_FORMAT, program: thisProgram(), asAt: options.asAt, root: realRoot, scannedAt, files, digest, diagnostics, lines: linesOf(diagnostics, lineOf), summary, ...(termSet ? { termSet } : {}) }, corpus.files.map((file) => ({ file, text: corpus.texts.get(file.path) ?? '' })), 'all', tables);
  }
  return answer;
}

/** A full check's answer: the diagnostics, the summary and the source lines of the bound corpus. */
function fullAnswer(corpus: Corpus, diagnostics: Diagnostic[]): IndexedCheck {
  return { diagnostics, summary: summariseCheck(corpus), lineOf: lineSource(allTexts(corpus)), path: 'full', corpus };
}

/** `check` without a cache: nothing is read from or left in the content root. */
export async function checkWithoutIndex(root: string, asAt: IsoDate): Promise<IndexedCheck> {
  const { corpus, diagnostics } = await checkRoot(root, { asAt });
  return fullAnswer(corpus, diagnostics);
}

interface Changed {
  index: number;
  bytes: Buffer;
  key: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The answer from the index, or undefined when it takes a full check. */
async function fromIndex(root: string, realRoot: string, stored: StoredIndex, options: IndexedCheckOptions, scannedAt: number, unchangedOnly = false): Promise<IndexedCheck | undefined> {
  const timings = options.timings ?? {};
  let t = performance.now();
  // Listed, resolved and statted in one call each, not a promise each that waits for a turn of this thread: L's 87
  // files checked again with nothing changed in 177 ms against 183 ms.
  const refs = discoverSourcesSync(root);
  if (refs.length !== stored.files.length || refs.some((r, i) => r.path !== stored.files[i]!.path || r.role !== stored.files[i]!.role || r.doc !== stored.files[i]!.doc)) return undefined;
  const changed: Changed[] = [];
  const trustedBefore = stored.scannedAt - RACY_MS;
  for (let index = 0; index < refs.length; index++) {
    const ref = refs[index]!;
    const entry = stored.files[index]!;
    const place = realSourceSync(realRoot, join(root, ref.path), ref.path);
    if (place.unsafe !== undefined) return undefined;
    const info = statSync(place.real);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    if (info.size === entry.size && info.mtimeMs === entry.mtimeMs && info.ino === entry.ino && info.mtimeMs < trustedBefore) continue;
    const bytes = readFileSync(place.real);
    const key = cacheKey(ref.path, ref.role, bytes);
    if (key !== entry.key) changed.push({ index, bytes, key, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
  }
  const paths = new Set(stored.files.map((f) => f.path));
  timings.parse = performance.now() - t;
  if (!changed.length) return { diagnostics: stored.diagnostics, summary: stored.summary, lineOf: storedLineSource(stored.lines, new SourceTexts(root, paths)), path: 'unchanged', sources: stored.files, index: stored };
  if (unchangedOnly) return undefined;

  // Manifests and matrices change the tables; accepted risks tie diagnostics of other text to the edit.
  if (changed.some((c) => stored.files[c.index]!.role === 'manifest' || stored.files[c.index]!.role === 'matrix')) return undefined;
  // A large edited file is parsed in a worker while this thread binds the stored shapes.
  const offThread = changed.reduce((n, c) => n + c.bytes.length, 0) > OFF_THREAD_BYTES;
  const parsing = parseSources(
    changed.map((c) => ({ ref: { path: stored.files[c.index]!.path, role: stored.files[c.index]!.role, doc: stored.files[c.index]!.doc }, bytes: c.bytes })),
    // Writing the edited file's records to the parse cache took longer than anything else a re-check writes (some
    // 15-25 ms of L's 0.5 MB file), for an entry that the next edit leaves unread: a build of the file parses it then.
    { cacheDir: options.cacheDir, workers: 0, offThread, lookUpOnly: true },
  );
  // Settled at once so that a full check after a refusal below leaves no rejection unhandled.
  const parsed = parsing.then((p) => p, () => undefined);
  t = performance.now();
  // Clause files the edit did not touch are read from their stored shapes only when a check looks into them.
  const changedAt = new Set(changed.map((c) => c.index));
  const [tablesData, shapes, beforeTexts] = await Promise.all([
    readTables(options.cacheDir, stored),
    storedFiles(options.cacheDir, stored.files, (i) => changedAt.has(i)),
    changed.map((c) => readFileSync(textPath(options.cacheDir, stored.files[c.index]!.key), 'utf8')),
  ]);
  if (!tablesData) return undefined;
  if (shapes.some((f) => f.role === 'manifest' && f.manifest?.accepted?.length)) return undefined;
  timings.shapes = performance.now() - t;
  t = performance.now();
  const finder = new TermUseFinder();
  const texts = new SourceTexts(root, paths);
  const table = new StoredProvisionTable(tablesData, (i) => shapes[i]!, (i) => stored.files[i]!);
  const storedTrie = trieOfStored(tablesData.trie);
  const corpus = bindParsedFiles(root, shapes, texts, { findUses: (c) => (storedTrie ? finder.adopt(storedTrie, c) : finder.trieFor(c)), asAt: options.asAt, provisions: { table, duplicates: tablesData.duplicates } });
  const digest = new StoredDigest(stored.digest, stored.files.map((f) => f.path));
  timings.tables = performance.now() - t;
  t = performance.now();
  const after = await parsed;
  timings.parseWait = performance.now() - t;
  if (!after) return undefined;
  // The term matches the cache keeps for the changed files' texts, before the edit by their stored keys (a full check
  // leaves every file's) and after it by their new ones.
  const termSet = stored.termSet;
  const matchesBy = (key: (c: Changed) => string) => termSet && new TermUseCache(options.cacheDir, termSet, new Map(changed.map((c) => [stored.files[c.index]!.path, key(c)])));
  const oldMatches = matchesBy((c) => stored.files[c.index]!.key);
  const changes: FileChange[] = changed.map((c, i) => {
    const path = stored.files[c.index]!.path;
    const before = corpus.files[c.index]!;
    return { path, before, after: after.files[i]!, beforeText: beforeTexts[i]!, afterText: after.texts.get(path)!, ...(oldMatches ? { matches: { before: oldMatches.get(before) } } : {}) };
  });
  const diagnostics = applyLocalEdit(corpus, digest, changes, stored.diagnostics, options.asAt, finder, timings);
  if (!diagnostics) return undefined;
  // The new texts' matches, for the edit after this one.
  const newMatches = matchesBy((c) => c.key);
  if (newMatches) for (const c of changes) if (c.matches?.after) newMatches.set(c.after, c.matches.after);

  const uses = countByFile(digest.allUses());
  const references = countByFile(corpus.references);
  const files = stored.files.slice();
  for (const c of changed) {
    const { note: _before, ...old } = files[c.index]!;
    const note = fileNote(corpus.files[c.index]!);
    files[c.index] = { ...old, size: c.size, mtimeMs: c.mtimeMs, ino: c.ino, key: c.key, uses: uses.get(old.path) ?? 0, references: references.get(old.path) ?? 0, ...(note !== undefined ? { note } : {}) };
  }
  const summary: CheckSummary = { ...stored.summary, uses: files.reduce((n, f) => n + f.uses, 0), references: files.reduce((n, f) => n + f.references, 0), notes: emptinessNotes(corpus, (_file, i) => files[i]!.note) };
  t = performance.now();
  const fresh = changed.map((c) => ({ file: corpus.files[c.index]!, text: corpus.texts.get(files[c.index]!.path)! }));
  // Lines of unchanged files as stored; of the changed ones, from their new text.
  const lineOf = storedLineSource(linesOutside(stored.lines, new Set(fresh.map((f) => f.file.path))), texts);
  const index: StoredIndex = { ...stored, scannedAt, files, digest: digest.stored(), diagnostics, lines: linesOf(diagnostics, lineOf), summary };
  await writeIndex(options.cacheDir, index, fresh, changed.map((c) => stored.files[c.index]!.key));
  timings.index = performance.now() - t;
  return { diagnostics, summary, lineOf, path: 'local', sources: files, index };
}

/**
 * The index's files as its stored table's rows reach them: each file `given` as it is; each other clause file, unless
 * `whole` names it (by index), read from its stored shape only when something first asks for its records; every other
 * file read from its shape now.
 */
async function storedFiles(cacheDir: string, files: ReadonlyArray<Pick<IndexedFile, 'path' | 'role' | 'doc' | 'key'>>, whole: (index: number) => boolean, given: ReadonlyMap<string, ParsedFile> = new Map()): Promise<ParsedFile[]> {
  const lazy = (f: (typeof files)[number], i: number) => f.role === 'clauses' && !whole(i);
  const read = (await readShapes(cacheDir, files.filter((f, i) => !given.has(f.path) && !lazy(f, i)))).values();
  return files.map((f, i) => given.get(f.path) ?? (lazy(f, i) ? lazyClauseFile(f, () => readShapeSync(cacheDir, f.key)) : read.next().value!));
}

/**
 * The corpus as a build of `docs` needs it once the index has answered the check: those documents' files in full
 * (through the parse cache), every other file as its stored shape. References and term uses are found in the full
 * files only — all that a document's renderer reads of the text; the rest it reads from the symbol tables. A source
 * whose content key is no longer the one checked makes it undefined, and the caller reads everything.
 */
export async function corpusForDocuments(root: string, docs: ReadonlySet<string>, checked: IndexedCheck, options: IndexedCheckOptions): Promise<Corpus | undefined> {
  const sources = checked.sources;
  if (!sources) return undefined;
  const full = sources.filter((s) => docs.has(s.doc));
  const read = await Promise.all(full.map(async (s) => ({ ref: { path: s.path, role: s.role, doc: s.doc }, bytes: await readFile(join(root, s.path)) })));
  if (read.some((r, i) => cacheKey(r.ref.path, r.ref.role, r.bytes) !== full[i]!.key)) return undefined;
  const [parsed, tablesData] = await Promise.all([parseSources(read, { cacheDir: options.cacheDir, workers: 0 }), checked.index && readTables(options.cacheDir, checked.index)]);
  const texts = new SourceTexts(root, new Set(sources.map((s) => s.path)));
  for (const [path, text] of parsed.texts) texts.set(path, text);
  // Term matches come from the cache for the full files only: a shape has no text, and must not be cached as such.
  const keys = new Map(full.map((s) => [s.path, s.key]));
  const findUses = termUsesThroughCache(options.cacheDir, keys);
  const byPath = new Map<string, ParsedFile>(parsed.files.map((f) => [f.path, f]));
  if (tablesData && checked.index!.files.length === sources.length) {
    // The stored table stands for every document's provisions: the other documents' clause files are read only
    // where the model looks into one of their clauses, and only the named documents' text is bound and scanned.
    const files = await storedFiles(options.cacheDir, sources, () => false, byPath);
    const table = new StoredProvisionTable(tablesData, (i) => files[i]!, (i) => sources[i]!);
    const named = table.ofFiles(new Set(sources.flatMap((s, i) => (docs.has(s.doc) ? [i] : []))));
    return bindParsedFiles(root, files, texts, {
      asAt: options.asAt,
      provisions: { table, duplicates: tablesData.duplicates, resolve: named },
      findUses: (corpus) => findUses(corpus, { provisions: named, definitions: [...corpus.definitions.values()].flat().filter((d) => docs.has(d.home)) }),
    });
  }
  const shapes = await readShapes(options.cacheDir, sources.filter((s) => !docs.has(s.doc)));
  for (const f of shapes) byPath.set(f.path, f);
  return bindParsedFiles(root, sources.map((s) => byPath.get(s.path)!), texts, { asAt: options.asAt, findUses });
}
