/** Typed identifiers. The clause number is the identity of a clause, so IDs are plain strings of a fixed shape. */

export const DOC_CODE = /^[A-Z][A-Z0-9]*$/;
export const CLAUSE_NUMBER_SOURCE = '[0-9]+[A-Za-z]*(?:\\.[0-9]+[A-Za-z]*)*';
export const CLAUSE_NUMBER = new RegExp(`^${CLAUSE_NUMBER_SOURCE}$`);
export const LABEL_SOURCE = '\\(([0-9]+|[a-z]{1,6}|[A-Z]{1,3})\\)';

/** `AL 7.9A`, `AL 4.12(b)(ii)`, `AL 7`: document code plus local number. */
export type QualifiedId = string & { readonly __qualifiedId: unique symbol };

export function qualify(doc: string, local: string): QualifiedId {
  return `${doc} ${local}` as QualifiedId;
}

export function splitQualified(id: QualifiedId): { doc: string; local: string } {
  const space = id.indexOf(' ');
  return { doc: id.slice(0, space), local: id.slice(space + 1) };
}

/** What a `[[…]]` names, before resolution. */
export interface ReferenceTarget {
  /** Document code as written, or undefined for "this document". */
  doc?: string;
  /** Clause, section or sub-paragraph number; undefined for a whole-document reference. */
  start?: string;
  /** Second end of an inclusive range. */
  end?: string;
  /** Custom link text after `|`. */
  text?: string;
}

const REFERENCE_BODY = new RegExp(
  `^\\s*(?:([A-Z][A-Z0-9]*)(?=\\s|$|\\|))?\\s*` +
    `(${CLAUSE_NUMBER_SOURCE}(?:${LABEL_SOURCE})*)?` +
    `(?:\\s*[-\\u2013]\\s*(${CLAUSE_NUMBER_SOURCE}(?:${LABEL_SOURCE})*))?\\s*` +
    `(?:\\|(.*))?$`,
  's',
);

/** Parses the inside of `[[…]]`; undefined when it is not a reference of any known shape. */
export function parseReferenceBody(body: string): ReferenceTarget | undefined {
  const m = REFERENCE_BODY.exec(body);
  if (!m) return undefined;
  const [, doc, start, , end, , text] = m;
  if (!doc && !start) return undefined;
  if (end && !start) return undefined;
  const target: ReferenceTarget = {};
  if (doc) target.doc = doc;
  if (start) target.start = start;
  if (end) target.end = end;
  if (text !== undefined) target.text = text.trim();
  return target;
}
