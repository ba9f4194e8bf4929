/**
 * Term uses across the corpus: every run of clause and definition text scanned once against one trie.
 * A file's matches depend only on its own text and on the set of term forms, so they can be stored under
 * (file content, term-set fingerprint) and reused while neither changes — the common edit touches one file.
 */
import { sha256 } from '../files/lazyCrypto.js';
import type { Corpus, DefinitionSymbol, ParsedFile, ProvisionSymbol, TermUse, TextRun, UserRef } from '../model/corpus.js';
import { termForms } from './bindDefinitions.js';
import { TermTrie } from './termTrie.js';

export interface FingerprintedTrie {
  trie: TermTrie;
  /** Changes whenever any form, or the order in which forms are added (first term wins), changes. */
  fingerprint: string;
}

export function buildTermTrie(corpus: Corpus): TermTrie {
  return buildFingerprintedTrie(corpus).trie;
}

export function buildFingerprintedTrie(corpus: Corpus): FingerprintedTrie {
  return trieOfHomes(corpus.definitions.values());
}

/** Every form of the given terms, in the order given, and a fingerprint of that list (the first home of a form names its term). */
export function termFormPairs(terms: Iterable<DefinitionSymbol[]>): { pairs: Array<[form: string, term: string]>; fingerprint: string } {
  const pairs: Array<[string, string]> = [];
  let text = '';
  for (const homes of terms) {
    for (const home of homes) {
      for (const form of termForms(home)) {
        pairs.push([form, home.term]);
        text += `${form}\0${home.term}\n`;
      }
    }
  }
  // One update of the whole list: thousands of small ones cost more than the hashing.
  return { pairs, fingerprint: sha256().update(text).digest('hex').slice(0, 32) };
}

/** A trie of every form of the given terms, in the order given (the first home of a form names its term). */
export function trieOfHomes(terms: Iterable<DefinitionSymbol[]>): FingerprintedTrie {
  const { pairs, fingerprint } = termFormPairs(terms);
  return { trie: trieOfPairs(pairs), fingerprint };
}

export function trieOfPairs(pairs: ReadonlyArray<[form: string, term: string]>): TermTrie {
  const trie = new TermTrie();
  for (const [form, term] of pairs) trie.add(form, term);
  return trie;
}

/** Matches of one file: per record (`p3` = fourth provision record, `d0` = first definition), [term, offset] pairs. */
export type FileUses = Record<string, Array<[string, number]>>;

export interface TermUseStore {
  get(file: ParsedFile): FileUses | undefined;
  set(file: ParsedFile, uses: FileUses): void;
}

/** Where in the file a match at `index` of a run's text is (escapes make some runs differ from the source). */
export function sourceOffset(run: TextRun, index: number): number {
  return run.map ? run.map[index]! : run.offset + index;
}

/** Who uses a term found in a provision's or a definition's text. */
export function provisionUser(p: ProvisionSymbol): UserRef {
  return { kind: 'provision', id: p.id, doc: p.doc, ...(p.version ? { version: p.version, inForce: p.inForce } : {}) };
}

export function definitionUser(d: DefinitionSymbol): UserRef {
  return { kind: 'definition', term: d.term, doc: d.home, ...(d.version ? { version: d.version, inForce: d.inForce } : {}) };
}

/** The matches in a record's runs, as [term, offset in the file], onto `out`. */
export function scanRuns(trie: TermTrie, runs: readonly TextRun[], out: Array<[string, number]>): void {
  for (const run of runs) trie.scan(run.text, (term, index) => void out.push([term, sourceOffset(run, index)]));
}

/** The uses in one record's runs, straight into `found`. */
function scanRecord(trie: TermTrie, runs: TextRun[], file: string, user: UserRef, found: TermUse[]): void {
  for (const run of runs) trie.scan(run.text, (term, index) => void found.push({ term, file, offset: sourceOffset(run, index), user }));
}

export function scanFile(trie: TermTrie, file: ParsedFile): FileUses {
  const uses: FileUses = {};
  file.provisions.forEach((p, i) => {
    const list: Array<[string, number]> = [];
    scanRuns(trie, p.runs, list);
    if (list.length) uses[`p${i}`] = list;
  });
  file.definitions.forEach((d, i) => {
    const list: Array<[string, number]> = [];
    scanRuns(trie, d.runs, list);
    if (list.length) uses[`d${i}`] = list;
  });
  return uses;
}

/** The provisions and definitions whose text is scanned, when not all of them are. */
export interface UseScope {
  provisions: Iterable<ProvisionSymbol>;
  definitions: Iterable<DefinitionSymbol>;
}

/** Returns the trie it scanned with, so that the papers' text is scanned with the same one. */
export function findTermUses(corpus: Corpus, trie: TermTrie = buildTermTrie(corpus), store?: TermUseStore, scope?: UseScope): TermTrie {
  const provisions = scope?.provisions ?? corpus.provisions.values();
  const definitions = scope?.definitions ?? [...corpus.definitions.values()].flat();
  // A loop, not a spread: a whole code has hundreds of thousands of uses, more than a call's arguments may be.
  for (const use of collectUses(corpus.files, provisions, definitions, trie, store)) corpus.uses.push(use);
  return trie;
}

/** The term uses in the text of the given provisions and definitions, which live in `files`. */
export function collectUses(files: ParsedFile[], provisions: Iterable<ProvisionSymbol>, definitions: Iterable<DefinitionSymbol>, trie: TermTrie, store?: TermUseStore): TermUse[] {
  // Without a store nothing is kept per file: each symbol's own runs are scanned into uses directly.
  if (!store) return collectSymbolUses(provisions, definitions, trie);
  const found: TermUse[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const perFile = new Map<string, { uses: FileUses; index: Map<object, string> }>();
  const usesOf = (path: string) => {
    let entry = perFile.get(path);
    if (!entry) {
      const file = byPath.get(path)!;
      let uses = store?.get(file);
      if (!uses) {
        uses = scanFile(trie, file);
        store?.set(file, uses);
      }
      const index = new Map<object, string>();
      file.provisions.forEach((p, i) => index.set(p, `p${i}`));
      file.definitions.forEach((d, i) => index.set(d, `d${i}`));
      perFile.set(path, (entry = { uses, index }));
    }
    return entry;
  };
  const emit = (path: string, record: object, user: UserRef) => {
    const entry = usesOf(path);
    for (const [term, offset] of entry.uses[entry.index.get(record)!] ?? []) found.push({ term, file: path, offset, user });
  };
  for (const p of provisions) emit(p.file, p.record, provisionUser(p));
  for (const d of definitions) emit(d.file, d.record, definitionUser(d));
  return found;
}

/** The term uses in the text of single provisions and definitions, scanning only their own runs (not their files). */
export function collectSymbolUses(provisions: Iterable<ProvisionSymbol>, definitions: Iterable<DefinitionSymbol>, trie: TermTrie): TermUse[] {
  const found: TermUse[] = [];
  for (const p of provisions) scanRecord(trie, p.record.runs, p.file, provisionUser(p), found);
  for (const d of definitions) scanRecord(trie, d.record.runs, d.file, definitionUser(d), found);
  return found;
}

/** The term uses in consultation papers' text, with the trie the code's text was scanned with. */
export function findPaperUses(corpus: Corpus, trie: TermTrie): TermUse[] {
  const papers = corpus.files.filter((f) => f.paper?.runs.length);
  if (!papers.length) return [];
  const found: TermUse[] = [];
  for (const file of papers) {
    scanRecord(trie, file.paper!.runs, file.path, { kind: 'paper', doc: file.doc }, found);
  }
  return found;
}
