/**
 * Aligns two block lists by identity (sections, clauses and sub-paragraphs by ID; definitions by term) and
 * otherwise by kind in order, then diffs matched pairs recursively: words inside aligned blocks only, never
 * across the document. Whole blocks that appear or vanish are tagged, as are clauses that moved.
 */
import { alignSequences, type Pair } from './alignSequences.js';
import type { Block, DefinitionEntry, Inline, TableBlock, TableCell } from '../model/document.js';
import { diffInlines, markAll } from './diffInlines.js';
import type { BlockChange, MarkedBlock } from './marks.js';
import { inlineText } from '../model/inlineText.js';

export type { ClauseChange } from '../model/document.js';
import type { ClauseChange } from '../model/document.js';

export interface DiffContext {
  /** Clause IDs that moved, with the section they left and the one they joined. */
  moved: Map<string, { moveId: number; fromSection?: string; toSection?: string }>;
  /** Base clauses by ID, for moved and renumbered clauses diffed against their old text. */
  baseClauses: Map<string, Block>;
  /** Per clause: what happened to it, in new-document order. */
  changes: Map<string, ClauseChange>;
  /** Clause being diffed, to attribute inline changes. */
  currentClause?: string;
  /** Section being diffed: names a table that sits outside any clause. */
  currentSection?: string;
  /** Set while a table is diffed: its changes are listed as the table's, not its clause's. */
  currentTable?: string;
  /** Describes a provenance (`AL 3.14E`) in house style for notes. */
  describe(from: string): string;
}


function blockId(b: Block): string | undefined {
  return b.kind === 'section' || b.kind === 'clause' || b.kind === 'subParagraph' ? b.id : undefined;
}

function keyOf(b: Block, side: 'base' | 'next', ctx: DiffContext): string {
  if (b.kind === 'clause' && ctx.moved.has(b.id)) return `moved:${b.id}:${side}`;
  const id = blockId(b);
  if (id) return `${b.kind}:${id}`;
  if (b.kind === 'definitions') return 'definitions';
  if (b.kind === 'heading') return `heading:${inlineText(b.content)}`;
  return b.kind;
}

/** `AM 4` → "Section 4"; a clause outside any section moved within the document's text. */
function sectionName(id: string | undefined): string {
  return id ? `Section ${id.replace(/^\S+\s+/, '')}` : 'elsewhere in the document';
}

function tag(block: Block, change: BlockChange): MarkedBlock {
  return { ...block, change };
}

/** The clauses inside a section that appears or vanishes as a whole: each is counted, and a retained one keeps its note. */
function markInside(b: Block, kind: 'inserted' | 'deleted', ctx: DiffContext): Block {
  if (b.kind !== 'section') return b;
  const children = b.children.map((c): Block => {
    if (c.kind === 'table') ctx.changes.set(`table in ${b.id}`, kind);
    if (c.kind !== 'clause') return c;
    if (ctx.moved.has(c.id)) return kind === 'inserted' ? markInserted(c, ctx) : markDeleted(c, ctx);
    if (kind === 'inserted' && c.from) {
      ctx.changes.set(c.id, 'retained');
      return tag(c, { kind: 'inserted', note: `retained from ${ctx.describe(c.from)}` });
    }
    ctx.changes.set(c.id, kind);
    return c;
  });
  return { ...b, children };
}

/** A block other than a clause or section that appears or vanishes inside a clause: the table or the clause changed. */
function markPart(b: Block, kind: 'inserted' | 'deleted', ctx: DiffContext): void {
  if (b.kind === 'section' || b.kind === 'clause') return;
  if (b.kind === 'table') {
    const name = tableName(ctx);
    if (!ctx.changes.has(name)) ctx.changes.set(name, kind);
  } else touch(ctx);
}

function markDeleted(b: Block, ctx: DiffContext): MarkedBlock {
  b = markInside(b, 'deleted', ctx);
  markPart(b, 'deleted', ctx);
  if (b.kind === 'clause') {
    const move = ctx.moved.get(b.id);
    if (move) return tag(b, { kind: 'movedFrom', moveId: move.moveId, note: `moved to ${sectionName(move.toSection)}` });
    ctx.changes.set(b.id, 'deleted');
  }
  return tag(b, { kind: 'deleted' });
}

function markInserted(b: Block, ctx: DiffContext): MarkedBlock {
  b = markInside(b, 'inserted', ctx);
  markPart(b, 'inserted', ctx);
  if (b.kind === 'clause') {
    const move = ctx.moved.get(b.id);
    const base = ctx.baseClauses.get(b.id);
    if (move && base) {
      ctx.changes.set(b.id, 'moved');
      const diffed = diffBlock(base, b, ctx);
      return tag(diffed, { kind: 'movedTo', moveId: move.moveId, note: `moved from ${sectionName(move.fromSection)}` });
    }
    const from = b.from;
    if (from) {
      ctx.changes.set(b.id, 'retained');
      return tag(b, { kind: 'inserted', note: `retained from ${ctx.describe(from)}` });
    }
    ctx.changes.set(b.id, 'inserted');
  }
  return tag(b, { kind: 'inserted' });
}

/** Aligns two lists; `pairUnkeyed` pairs leftover blocks of one kind positionally so they are word-diffed. */
export function diffBlockLists(base: readonly Block[], next: readonly Block[], ctx: DiffContext): MarkedBlock[] {
  const keys = new Map<Block, string>();
  for (const block of base) keys.set(block, keyOf(block, 'base', ctx));
  for (const block of next) if (!keys.has(block)) keys.set(block, keyOf(block, 'next', ctx));
  return alignSequences(base, next, (block) => keys.get(block)!).map(([b, n]) => (b && n ? diffBlock(b, n, ctx) : b ? markDeleted(b, ctx) : markInserted(n!, ctx)));
}

function inlines(base: readonly Inline[], next: readonly Inline[], ctx: DiffContext): Inline[] {
  const d = diffInlines(base, next);
  if (d.changed) touch(ctx);
  return d.inlines;
}

/** Two blocks already matched (same key): diff their insides. Blocks of different kinds are delete + insert. */
export function diffBlock(base: Block, next: Block, ctx: DiffContext): MarkedBlock {
  if (base.kind !== next.kind) return next; // unreachable with kind-based keys; kept total
  switch (next.kind) {
    case 'section': {
      const b = base as typeof next;
      const outer = ctx.currentSection;
      ctx.currentSection = next.id;
      const result = { ...next, title: inlines(b.title, next.title, ctx), children: diffBlockLists(b.children, next.children, ctx) };
      ctx.currentSection = outer;
      return result;
    }
    case 'clause': {
      const b = base as typeof next;
      const outer = ctx.currentClause;
      ctx.currentClause = next.id;
      const result = { ...next, lead: inlines(b.lead, next.lead, ctx), children: diffBlockLists(b.children, next.children, ctx) };
      ctx.currentClause = outer;
      return result;
    }
    case 'subParagraph': {
      const b = base as typeof next;
      return { ...next, lead: inlines(b.lead, next.lead, ctx), children: diffBlockLists(b.children, next.children, ctx) };
    }
    case 'heading':
      return { ...next, content: inlines((base as typeof next).content, next.content, ctx) };
    case 'paragraph':
      return { ...next, content: inlines((base as typeof next).content, next.content, ctx) };
    case 'quote':
      return { ...next, children: diffBlockLists((base as typeof next).children, next.children, ctx) };
    case 'list':
      return { ...next, items: diffItems((base as typeof next).items, next.items, ctx) };
    case 'table':
      return diffTable(base as TableBlock, next, ctx);
    case 'definitions':
      return { ...next, entries: diffEntries((base as typeof next).entries, next.entries, ctx) };
    case 'code':
      if ((base as typeof next).text === next.text) return next;
      touch(ctx);
      return { kind: 'quote', children: [tag(base, { kind: 'deleted' }), tag(next, { kind: 'inserted' })] };
    case 'rule':
      return next;
  }
}

/** Records a change inside the current table, else inside the current clause. */
function touch(ctx: DiffContext): void {
  const id = ctx.currentTable ?? ctx.currentClause;
  if (id && !ctx.changes.has(id)) ctx.changes.set(id, 'changed');
}

/** The change-list name of a table: by the clause (or else the section) it sits in. */
function tableName(ctx: DiffContext): string {
  return `table in ${ctx.currentClause ?? ctx.currentSection ?? 'the document'}`;
}

/** Runs of removed and added items pair positionally; the rest align by text. */
function alignByText<T>(base: readonly T[], next: readonly T[], text: (t: T) => string): Array<Pair<T>> {
  return alignSequences(base, next, text, { pairRuns: true });
}

function blocksText(blocks: readonly Block[]): string {
  return blocks.map((b) => ('content' in b ? inlineText(b.content) : 'lead' in b ? inlineText(b.lead) : b.kind)).join('\n');
}

function diffItems(base: readonly Block[][], next: readonly Block[][], ctx: DiffContext): Block[][] {
  return alignByText(base, next, blocksText).map(([b, n]) => {
    if (b && n) return diffBlockLists(b, n, ctx);
    touch(ctx);
    return b ? b.map((x) => tag(x, { kind: 'deleted' })) : n!.map((x) => tag(x, { kind: 'inserted' }));
  });
}

function cellsText(row: readonly TableCell[]): string {
  return row.map((c) => inlineText(c.content)).join('\u0000');
}

function diffCells(base: readonly TableCell[], next: readonly TableCell[], ctx: DiffContext): TableCell[] {
  const width = Math.max(base.length, next.length);
  const out: TableCell[] = [];
  for (let i = 0; i < width; i++) {
    const b = base[i]?.content ?? [];
    const n = next[i]?.content ?? [];
    out.push({ content: inlines(b, n, ctx) });
  }
  return out;
}

export type MarkedTable = TableBlock;

/** Rows keyed by their first cell when it is unique on both sides (a code table); otherwise aligned by their text. */
function alignRows(base: readonly TableCell[][], next: readonly TableCell[][]): Array<[TableCell[] | undefined, TableCell[] | undefined]> {
  const key = (row: readonly TableCell[]) => inlineText(row[0]?.content ?? []).trim();
  const unique = (rows: readonly TableCell[][]) => rows.length > 1 && new Set(rows.map(key)).size === rows.length && rows.every((r) => key(r));
  if (!unique(base) || !unique(next)) return alignByText(base, next, cellsText);
  return alignSequences(base, next, key);
}

function diffTable(base: TableBlock, next: TableBlock, ctx: DiffContext): MarkedTable {
  const outer = ctx.currentTable;
  ctx.currentTable = tableName(ctx);
  try {
    return diffTableRows(base, next, ctx);
  } finally {
    ctx.currentTable = outer;
  }
}

function diffTableRows(base: TableBlock, next: TableBlock, ctx: DiffContext): MarkedTable {
  const rows: TableCell[][] = [];
  const rowChanges: Array<BlockChange | undefined> = [];
  for (const [b, n] of alignRows(base.rows, next.rows)) {
    if (b && n) {
      rows.push(diffCells(b, n, ctx));
      rowChanges.push(undefined);
    } else {
      touch(ctx);
      const row = (b ?? n)!;
      rows.push(row.map((c) => ({ content: markAll(c.content, b ? 'delete' : 'insert') })));
      rowChanges.push({ kind: b ? 'deleted' : 'inserted' });
    }
  }
  const table: MarkedTable = { ...next, header: diffCells(base.header, next.header, ctx), rows };
  if (rowChanges.some(Boolean)) table.rowChanges = rowChanges;
  return table;
}

export type MarkedEntry = DefinitionEntry;

function diffEntries(base: readonly DefinitionEntry[], next: readonly DefinitionEntry[], ctx: DiffContext): MarkedEntry[] {
  return alignSequences(base, next, (e) => e.term).map(([b, n]): MarkedEntry => {
    if (b && n) {
      const d = diffInlines(b.lead, n.lead);
      if (d.changed) ctx.changes.set(`definition: ${n.term}`, 'changed');
      return { ...n, lead: d.inlines, children: diffBlockLists(b.children, n.children, ctx) };
    }
    if (b) {
      ctx.changes.set(`definition: ${b.term}`, 'deleted');
      return { ...b, change: { kind: 'deleted' } };
    }
    ctx.changes.set(`definition: ${n!.term}`, n!.from ? 'retained' : 'inserted');
    return { ...n!, change: { kind: 'inserted', ...(n!.from ? { note: `retained from ${ctx.describe(n!.from)}` } : {}) } };
  });
}
