/**
 * Where two texts of a file differ: the common prefix and suffix, found a block at a time, and the span of whole
 * records an edit touched. A re-check moves locations by the first and judges the second again (localEdit.ts).
 */

/** Texts are compared a block at a time (one native comparison each) before character by character. */
const BLOCK = 4096;

/** The length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the longest common suffix of `a` and `b`, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + BLOCK <= limit && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** How much of two texts is the same at either end. */
export interface TextEdit {
  prefix: number;
  suffix: number;
}

export function textEdit(before: string, after: string): TextEdit {
  const prefix = commonPrefix(before, after);
  return { prefix, suffix: commonSuffix(before, after, Math.min(before.length, after.length) - prefix) };
}

/**
 * The stretch of an edited file whose clauses and definitions the edit touched, from the start of the record the
 * edit begins in to the start of the first record after it. Outside it the two texts are the same characters, whole
 * records of them: before `from` at the same offsets, after it moved by the change in length.
 */
export interface EditSpan {
  /** Where the stretch starts, in both texts. */
  from: number;
  /** Where it ends in the new text, and in the old. */
  toAfter: number;
  toBefore: number;
}

/**
 * What a link reference definition (`[x]: …`) or a footnote definition (`[^1]: …`) has: text anywhere in the file
 * may read differently by one, so an edit of a line that has `]:` touches the whole file. Any `]:` counts, not only
 * one at a line's start: a definition can sit in a list item or a quotation, and a label can run over lines.
 */
const FILE_WIDE = /\]:/;

/** The text of every line that [from, to) touches. */
function wholeLines(text: string, from: number, to: number): string {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const end = text.indexOf('\n', to);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The span an edit from `before` to `after` touched, given where the new text's records start (any order); undefined
 * when it may touch the whole file. `edit`, when the caller has compared the texts already. The span is generous: it
 * takes in the record before when the edit begins at a record's start, and the record after when it ends at one.
 */
export function editSpan(before: string, after: string, recordStarts: readonly number[], { prefix, suffix }: TextEdit = textEdit(before, after)): EditSpan | undefined {
  if (FILE_WIDE.test(wholeLines(before, prefix, before.length - suffix)) || FILE_WIDE.test(wholeLines(after, prefix, after.length - suffix))) return undefined;
  const end = after.length - suffix;
  let from = 0;
  let toAfter = after.length;
  for (const start of recordStarts) {
    if (start < prefix && start > from) from = start;
    if (start > end && start < toAfter) toAfter = start;
  }
  return { from, toAfter, toBefore: toAfter - (after.length - before.length) };
}
