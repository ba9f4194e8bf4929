/**
 * Where references point once text moves between documents. A reference keeps naming the same target from
 * its new home — an unqualified `[[7.2]]` copied out of AL becomes `[[AL 7.2]]` — except a reference to a
 * clause that is itself copied, which follows the copy (`[[7.9A]]` → `[[2B.1.1]]`).
 */
import type { ReferenceTarget } from '../model/ids.js';
import { formatTarget } from '../format/canonical.js';
import type { TextEdit } from './textEdits.js';

export interface Renumbering {
  /** The document the clauses are copied from. */
  sourceDoc: string;
  /** The document the copies go to. */
  destDoc: string;
  /** Clause number in the source → number of its copy. */
  numbers: Map<string, string>;
}

/** `7.9A(b)(ii)` → `2B.1.1(b)(ii)` when 7.9A is renumbered; undefined when it is not. */
export function mapLocal(local: string, numbers: Map<string, string>): string | undefined {
  const paren = local.indexOf('(');
  const clause = paren < 0 ? local : local.slice(0, paren);
  const mapped = numbers.get(clause);
  return mapped === undefined ? undefined : mapped + (paren < 0 ? '' : local.slice(paren));
}

function sameTarget(a: ReferenceTarget, b: ReferenceTarget): boolean {
  return a.doc === b.doc && a.start === b.start && a.end === b.end;
}

export interface Rewritten {
  target: ReferenceTarget;
  changed: boolean;
  /** Why the result is not what an author might expect (a range only partly copied). */
  note?: string;
}

/** A reference in text that moves from `writtenIn` (the source document) to the destination document. */
export function rewriteCopied(target: ReferenceTarget, r: Renumbering): Rewritten {
  if (target.start === undefined) return { target, changed: false };
  const doc = target.doc ?? r.sourceDoc;
  if (doc !== r.sourceDoc) return { target, changed: false };
  const start = mapLocal(target.start, r.numbers);
  const end = target.end === undefined ? undefined : mapLocal(target.end, r.numbers);
  const withText = (t: ReferenceTarget): ReferenceTarget => (target.text !== undefined ? { ...t, text: target.text } : t);
  let next: ReferenceTarget;
  let note: string | undefined;
  if (start !== undefined && (target.end === undefined || end !== undefined)) {
    // Into the copied range: follow the copy, keeping the author's choice of qualifying or not.
    next = withText({ ...(target.doc !== undefined ? { doc: r.destDoc } : {}), start, ...(end !== undefined ? { end } : {}) });
  } else {
    if (start !== undefined || end !== undefined) note = `the range ${formatTarget(target)} is only partly copied, so it still names ${r.sourceDoc}`;
    next = r.sourceDoc === r.destDoc ? target : withText({ doc: r.sourceDoc, start: target.start, ...(target.end !== undefined ? { end: target.end } : {}) });
  }
  return { target: next, changed: !sameTarget(target, next), ...(note ? { note } : {}) };
}

/**
 * A reference elsewhere in the corpus to a clause that moves (`--move`): it follows the clause. `writtenIn` is
 * the document of the text that holds the reference. A range with only one end moving cannot follow: `problem`.
 */
export function rewriteToMoved(target: ReferenceTarget, writtenIn: string, r: Renumbering): Rewritten & { problem?: string } {
  if (target.start === undefined) return { target, changed: false };
  const doc = target.doc ?? writtenIn;
  if (doc !== r.sourceDoc) return { target, changed: false };
  const start = mapLocal(target.start, r.numbers);
  const end = target.end === undefined ? undefined : mapLocal(target.end, r.numbers);
  if (start === undefined && end === undefined) return { target, changed: false };
  if (target.end !== undefined && (start === undefined || end === undefined)) {
    return { target, changed: false, problem: `[[${formatTarget(target)}]] has one end among the moved clauses and one outside` };
  }
  const qualified = writtenIn !== r.destDoc || target.doc !== undefined;
  const next: ReferenceTarget = { ...(qualified ? { doc: r.destDoc } : {}), start: start!, ...(end !== undefined ? { end } : {}), ...(target.text !== undefined ? { text: target.text } : {}) };
  return { target: next, changed: !sameTarget(target, next) };
}

/**
 * The edit that respells the target part of the `[[…]]` starting at `offset` in `text`, keeping custom text
 * (and a table's `\|`) exactly as written.
 */
export function targetEdit(text: string, offset: number, target: ReferenceTarget): TextEdit {
  const close = text.indexOf(']]', offset + 2);
  const inner = text.slice(offset + 2, close < 0 ? undefined : close);
  const pipe = inner.search(/\\?\|/);
  const end = offset + 2 + (pipe < 0 ? inner.length : pipe);
  return { start: offset + 2, end, text: formatTarget(target) };
}
