/**
 * A redline cut down to its changes: each section that holds a change keeps its heading (the context), and inside it
 * only the clauses, definitions and other blocks that changed. Sections without a change are left out.
 */
import type { Block, DefinitionEntry, Inline } from '../model/document.js';
import type { RedlineDocument } from './diffDocuments.js';

function inlinesChanged(list: readonly Inline[]): boolean {
  return list.some((i) => i.kind === 'insertion' || i.kind === 'deletion' || ('children' in i && inlinesChanged(i.children)));
}

function entryChanged(e: DefinitionEntry): boolean {
  return Boolean(e.change) || inlinesChanged(e.lead) || e.children.some(blockChanged);
}

export function blockChanged(b: Block): boolean {
  if (b.change) return true;
  switch (b.kind) {
    case 'section':
      return inlinesChanged(b.title) || b.children.some(blockChanged);
    case 'clause':
    case 'subParagraph':
      return inlinesChanged(b.lead) || b.children.some(blockChanged);
    case 'heading':
    case 'paragraph':
      return inlinesChanged(b.content);
    case 'list':
      return b.items.some((item) => item.some(blockChanged));
    case 'table':
      return Boolean(b.rowChanges?.some(Boolean)) || [b.header, ...b.rows].some((row) => row.some((c) => inlinesChanged(c.content)));
    case 'definitions':
      return b.entries.some(entryChanged);
    case 'quote':
      return b.children.some(blockChanged);
    default:
      return false;
  }
}

function keep(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (!blockChanged(b)) continue;
    if (b.kind === 'section' && !b.change) out.push({ ...b, children: keep(b.children) });
    else if (b.kind === 'definitions' && !b.change) out.push({ ...b, entries: b.entries.filter(entryChanged) });
    else out.push(b);
  }
  return out;
}

export function changesOnly(doc: RedlineDocument): RedlineDocument {
  const body = keep(doc.body);
  const present = new Set(body.filter((b) => b.kind === 'section' || (b.kind === 'definitions' && b.title)).map((b) => (b as { anchor: string }).anchor));
  return { ...doc, body, contents: doc.contents.filter((c) => present.has(c.anchor)), redline: { ...doc.redline, changesOnly: true } };
}
