/**
 * Generated tables cite provisions as the body's `[[…]]` do: "S1SR Clause 13.2", "SMETS1 TMAD Clauses 7.9A to 7.9D",
 * "Definition of GroupID (SMETS1 TMAD)". Clause and section citations go through the one reference-text renderer.
 */
import type { Corpus, ReferenceTargetSymbol } from '../model/corpus.js';
import { qualify, splitQualified, type QualifiedId } from '../model/ids.js';
import { citedName, referenceText, wholeDocumentText } from '../document/referenceText.js';
import type { Theme } from '../theme/theme.js';

/** A clause, section or range of a document, as a `[[DOC start-end]]` would print. */
export function provisionCitation(corpus: Corpus, theme: Theme, doc: string, start: string, end?: string): string {
  const resolved: ReferenceTargetSymbol[] = [start, ...(end !== undefined ? [end] : [])].flatMap((local) => (corpus.provisions.has(qualify(doc, local)) ? [{ kind: 'provision' as const, id: qualify(doc, local) }] : []));
  return referenceText(corpus, '', { doc, start, ...(end !== undefined ? { end } : {}) }, resolved, theme.references);
}

/** Several clauses of one document: "S1SR Clause 13.2", "Appendix AC Clauses 3.4, 3.5 and 3.7". */
export function clausesCitation(corpus: Corpus, theme: Theme, doc: string, locals: readonly string[]): string {
  if (locals.length <= 1) return provisionCitation(corpus, theme, doc, locals[0] ?? '');
  const list = `${locals.slice(0, -1).join(', ')} and ${locals.at(-1)}`;
  return `${citedName(corpus, doc)} ${theme.references.clauses} ${list}`;
}

/** "Definition of GroupID (SMETS1 TMAD)". */
export function definitionCitation(corpus: Corpus, term: string, doc: string): string {
  return `Definition of ${term} (${citedName(corpus, doc)})`;
}

/** What a document calls its list of defined terms: its definitions file's `title:`, else the theme's word. */
export function definitionsListTitle(corpus: Corpus, theme: Theme, doc: string): string {
  const file = corpus.documents.get(doc)?.files.find((f) => f.role === 'definitions' && f.definitionsTitle);
  return file?.definitionsTitle ?? theme.labels.definitions;
}

/** "SMETS1 TMAD Defined Terms and Interpretations". */
export function definitionsListCitation(corpus: Corpus, theme: Theme, doc: string): string {
  return `${citedName(corpus, doc)} ${definitionsListTitle(corpus, theme, doc)}`;
}

/** An ID as the tables hold it, `AM 18.17p` or `definition: GroupID` (of `doc`), in house style. */
export function idCitation(corpus: Corpus, theme: Theme, id: string, doc: string): string {
  const term = /^definition: (.*)$/.exec(id)?.[1];
  if (term !== undefined) return definitionCitation(corpus, term, doc);
  // Only a provision of the tables: other readers (a matrix row, a consultation) are named as they are.
  if (!corpus.provisions.has(id)) return id;
  const { doc: code, local } = splitQualified(id as QualifiedId);
  return provisionCitation(corpus, theme, code, local);
}

/** A whole document as `[[DOC]]` prints it, capitalised to open a table cell: "The SMETS1 TMAD", "Section A". */
export function documentCitation(corpus: Corpus, theme: Theme, doc: string): string {
  const text = wholeDocumentText(citedName(corpus, doc), theme.references);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
