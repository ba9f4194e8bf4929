/** The provision table: sections, clauses and sub-paragraphs by qualified ID, with document order and in-force interval. */
import { intersect, type Interval, type IsoDate } from '../model/dates.js';
import { qualify } from '../model/ids.js';
import type { Corpus, ProvisionSymbol } from '../model/corpus.js';

export function bindProvisions(corpus: Corpus): void {
  let order = 0;
  for (const doc of corpus.documents.values()) {
    for (const file of doc.files) {
      if (file.role !== 'clauses') continue;
      for (const record of file.provisions) {
        const id = qualify(doc.code, record.local);
        let inForce: Interval = doc.inForce;
        let clause: string | undefined;
        if (record.kind === 'clause') {
          const own: Interval = {};
          if (record.attributes['in-force-from']) own.from = record.attributes['in-force-from'] as IsoDate;
          if (record.attributes['in-force-until']) own.until = record.attributes['in-force-until'] as IsoDate;
          inForce = intersect(doc.inForce, own);
          clause = id;
        } else if (record.kind === 'subParagraph' && record.parent !== undefined) {
          const parent = corpus.provisions.get(qualify(doc.code, record.parent));
          if (parent) {
            inForce = parent.inForce;
            clause = parent.clause;
          }
        }
        const existing = corpus.provisions.get(id);
        if (existing) {
          corpus.duplicates.push({ what: id, file: file.path, offset: record.offset, first: { file: existing.file, offset: existing.record.offset } });
          continue;
        }
        const symbol: ProvisionSymbol = { id, doc: doc.code, record, file: file.path, order: order++, inForce };
        if (clause !== undefined) symbol.clause = clause;
        corpus.provisions.set(id, symbol);
      }
    }
  }
}
