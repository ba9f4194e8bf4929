/** Resolves every `[[…]]` against the document and provision tables. */
import { qualify } from '../model/ids.js';
import { didYouMean } from '../model/suggest.js';
import { intersect } from '../model/dates.js';
import { forEachMatrixRow } from './matrixUsers.js';
import type { Corpus, Interval, ProvisionSymbol, ReferenceRecord, ReferenceTargetSymbol, ResolvedReference, UserRef } from '../model/corpus.js';

/** What references resolve against: the working tree's tables, or an earlier version's view of them. */
export interface ReferenceTables {
  hasDocument(code: string): boolean;
  provision(id: string): ProvisionSymbol | undefined;
  /** For "did you mean": the document codes, and a document's local numbers. */
  documents?(): Iterable<string>;
  locals?(doc: string): Iterable<string>;
}

export function corpusTables(corpus: Corpus): ReferenceTables {
  // Built only when a reference fails to resolve, once per document.
  const locals = new Map<string, string[]>();
  return {
    hasDocument: (code) => corpus.documents.has(code),
    provision: (id) => corpus.provisions.get(id),
    documents: () => corpus.documents.keys(),
    locals: (doc) => {
      let list = locals.get(doc);
      // From the IDs alone (`DOC local`): a table bound from the index makes no symbol for this.
      if (!list) locals.set(doc, (list = [...corpus.provisions.keys()].filter((id) => id.length > doc.length && id.charCodeAt(doc.length) === 32 && id.startsWith(doc)).map((id) => id.slice(doc.length + 1))));
      return list;
    },
  };
}

export function resolveOne(tables: ReferenceTables, record: ReferenceRecord, here: string): Pick<ResolvedReference, 'targets' | 'problem'> {
  const { target } = record;
  const docCode = target.doc ?? here;
  if (!tables.hasDocument(docCode)) {
    return { targets: [], problem: { code: 'unresolved-reference', message: `[[${record.raw}]]: no document \`${docCode}\` (no documents/${docCode}.md)${didYouMean(docCode, tables.documents?.() ?? [])}` } };
  }
  if (target.start === undefined) return { targets: [{ kind: 'document', doc: docCode }] };
  const start = tables.provision(qualify(docCode, target.start));
  if (target.end === undefined) {
    if (!start) return { targets: [], problem: { code: 'unresolved-reference', message: `[[${record.raw}]]: ${docCode} has no clause, section or sub-paragraph ${target.start}${didYouMean(target.start, tables.locals?.(docCode) ?? [], (l) => `${docCode} ${l}`)}` } };
    return { targets: [{ kind: 'provision', id: start.id }] };
  }
  const end = tables.provision(qualify(docCode, target.end));
  const missing = [!start && target.start, !end && target.end].filter(Boolean);
  if (missing.length) return { targets: [], problem: { code: 'invalid-range', message: `[[${record.raw}]]: range end ${missing.join(' and ')} does not exist in ${docCode}${missing.length === 1 ? didYouMean(String(missing[0]), tables.locals?.(docCode) ?? [], (l) => `${docCode} ${l}`) : ''}` } };
  if (start!.order >= end!.order) {
    return { targets: [], problem: { code: 'invalid-range', message: `[[${record.raw}]]: ${target.start} does not come before ${target.end} in ${docCode}` } };
  }
  const targets: ReferenceTargetSymbol[] = [{ kind: 'provision', id: start!.id }, { kind: 'provision', id: end!.id }];
  return { targets };
}

/**
 * `tables`: what references resolve against, when `corpus` holds only some files (a re-check's changed ones).
 * `provisions`: the provisions whose text is walked (none, for a table bound from stored shapes, which hold no text).
 */
export function resolveReferences(corpus: Corpus, tables: ReferenceTables = corpusTables(corpus), provisions: Iterable<ProvisionSymbol> = corpus.provisions.values()): void {
  const add = (records: ReferenceRecord[], file: string, from: UserRef, fromInForce: Interval) => {
    for (const record of records) corpus.references.push({ record, file, from, fromInForce, ...resolveOne(tables, record, from.doc) });
  };
  for (const p of provisions) add(p.record.references, p.file, { kind: 'provision', id: p.id, doc: p.doc }, p.inForce);
  for (const homes of corpus.definitions.values()) {
    for (const d of homes) add(d.record.references, d.file, { kind: 'definition', term: d.term, doc: d.home }, d.inForce);
  }
  // A consultation paper is about the whole code: its references must name their document.
  for (const file of corpus.files) {
    if (!file.paper) continue;
    const from: UserRef = { kind: 'paper', doc: file.doc };
    for (const record of file.paper.references) {
      if (record.target.doc === undefined) {
        corpus.references.push({ record, file: file.path, from, fromInForce: {}, targets: [], problem: { code: 'unresolved-reference', message: `[[${record.raw}]]: a paper must name the document (e.g. [[AM ${record.raw.trim()}]])` } });
      } else add([record], file.path, from, {});
    }
  }
  // A device matrix names its document's clauses; each row reads them while the working tree's version applies.
  for (const doc of corpus.documents.values()) {
    const inForce = intersect(doc.inForce, doc.versions.at(-1)!.window);
    forEachMatrixRow(doc.code, doc.files, inForce, undefined, (row, file, from) => add(row.clauses, file.path, from, inForce));
  }
  // A consultation's changes for future consideration cite the code; they must resolve (expiry is not their concern).
  for (const [id, c] of corpus.consultations) {
    for (const entry of c.manifest.futureChanges ?? []) {
      const resolved = resolveOne(tables, entry.reference, '');
      const doc = entry.reference.target.doc!;
      if (!resolved.problem && entry.term !== undefined && !(corpus.definitions.get(entry.term) ?? []).some((h) => h.home === doc)) {
        resolved.targets = [];
        resolved.problem = { code: 'unresolved-reference', message: `future-changes: ${doc} does not define \`${entry.term}\`${didYouMean(entry.term, [...corpus.definitions.values()].flat().filter((h) => h.home === doc).map((h) => h.term))}` };
      }
      corpus.references.push({ record: entry.reference, file: c.path, from: { kind: 'paper', doc: id }, fromInForce: {}, ...resolved });
    }
  }
  // Files of unknown documents are still read for references, resolved against "this document" = none.
  for (const file of corpus.orphans) {
    for (const p of file.provisions) add(p.references, file.path, { kind: 'provision', id: qualify(file.doc, p.local), doc: file.doc }, {});
    for (const d of file.definitions) add(d.references, file.path, { kind: 'definition', term: d.term, doc: file.doc }, {});
  }
}
