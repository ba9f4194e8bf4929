/**
 * A device matrix as annex pages: the document's cover and running heads, then one table of device models. In a
 * redline, a new or dropped row is a tracked row insertion or deletion and a changed cell shows its old text
 * deleted and its new text inserted, so the DOCX writer emits w:ins / w:del and the PDF writer its markup.
 */
import type { Corpus } from '../../model/corpus.js';
import type { IsoDate } from '../../model/dates.js';
import type { MatrixTable } from '../../model/matrixTable.js';
import type { HouseStyle } from '../../theme/houseStyle.js';
import { buildRenderModel } from '../../document/buildRenderModel.js';
import type { Block, BlockChange, Inline, RedlineInfo, RenderDocument, TableCell } from '../../model/document.js';

export interface MatrixDocumentInput {
  corpus: Corpus;
  doc: string;
  asAt: IsoDate;
  style: HouseStyle;
  sourceDate: Date;
  table: MatrixTable;
  /** Present for a redline. */
  redline?: RedlineInfo;
}

const text = (t: string): Inline[] => (t ? [{ kind: 'text', text: t }] : []);

function describeChanges(table: MatrixTable): string[] {
  const count = (kind: string) => table.changes!.filter((c) => c.kind === kind).length;
  const rows = (n: number, what: string) => `${n} device model${n === 1 ? '' : 's'} ${what}`;
  const parts = [rows(count('row inserted'), 'added'), rows(count('row deleted'), 'removed'), `${count('cell changed')} cell${count('cell changed') === 1 ? '' : 's'} changed`];
  const columns = count('column inserted') + count('column deleted');
  return [`Annex ${table.annex}: ${parts.join(', ')}${columns ? `, ${columns} column${columns === 1 ? '' : 's'} added or removed` : ''}.`];
}

export function matrixDocument(input: MatrixDocumentInput): RenderDocument {
  const { table } = input;
  const base = buildRenderModel({ corpus: input.corpus, doc: input.doc, asAt: input.asAt, style: input.style, linkable: new Set(), sourceDate: input.sourceDate });
  const title = `${base.shortTitle} Annex ${table.annex}`;
  const marked = input.redline !== undefined;
  const cell = (t: string, was: string | undefined, row: 'inserted' | 'deleted' | undefined): TableCell => {
    if (!marked) return { content: text(t) };
    if (row === 'inserted') return { content: t ? [{ kind: 'insertion', children: text(t) }] : [] };
    if (row === 'deleted') return { content: t ? [{ kind: 'deletion', children: text(t) }] : [] };
    if (was === undefined) return { content: text(t) };
    return { content: [...(was ? [{ kind: 'deletion' as const, children: text(was) }] : []), ...(t ? [{ kind: 'insertion' as const, children: text(t) }] : [])] };
  };
  const header = table.columns.map((c) => cell(c.name, undefined, c.change));
  const rows = table.rows.map((r) => r.cells.map((c, i) => cell(c.text, c.was, r.change === 'inserted' || r.change === 'deleted' ? r.change : table.columns[i]?.change)));
  const rowChanges = marked ? table.rows.map((r): BlockChange | undefined => (r.change === 'inserted' || r.change === 'deleted' ? { kind: r.change } : undefined)) : undefined;
  const body: Block[] = [
    { kind: 'heading', level: 2, content: text(`Annex ${table.annex} to ${base.reference}`), anchor: `${input.doc}-annex-${table.annex}`.toLowerCase() },
    {
      kind: 'paragraph',
      content: text(`One row per device model: its manufacturer, device type, model and firmware, and the clauses of ${base.shortTitle} whose variations apply to it. The same table is published as a workbook.`),
    },
    { kind: 'table', align: table.columns.map(() => null), header, rows, ...(rowChanges?.some(Boolean) ? { rowChanges } : {}) },
  ];
  if (!table.rows.length) body.push({ kind: 'paragraph', content: text('No device model is listed.') });
  const model: RenderDocument = {
    ...base,
    title,
    running: { ...base.running, headerLeft: `${base.reference} \u2014 Annex ${table.annex}` },
    metadata: { ...base.metadata, title: `${base.reference} Annex ${table.annex}`, subject: `${title}, ${base.metadata.subject}` },
    cover: { ...base.cover, title, preamble: [] },
    contents: [],
    body,
    footnotes: [],
    omitted: [],
    problems: [],
  };
  if (input.redline) {
    // The annex pages have no contents list, the one part a renderer lays out per side: both sides are the pages.
    const clean: RenderDocument = { ...model };
    model.redline = {
      ...input.redline,
      sides: { base: clean, next: clean },
      notes: [...(input.redline.notes ?? []), ...describeChanges(table)],
      // Each device model whose row changed is an item of the change list, so the cover counts what the pages mark.
      summary: { counts: { inserted: 0, deleted: 0, changed: 0, moved: 0, retained: 0 }, clauses: table.rows.flatMap((r) => (r.change ? [{ id: r.device, kind: 'device' as const, change: r.change }] : [])), metadata: [] },
    };
  }
  return model;
}
