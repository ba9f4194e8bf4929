/**
 * Word-level diff of two inline sequences (jsdiff's diffArrays over tokens), tidied the way a reader wants:
 * an unchanged island of white space or a single short word between two edits joins the edit, so a
 * rewritten phrase reads as one deletion and one insertion rather than alternating fragments.
 */
import { diffArrays } from 'diff';
import type { Inline } from '../model/document.js';
import { MARK_NODE, type MarkKind } from './marks.js';
import { normalizeInlines, rebuild, sameInlines, tokenize, type Token } from './tokens.js';

type Status = 'same' | 'insert' | 'delete';

interface Piece {
  status: Status;
  tokens: Token[];
}

export interface InlineDiff {
  inlines: Inline[];
  changed: boolean;
}

function pieces(base: Token[], next: Token[]): Piece[] {
  const parts = diffArrays(
    base.map((t) => t.key),
    next.map((t) => t.key),
  );
  const out: Piece[] = [];
  let bi = 0;
  let ni = 0;
  for (const part of parts) {
    const n = part.value.length;
    if (part.added) {
      out.push({ status: 'insert', tokens: next.slice(ni, ni + n) });
      ni += n;
    } else if (part.removed) {
      out.push({ status: 'delete', tokens: base.slice(bi, bi + n) });
      bi += n;
    } else {
      // Equal keys: take the new side's tokens (white space as the author now has it).
      out.push({ status: 'same', tokens: next.slice(ni, ni + n) });
      bi += n;
      ni += n;
    }
  }
  return out;
}

/** Is an unchanged piece too slight to stand between two edits? */
function slight(p: Piece): boolean {
  const words = p.tokens.filter((t) => !t.space);
  return words.length === 0 || (words.length === 1 && (words[0]!.leaf.kind !== 'text' || words[0]!.leaf.text.length <= 3));
}

function tidy(list: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    const before = out[out.length - 1];
    const after = list[i + 1];
    if (p.status === 'same' && before && before.status !== 'same' && after && after.status !== 'same' && slight(p)) {
      // Fold the island into both sides: deleted from the old text, inserted into the new.
      out.push({ status: 'delete', tokens: p.tokens }, { status: 'insert', tokens: p.tokens });
      continue;
    }
    out.push(p);
  }
  // Group consecutive edits as all deletions then all insertions.
  const grouped: Piece[] = [];
  for (let i = 0; i < out.length; ) {
    if (out[i]!.status === 'same') {
      grouped.push(out[i++]!);
      continue;
    }
    const del: Token[] = [];
    const ins: Token[] = [];
    while (i < out.length && out[i]!.status !== 'same') {
      (out[i]!.status === 'delete' ? del : ins).push(...out[i]!.tokens);
      i++;
    }
    if (del.length) grouped.push({ status: 'delete', tokens: del });
    if (ins.length) grouped.push({ status: 'insert', tokens: ins });
  }
  return grouped;
}

export function diffInlines(base: readonly Inline[], next: readonly Inline[]): InlineDiff {
  // Most text of a redline is unchanged: equal content diffs to one unchanged piece, the new side's tokens rebuilt,
  // without tokenizing the old side or running the diff.
  if (sameInlines(base, next)) return { inlines: normalizeInlines(next), changed: false };
  const list = tidy(pieces(tokenize(base), tokenize(next)));
  const inlines: Inline[] = [];
  let changed = false;
  for (const p of list) {
    const built = rebuild(p.tokens);
    if (p.status === 'same') inlines.push(...built);
    else if (p.tokens.some((t) => !t.space)) {
      changed = true;
      inlines.push({ kind: MARK_NODE[p.status], children: built });
    } else if (p.status === 'insert') inlines.push(...built); // white space alone is not a change
  }
  return { inlines, changed };
}

/** All inserted (or all deleted): the whole content under one mark. */
export function markAll(inlines: readonly Inline[], kind: MarkKind): Inline[] {
  return inlines.length ? [{ kind: MARK_NODE[kind], children: [...inlines] }] : [];
}
