/**
 * Term uses between re-checks. Matching a run of text against the term trie depends only on the run and on
 * the set of term forms, so each run's matches are remembered (keyed by the run object, which survives as long
 * as its file is unchanged) until a definition adds, removes or renames a form. The trie, the offsets and the
 * users are bind's own (findTermUses.ts); only the memory is this module's.
 */
import type { Corpus, ParsedFile, TextRun, UserRef } from '../model/corpus.js';
import { definitionUser, provisionUser, sourceOffset, termFormPairs, trieOfPairs } from '../bind/findTermUses.js';
import type { TermMatch, TermTrie } from '../bind/termTrie.js';

const NONE: TermMatch[] = [];

export class TermUseFinder {
  private trie: TermTrie | undefined;
  private signature = '';
  private matches = new WeakMap<TextRun, TermMatch[]>();
  /** Matches of the runs of files about to be re-bound, by text: an edited file's unchanged runs are new objects with old text. */
  private byText: Map<string, TermMatch[]> | undefined;
  /** Runs scanned by the last `find` (the rest came from memory). */
  scanned = 0;

  /** Remembers the matches of these files' runs by text, for the next `find` only. */
  carryOver(files: ParsedFile[]): void {
    const byText = (this.byText ??= new Map());
    for (const file of files) {
      for (const record of [...file.provisions, ...file.definitions]) {
        for (const run of record.runs) {
          const found = this.matches.get(run);
          if (found) byText.set(run.text, found);
        }
      }
    }
  }

  /** The definitions table the trie was last checked against. */
  private checked: Corpus['definitions'] | undefined;

  private prepare(corpus: Corpus): void {
    // A table already checked keeps its forms: a local edit swaps definitions in place only when their terms and
    // attributes, and so their forms, are unchanged (localEdit.ts); any other change binds a new table.
    if (this.trie && corpus.definitions === this.checked) return;
    this.checked = corpus.definitions;
    // The list of forms is cheap to make; the trie is rebuilt only when it changed.
    const { pairs, fingerprint } = termFormPairs(corpus.definitions.values());
    if (this.trie && fingerprint === this.signature) return;
    this.trie = trieOfPairs(pairs);
    this.signature = fingerprint;
    this.matches = new WeakMap();
  }

  /**
   * Takes a trie made before from the same terms and forms as `corpus` has (the check index's, which a local edit
   * leaves right): the forms are not listed again, nor the trie made.
   */
  adopt(trie: TermTrie, corpus: Corpus): TermTrie {
    this.trie = trie;
    this.checked = corpus.definitions;
    // No fingerprint: another table than this one makes the trie again.
    this.signature = '';
    this.matches = new WeakMap();
    return trie;
  }

  /** The trie of the corpus's terms, scanning nothing: for a corpus bound from stored shapes, which hold no text. */
  trieFor(corpus: Corpus): TermTrie {
    this.prepare(corpus);
    return this.trie!;
  }

  /**
   * Adds to `scope.uses` the uses in the provisions and definitions `scope` iterates, with the term forms of
   * the whole `corpus` (a re-check passes a scope holding only the changed files). `known` gives a record's matches
   * (term and offset in its file) when they are known already, and its text is not scanned.
   */
  find(corpus: Corpus, scope: Corpus = corpus, known?: (record: object) => ReadonlyArray<readonly [string, number]> | undefined): TermTrie {
    this.prepare(corpus);
    this.scanned = 0;
    const trie = this.trie!;
    const scanRuns = (runs: TextRun[], file: string, user: UserRef) => {
      for (const run of runs) {
        let found = this.matches.get(run) ?? this.byText?.get(run.text);
        if (found) this.matches.set(run, found);
        else {
          this.scanned++;
          const list: TermMatch[] = [];
          trie.scan(run.text, (term, index, length) => void list.push({ term, index, length }));
          found = list.length ? list : NONE;
          this.matches.set(run, found);
        }
        for (const m of found) scope.uses.push({ term: m.term, file, offset: sourceOffset(run, m.index), user });
      }
    };
    const record = (of: object, runs: TextRun[], file: string, user: UserRef) => {
      const listed = known?.(of);
      if (!listed) return scanRuns(runs, file, user);
      for (let i = 0; i < listed.length; i++) scope.uses.push({ term: listed[i]![0], file, offset: listed[i]![1], user });
    };
    for (const p of scope.provisions.values()) record(p.record, p.record.runs, p.file, provisionUser(p));
    for (const homes of scope.definitions.values()) {
      for (const d of homes) record(d.record, d.record.runs, d.file, definitionUser(d));
    }
    this.byText = undefined;
    return trie;
  }
}
