/** The provision table: sections, clauses and sub-paragraphs by qualified ID, with document order and in-force interval. */
import { intersect, ownInterval, type Interval } from '../model/dates.js';
import { qualify } from '../model/ids.js';
import type { Corpus, Duplicate, ParsedFile, ProvisionSymbol, VersionSymbol } from '../model/corpus.js';

export function bindProvisions(corpus: Corpus): void {
  let order = 0;
  for (const doc of corpus.documents.values()) {
    const current = doc.versions.at(-1)!;
    order = bindVersionProvisions(doc.code, doc.files, intersect(doc.inForce, current.window), corpus.provisions, corpus.duplicates, order);
  }
}

/**
 * Binds the clause files of one version of a document into `table` (keyed by qualified ID), each provision in
 * force within `docInForce` (the document's life within the version's window) and its own bounds.
 * Returns the next document order.
 */
export function bindVersionProvisions(code: string, files: ParsedFile[], docInForce: Interval, table: Map<string, ProvisionSymbol>, duplicates: Duplicate[], order: number, version?: VersionSymbol): number {
  for (const file of files) {
    if (file.role !== 'clauses') continue;
    for (const record of file.provisions) {
      const id = qualify(code, record.local);
      let inForce: Interval = docInForce;
      let clause: string | undefined;
      if (record.kind === 'clause') {
        inForce = intersect(docInForce, ownInterval(record.attributes));
        clause = id;
      } else if (record.kind === 'subParagraph' && record.parent !== undefined) {
        const parent = table.get(qualify(code, record.parent));
        if (parent) {
          inForce = parent.inForce;
          clause = parent.clause;
        }
      }
      const existing = table.get(id);
      if (existing) {
        duplicates.push({ what: id, file: file.path, offset: record.offset, first: { file: existing.file, offset: existing.record.offset } });
        continue;
      }
      const symbol: ProvisionSymbol = { id, doc: code, record, file: file.path, order: order++, inForce };
      if (clause !== undefined) symbol.clause = clause;
      if (version) symbol.version = version;
      table.set(id, symbol);
    }
  }
  return order;
}
