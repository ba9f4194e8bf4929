/** Term uses across the corpus: every run of clause and definition text scanned once against one trie. */
import type { Corpus, TextRun, UserRef } from '../model/corpus.js';
import { termForms } from './bindDefinitions.js';
import { TermTrie } from './termTrie.js';

export function buildTermTrie(corpus: Corpus): TermTrie {
  const trie = new TermTrie();
  for (const homes of corpus.definitions.values()) for (const home of homes) for (const form of termForms(home)) trie.add(form, home.term);
  return trie;
}

export function findTermUses(corpus: Corpus, trie: TermTrie = buildTermTrie(corpus)): void {
  const scanRuns = (runs: TextRun[], file: string, user: UserRef) => {
    for (const run of runs) {
      trie.scan(run.text, (m) => {
        corpus.uses.push({ term: m.term, file, offset: run.map ? run.map[m.index]! : run.offset + m.index, user });
      });
    }
  };
  for (const p of corpus.provisions.values()) scanRuns(p.record.runs, p.file, { kind: 'provision', id: p.id, doc: p.doc });
  for (const homes of corpus.definitions.values()) {
    for (const d of homes) scanRuns(d.record.runs, d.file, { kind: 'definition', term: d.term, doc: d.home });
  }
}
