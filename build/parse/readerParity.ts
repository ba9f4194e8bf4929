/** What a parse contributes to checking, in a form two readers can be compared by: used to hold the fast reader to remark's. */
import type { ParsedFile, TextRun } from '../model/corpus.js';

/** Every non-space character of the runs, with its source offset: equal iff term detection sees the same text in the same places. */
function located(runs: TextRun[]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    for (let k = 0; k < run.text.length; k++) {
      const ch = run.text[k]!;
      if (ch.trim() === '') continue;
      out.push(`${run.map ? run.map[k] : run.offset + k}:${ch}`);
    }
  }
  return out;
}

export function checkFacts(file: ParsedFile): unknown {
  return {
    provisions: file.provisions.map((p) => ({ kind: p.kind, local: p.local, parent: p.parent, title: p.title, offset: p.offset, attributes: p.attributes, references: p.references, text: located(p.runs) })),
    definitions: file.definitions.map((d) => ({ term: d.term, offset: d.offset, attributes: d.attributes, text: d.text, references: d.references, located: located(d.runs) })),
    declaredDocument: file.declaredDocument,
    diagnostics: file.diagnostics,
    untagged: file.untagged,
  };
}
