/**
 * Term uses between re-checks. Matching a run of text against the term trie depends only on the run and on
 * the set of term forms, so each run's matches are remembered (keyed by the run object, which survives as long
 * as its file is unchanged) until a definition adds, removes or renames a form. The uses produced are exactly
 * findTermUses's: same order, same users.
 */
import type { Corpus, ParsedFile, TextRun, UserRef } from '../model/corpus.js';
import { termForms } from '../bind/bindDefinitions.js';
import { TermTrie, type TermMatch } from '../bind/termTrie.js';

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

  private prepare(corpus: Corpus): void {
    const pairs: string[] = [];
    for (const homes of corpus.definitions.values()) for (const home of homes) for (const form of termForms(home)) pairs.push(`${form}\u0000${home.term}`);
    // findTermUses adds forms in this order and the first term for a form wins: the order is part of the key.
    const signature = pairs.join('\u0001');
    if (this.trie && signature === this.signature) return;
    const trie = new TermTrie();
    for (const p of pairs) {
      const [form, term] = p.split('\u0000') as [string, string];
      trie.add(form, term);
    }
    this.trie = trie;
    this.signature = signature;
    this.matches = new WeakMap();
  }

  /**
   * Adds to `scope.uses` the uses in the provisions and definitions `scope` iterates, with the term forms of
   * the whole `corpus` (a re-check passes a scope holding only the changed files).
   */
  find(corpus: Corpus, scope: Corpus = corpus): void {
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
          trie.scan(run.text, (m) => void list.push(m));
          found = list.length ? list : NONE;
          this.matches.set(run, found);
        }
        for (const m of found) scope.uses.push({ term: m.term, file, offset: run.map ? run.map[m.index]! : run.offset + m.index, user });
      }
    };
    for (const p of scope.provisions.values()) scanRuns(p.record.runs, p.file, { kind: 'provision', id: p.id, doc: p.doc });
    for (const homes of scope.definitions.values()) {
      for (const d of homes) scanRuns(d.record.runs, d.file, { kind: 'definition', term: d.term, doc: d.home });
    }
    this.byText = undefined;
  }
}
