/**
 * The change tree of a redline: base and new render documents of one document, aligned by section and clause
 * ID, with moves found globally (a clause whose ID survives but whose place in the order or section does not)
 * and word diffs inside aligned blocks. Its output is a render document whose blocks and inlines carry marks,
 * so the clean-build renderers draw it.
 */
import { diffArrays } from 'diff';
import type { Block, ChangeItemKind, ChangeSummary, ClauseBlock, ClauseChange, ContentsEntry, Footnote, Inline, MetadataChange, RedlineInfo, RedlineMarking, RenderDocument } from '../model/document.js';
import { alignSequences } from './alignSequences.js';
import { diffBlockLists, type DiffContext } from './diffBlocks.js';
import type { MarkedBlock } from './marks.js';
import { inlineText } from '../model/inlineText.js';

export type { ChangeSummary, ClauseChange, MetadataChange, RedlineInfo };

/** A render document whose blocks and inlines carry changes, with who, when and a summary. */
export interface RedlineDocument extends RenderDocument {
  body: MarkedBlock[];
  redline: RedlineMarking;
  /** The same object as `redline.summary`. */
  summary: ChangeSummary;
}

interface ClausePlace {
  id: string;
  section?: string;
  block: ClauseBlock;
}

function clausesOf(blocks: readonly Block[], section?: string, out: ClausePlace[] = []): ClausePlace[] {
  for (const b of blocks) {
    if (b.kind === 'clause') out.push({ id: b.id, block: b, ...(section ? { section } : {}) });
    else if (b.kind === 'section') clausesOf(b.children, b.id, out);
  }
  return out;
}

/** Clauses present on both sides whose relative order or section changed. */
function findMoves(base: ClausePlace[], next: ClausePlace[]): DiffContext['moved'] {
  const inBase = new Map(base.map((c) => [c.id, c]));
  const inNext = new Map(next.map((c) => [c.id, c]));
  // Clauses that changed section have moved whatever the order; the order is judged among those that stayed.
  const sameSection = (id: string) => inBase.get(id)?.section === inNext.get(id)?.section;
  const commonBase = base.filter((c) => inNext.has(c.id) && sameSection(c.id)).map((c) => c.id);
  const commonNext = next.filter((c) => inBase.has(c.id) && sameSection(c.id)).map((c) => c.id);
  const stay = new Set<string>();
  for (const part of diffArrays(commonBase, commonNext)) if (!part.added && !part.removed) for (const id of part.value) stay.add(id);
  const moved: DiffContext['moved'] = new Map();
  let moveId = 1;
  for (const id of next.filter((c) => inBase.has(c.id)).map((c) => c.id)) {
    const [b, n] = [inBase.get(id)!, inNext.get(id)!];
    if (stay.has(id) && b.section === n.section) continue;
    moved.set(id, { moveId: moveId++, ...(b.section ? { fromSection: b.section } : {}), ...(n.section ? { toSection: n.section } : {}) });
  }
  return moved;
}

/**
 * Footnotes aligned by text, a reworded run paired by position. Base footnotes keep their content but take the
 * numbers of the notes they are aligned with, or numbers after the new document's when they are gone; `changes`
 * lists what happened to each, to be added to the summary after the body's changes.
 */
function alignFootnotes(base: readonly Footnote[], next: readonly Footnote[], ctx: DiffContext) {
  const text = (f: Footnote) => f.children.map((b) => ('content' in b ? inlineText(b.content) : '')).join(' ');
  const out: RedlineDocument['footnotes'] = [];
  const renumber = new Map<number, number>();
  const changes: Array<[string, ClauseChange]> = [];
  let extra = next.reduce((m, f) => Math.max(m, f.number), 0);
  for (const [b, n] of alignSequences(base, next, text, { pairRuns: true })) {
    if (b && n) {
      renumber.set(b.number, n.number);
      // Equal text needs no diff; a reworded note is diffed word by word.
      if (text(b) === text(n)) out.push(n);
      else {
        changes.push([`footnote ${n.number}`, 'changed']);
        out.push({ ...n, children: diffBlockLists(b.children, n.children, ctx) });
      }
    } else if (b) {
      renumber.set(b.number, ++extra);
      changes.push([`footnote ${extra}`, 'deleted']);
      out.push({ ...b, number: extra, change: { kind: 'deleted' } });
    } else {
      changes.push([`footnote ${n!.number}`, 'inserted']);
      out.push({ ...n!, change: { kind: 'inserted' } });
    }
  }
  return { footnotes: out.sort((a, b) => a.number - b.number), renumber, changes };
}

/**
 * The base's blocks with their footnote marks renumbered to the aligned notes (see alignFootnotes). Copy on write: only the nodes above a
 * mark whose number moves are new; the rest (all of it when no number moves) is the base's own, which nothing
 * downstream changes.
 */
function renumberMarks(blocks: readonly Block[], renumber: Map<number, number>): Block[] {
  const fix = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((v, i) => {
        const fixed = fix(v);
        if (fixed !== v) (copy ??= value.slice())[i] = fixed;
      });
      return copy ?? value;
    }
    if (!value || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    if (node.kind === 'footnoteRef' && typeof node.number === 'number') {
      const to = renumber.get(node.number);
      return to === undefined || to === node.number ? node : { ...node, number: to };
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, v] of Object.entries(node)) {
      const fixed = fix(v);
      if (fixed !== v) (copy ??= { ...node })[key] = fixed;
    }
    return copy ?? node;
  };
  return fix(blocks) as Block[];
}

function metadataChanges(base: RenderDocument, next: RenderDocument): MetadataChange[] {
  const out: MetadataChange[] = [];
  const compare = (field: string, a: string, b: string) => a !== b && out.push({ field, from: a, to: b });
  compare('Version', base.version, next.version);
  compare('Status', base.status, next.status);
  compare('Title', base.title, next.title);
  const facts = (d: RenderDocument) => new Map(d.cover.facts.map((f) => [f.label, f.value]));
  const [bf, nf] = [facts(base), facts(next)];
  for (const [label, value] of nf) if (!['Version', 'Status', 'As at'].includes(label)) compare(label, bf.get(label) ?? '—', value);
  return out;
}

/** The cover's facts with the baseline's value beside each one that changed (the as-at date is the redline's own). */
function coverFacts(base: RenderDocument | undefined, next: RenderDocument): RenderDocument['cover']['facts'] {
  if (!base) return next.cover.facts;
  // Aligned by label: a fact one side lacks (a version only one has) is inserted or deleted as a row.
  return alignSequences(base.cover.facts, next.cover.facts, (f) => f.label).map(([b, n]) => {
    if (b && n) return b.value !== n.value ? { ...n, was: b.value } : n;
    return b ? { ...b, change: 'deleted' as const } : { ...n!, change: 'inserted' as const };
  });
}

/** What a change-list entry is, from the form of its name (clause IDs start with a document code). */
export function changeKind(id: string): ChangeItemKind {
  if (id.startsWith('definition: ')) return 'definition';
  if (id.startsWith('table in ')) return 'table';
  if (id.startsWith('footnote ')) return 'footnote';
  return 'clause';
}

/** The contents of both sides in one list: an entry only one side has is marked inserted or deleted. */
function diffContents(base: readonly ContentsEntry[], next: readonly ContentsEntry[]): ContentsEntry[] {
  const key = (e: ContentsEntry) => `${e.anchor}\u0000${e.number ?? ''}\u0000${e.title}`;
  return alignSequences(base, next, key).map(([b, n]) => (b && n ? n : b ? { ...b, change: { kind: 'deleted' } } : { ...n!, change: { kind: 'inserted' } }));
}

/** Footnote number → the anchor of the provision whose text first marks it: where a footnote change is linked to. */
function footnoteAnchors(blocks: readonly Block[]): Map<number, string> {
  const out = new Map<number, string>();
  const scan = (list: readonly Inline[], anchor: string | undefined): void => {
    for (const i of list) {
      if (i.kind === 'footnoteRef' && anchor && !out.has(i.number)) out.set(i.number, anchor);
      else if ('children' in i && Array.isArray(i.children)) scan(i.children, anchor);
    }
  };
  const visit = (b: Block, anchor: string | undefined): void => {
    const here = 'anchor' in b && typeof b.anchor === 'string' && b.kind !== 'definitions' ? b.anchor : anchor;
    if (b.kind === 'section') scan(b.title, here);
    if (b.kind === 'clause' || b.kind === 'subParagraph') scan(b.lead, here);
    if (b.kind === 'paragraph' || b.kind === 'heading') scan(b.content, here);
    if (b.kind === 'table') for (const row of [b.header, ...b.rows]) for (const c of row) scan(c.content, here);
    if (b.kind === 'list') for (const item of b.items) for (const c of item) visit(c, here);
    if (b.kind === 'definitions') for (const e of b.entries) {
      scan(e.lead, e.anchor);
      for (const c of e.children) visit(c, e.anchor);
    }
    if ('children' in b && Array.isArray(b.children)) for (const c of b.children as Block[]) visit(c, here);
  };
  for (const b of blocks) visit(b, undefined);
  return out;
}

export function diffDocuments(base: RenderDocument | undefined, next: RenderDocument, info: RedlineInfo, describe: (from: string) => string): RedlineDocument {
  const empty: RenderDocument = { ...next, body: [], footnotes: [], version: '', cover: { ...next.cover, facts: [] } };
  const b = base ?? empty;
  const baseClauses = clausesOf(b.body);
  const ctx: DiffContext = {
    moved: findMoves(baseClauses, clausesOf(next.body)),
    baseClauses: new Map(baseClauses.map((c) => [c.id, c.block])),
    changes: new Map(),
    describe,
  };
  const { footnotes, renumber, changes: noteChanges } = alignFootnotes(b.footnotes, next.footnotes, ctx);
  const body = diffBlockLists(renumberMarks(b.body, renumber), next.body, ctx);
  for (const [id, change] of noteChanges) ctx.changes.set(id, change);
  const counts: Record<ClauseChange, number> = { inserted: 0, deleted: 0, changed: 0, moved: 0, retained: 0 };
  const anchors = new Map<string, string>();
  for (const c of [...baseClauses, ...clausesOf(next.body)]) anchors.set(c.id, c.block.anchor);
  for (const s of [...b.body, ...next.body]) if (s.kind === 'section') anchors.set(s.id, s.anchor);
  for (const [number, anchor] of footnoteAnchors(body)) anchors.set(`footnote ${number}`, anchor);
  const definitionAnchors = (blocks: readonly Block[]): void => {
    for (const block of blocks) {
      if (block.kind === 'definitions') for (const e of block.entries) anchors.set(`definition: ${e.term}`, e.anchor);
      else if (block.kind === 'section') definitionAnchors(block.children);
    }
  };
  definitionAnchors(body);
  const clauses = [...ctx.changes.entries()].map(([id, change]) => {
    const kind = changeKind(id);
    if (kind === 'clause') counts[change]++;
    const anchor = anchors.get(kind === 'table' ? id.slice('table in '.length) : id);
    return { id, kind, change, ...(anchor ? { anchor } : {}) };
  });
  const summary: ChangeSummary = { counts, clauses, metadata: base ? metadataChanges(b, next) : [] };
  return {
    ...next,
    body,
    footnotes,
    cover: base
      ? {
          ...next.cover,
          facts: coverFacts(base, next),
          notice: diffBlockLists(base.cover.notice, next.cover.notice, ctx),
          preamble: diffBlockLists(base.cover.preamble, next.cover.preamble, ctx),
          boilerplate: diffBlockLists(base.cover.boilerplate, next.cover.boilerplate, ctx),
        }
      : next.cover,
    contents: diffContents(base?.contents ?? [], next.contents),
    redline: { ...info, ...(base ? {} : { baseMissing: true }), summary, sides: { ...(base ? { base } : {}), next } },
    summary,
  };
}
