/**
 * A changed file's term matches without scanning all of it. The matches stored for its text before the edit (the
 * term-use cache, by record) stand for every record none of whose text the edit touched, moved with the text after
 * the edit; a record with text in the edited span (editSpan.ts) is scanned again, whole. Scanning a record finds the
 * same matches wherever its text sits, so the answer is what scanning the whole file would give.
 */
import type { ParsedFile, TextRun } from '../model/corpus.js';
import { scanFile, scanRuns, sourceOffset, type FileUses } from '../bind/findTermUses.js';
import type { TermTrie } from '../bind/termTrie.js';
import type { EditSpan } from './editSpan.js';

type Match = [term: string, offset: number];

/** Whether any of a record's runs has text in [from, to) of the file. */
function touches(runs: readonly TextRun[], from: number, to: number): boolean {
  for (const run of runs) {
    if (!run.text.length) continue;
    if (sourceOffset(run, 0) < to && sourceOffset(run, run.text.length - 1) >= from) return true;
  }
  return false;
}

/**
 * Whether stored matches have the cache's form for a file of these records: a list of [term, offset] pairs per record
 * key. The cache folder sits in the content root, so a damaged or hand-made file is read as no matches at all.
 */
function wellFormed(before: FileUses, after: ParsedFile): boolean {
  if (typeof before !== 'object' || before === null || Array.isArray(before)) return false;
  for (const [key, list] of Object.entries(before)) {
    const kind = key[0];
    const index = Number(key.slice(1));
    const records = kind === 'p' ? after.provisions : kind === 'd' ? after.definitions : undefined;
    if (!records || !Number.isInteger(index) || index < 0 || index >= records.length || !Array.isArray(list)) return false;
    for (const match of list as unknown[]) {
      if (!Array.isArray(match) || match.length !== 2 || typeof match[0] !== 'string' || !Number.isInteger(match[1]) || (match[1] as number) < 0) return false;
    }
  }
  return true;
}

/**
 * The matches of `after`, by record as the term-use cache keeps them, from `before` (the stored matches of the text
 * before the edit, whose records are the same ones in the same order, and which this takes over) and `span`; without
 * either, a scan of it all.
 */
export function matchesAfterEdit(trie: TermTrie, after: ParsedFile, before: FileUses | undefined, span: EditSpan | undefined): FileUses {
  if (!before || !span || !wellFormed(before, after)) return scanFile(trie, after);
  const moved = span.toAfter - span.toBefore;
  const out: FileUses = {};
  const each = (key: string, runs: readonly TextRun[]) => {
    let list: Match[];
    if (touches(runs, span.from, span.toAfter)) scanRuns(trie, runs, (list = []));
    else {
      // The record's text is all outside the span: its matches before it stand, those after it move with the text.
      // A match inside the span was text the edit took away from this record. The stored lists are this call's own
      // (parsed for it), so they are moved in place: a whole file's matches are not copied.
      list = before[key] ?? [];
      const outside = (m: Match) => m[1] < span.from || m[1] >= span.toBefore;
      if (!list.every(outside)) list = list.filter(outside);
      for (let k = 0; k < list.length; k++) if (list[k]![1] >= span.toBefore) list[k]![1] += moved;
    }
    if (list.length) out[key] = list;
  };
  after.provisions.forEach((p, i) => each(`p${i}`, p.runs));
  after.definitions.forEach((d, i) => each(`d${i}`, d.runs));
  return out;
}
