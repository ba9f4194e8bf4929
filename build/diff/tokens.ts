/**
 * Inline content as a flat token stream for word diffing, and back. A token is a word, a run of white space,
 * a punctuation mark, or an atomic inline (a reference, a footnote mark); it remembers the formatting that
 * wraps it so the rebuilt inlines keep bold, italics and links.
 */
import type { Inline, LinkTarget } from '../model/document.js';

type Wrapper = { kind: 'strong' | 'emphasis' | 'delete' } | { kind: 'link'; target: LinkTarget };

export interface Token {
  /** What the diff compares: formatting and text. */
  key: string;
  wrappers: Wrapper[];
  leaf: Inline;
  /** True for white space, which never counts as a change on its own. */
  space: boolean;
}

// ’ is written as an escape: a bundle holding any character outside ASCII is read as two bytes a character (bundleCli.ts).
const PIECES = /\s+|[\p{L}\p{N}_'\u2019]+|[^\s\p{L}\p{N}_'\u2019]/gu;

function wrapperKey(w: Wrapper): string {
  return w.kind === 'link' ? `link(${JSON.stringify(w.target)})` : w.kind;
}

/**
 * The tokens of `inlines`. `whole` keeps each text node as one token and leaves the keys empty: nothing to diff,
 * only to rebuild (normalizeInlines).
 */
export function tokenize(inlines: readonly Inline[], whole = false): Token[] {
  const out: Token[] = [];
  const walk = (nodes: readonly Inline[], wrappers: Wrapper[]) => {
    const prefix = whole ? '' : wrappers.map(wrapperKey).join('>');
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          if (whole) {
            if (node.text) out.push({ key: '', wrappers, leaf: { kind: 'text', text: node.text }, space: false });
            break;
          }
          for (const m of node.text.matchAll(PIECES)) {
            const space = /^\s/.test(m[0]);
            // White space compares equal whatever its kind, so a reflowed line is not a change.
            out.push({ key: `${prefix}|${space ? ' ' : m[0]}`, wrappers, leaf: { kind: 'text', text: m[0] }, space });
          }
          break;
        case 'strong':
        case 'emphasis':
        case 'delete':
          walk(node.children, [...wrappers, { kind: node.kind }]);
          break;
        case 'link':
          walk(node.children, [...wrappers, { kind: 'link', target: node.target }]);
          break;
        case 'reference':
          out.push({ key: `${prefix}|ref:${node.raw}`, wrappers, leaf: node, space: false });
          break;
        case 'footnoteRef':
          // By number: the base's marks are renumbered to their aligned footnotes first, so an equal mark is the same note.
          out.push({ key: `${prefix}|fn:${node.number}`, wrappers, leaf: node, space: false });
          break;
        case 'code':
          out.push({ key: `${prefix}|code:${node.text}`, wrappers, leaf: node, space: false });
          break;
        case 'break':
          out.push({ key: `${prefix}|br`, wrappers, leaf: node, space: true });
          break;
        default:
          // Marks only exist after diffing; a leaf of any other kind is compared by its content.
          out.push({ key: `${prefix}|${JSON.stringify(node)}`, wrappers, leaf: node, space: false });
      }
    }
  };
  walk(inlines, []);
  return out;
}

/**
 * What rebuild(tokenize(inlines)) gives — adjacent text joined, adjacent equal formatting joined, empty formatting
 * dropped — without splitting the text into words: the unchanged text of a redline, which is most of it.
 */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  return rebuild(tokenize(inlines, true));
}

/** Structural equality of inline content (plain data: strings, numbers, booleans, arrays and objects). */
export function sameInlines(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameInlines(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameInlines((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function sameWrapper(a: Wrapper | undefined, b: Wrapper | undefined): boolean {
  return a !== undefined && b !== undefined && wrapperKey(a) === wrapperKey(b);
}

/** Tokens (all with the same mark status) → nested inlines, merging adjacent text. */
export function rebuild(tokens: readonly Token[], depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const w = t.wrappers[depth];
    if (!w) {
      const last = out[out.length - 1];
      if (t.leaf.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + t.leaf.text };
      else out.push(t.leaf.kind === 'text' ? { ...t.leaf } : t.leaf);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && sameWrapper(tokens[j]!.wrappers[depth], w)) j++;
    const children = rebuild(tokens.slice(i, j), depth + 1);
    out.push(w.kind === 'link' ? { kind: 'link', target: w.target, children } : { kind: w.kind, children });
    i = j;
  }
  return out;
}

