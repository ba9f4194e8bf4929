/**
 * Readies a parsed regmark tree for writing back: puts footnote definitions back where the author wrote them
 * (the parser lifts them to the root), records which sub-paragraphs are loose, and puts front matter in the
 * canonical key order.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import type { FileRole } from '../model/corpus.js';
import type { SubParagraphNode } from '../model/nodes.js';
import { DEFINITIONS_KEY_ORDER, IN_FORCE_KEY_ORDER, MANIFEST_KEY_ORDER, orderKeys } from './canonical.js';
import type { SpreadData } from './handlers.js';

type Container = { children: Nodes[] };

const start = (n: Nodes) => n.position?.start.offset;

/** Footnote definitions go back after the block that preceded them in the source, inside its section or clause. */
function placeFootnotes(root: Root): void {
  const notes = root.children.filter((c) => c.type === 'footnoteDefinition' && start(c) !== undefined);
  if (!notes.length) return;
  // Every block position where a note could go: (container, index after which it goes, start offset).
  const slots: Array<{ container: Container; after: Nodes | undefined; at: number }> = [];
  const visit = (container: Container, kids: Nodes[]) => {
    for (const kid of kids) {
      if (kid.type === 'footnoteDefinition') continue;
      const at = start(kid);
      if (kid.type === 'section') {
        const heading = kid.heading;
        if (start(heading) !== undefined) slots.push({ container: kid as unknown as Container, after: undefined, at: start(heading)! });
        visit(kid as unknown as Container, kid.children as Nodes[]);
      } else if (kid.type === 'clause' || kid.type === 'termDefinition') {
        visit(kid as unknown as Container, kid.children as Nodes[]);
      } else if (at !== undefined) slots.push({ container, after: kid, at });
    }
  };
  visit(root as unknown as Container, root.children as Nodes[]);
  for (const note of notes) {
    const at = start(note)!;
    let best: (typeof slots)[number] | undefined;
    for (const s of slots) if (s.at < at && (!best || s.at > best.at)) best = s;
    if (!best || best.container === (root as unknown as Container)) continue;
    root.children.splice(root.children.indexOf(note), 1);
    const index = best.after ? best.container.children.indexOf(best.after) + 1 : 0;
    // Later notes after the same block keep their order.
    let i = index;
    while (i < best.container.children.length && best.container.children[i]!.type === 'footnoteDefinition' && start(best.container.children[i]!)! < at) i++;
    best.container.children.splice(i, 0, note);
  }
}

const BLANK_LINE = /\n[ \t>]*\r?\n/;

/**
 * A list item is loose when a blank line separates two of its blocks; the parser's SubParagraphNode does not keep
 * that, so it is read from the source. Code spans are normalised on the same walk.
 */
function markSpreadAndCode(root: Root, source: string): void {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    // A line ending in a code span reads as a space; writing the space keeps the writer's choices (setext or ATX) stable.
    if (node.type === 'inlineCode') node.value = node.value.replace(/\r\n|\r|\n/g, ' ');
    if (node.type === 'subParagraph') {
      const sub = node as SubParagraphNode & SpreadData;
      const kids = sub.children as Nodes[];
      let spread = false;
      for (let i = 0; i + 1 < kids.length && !spread; i++) {
        const a = kids[i]!.position?.end.offset;
        const b = kids[i + 1]!.position?.start.offset;
        if (a !== undefined && b !== undefined && BLANK_LINE.test(source.slice(a, b))) spread = true;
      }
      sub.spread = spread;
    }
    if ('children' in node && Array.isArray(node.children)) for (const c of node.children as Nodes[]) stack.push(c);
    if (node.type === 'section') stack.push(node.heading);
  }
}

/** Front matter with keys in canonical order (comments and value styles kept); undefined when it cannot be read. */
export function canonicalFrontMatter(value: string, role: FileRole): string | undefined {
  const doc = parseDocument(value, { uniqueKeys: true });
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const keyOf = (p: Pair<unknown, unknown>) => (isScalar(p.key) ? String(p.key.value) : undefined);
  const map = doc.contents;
  map.items = orderKeys(map.items, keyOf, role === 'manifest' ? MANIFEST_KEY_ORDER : DEFINITIONS_KEY_ORDER);
  for (const pair of map.items) {
    if (keyOf(pair) === 'in-force' && isMap(pair.value)) pair.value.items = orderKeys(pair.value.items, keyOf, IN_FORCE_KEY_ORDER);
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 }).replace(/\n+$/, '');
}

/** A copy of `tree` ready for stringifyTree. */
export function prepareTree(tree: Root, source: string, role: FileRole): Root {
  const copy = structuredClone(tree);
  placeFootnotes(copy);
  markSpreadAndCode(copy, source);
  const first = copy.children[0] as RootContent | undefined;
  if (first?.type === 'yaml' && role !== 'clauses') {
    const canonical = canonicalFrontMatter(first.value, role);
    if (canonical !== undefined) first.value = canonical;
  }
  return copy;
}
