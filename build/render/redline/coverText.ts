/**
 * What a redline says about itself — against what, by whom, what changed on the cover and in the text — as plain
 * lines. The PDF prints them on its first page; the DOCX keeps them in a comment and in its document properties, where
 * accepting or rejecting every change cannot leave them behind. Empty for a clean build.
 */
import { longDate } from '../../document/dates.js';
import type { ChangeItemKind, ChangeSummary, ClauseChange, RenderDocument } from '../../model/document.js';
import type { IsoDate } from '../../model/dates.js';

const ORDER: ClauseChange[] = ['inserted', 'deleted', 'changed', 'moved', 'retained'];
const KINDS: Array<[ChangeItemKind, string, string]> = [
  ['clause', 'clause', 'clauses'],
  ['definition', 'definition', 'definitions'],
  ['table', 'table', 'tables'],
  ['footnote', 'footnote', 'footnotes'],
  ['device', 'device model', 'device models'],
];

/** "3 changes: 1 clause (1 changed), 2 definitions (2 retained)." — each kind counted on its own. */
export function countsText(summary: ChangeSummary): string {
  const items = summary.clauses;
  if (!items.length) return 'No change to the text.';
  const parts = KINDS.flatMap(([kind, one, many]) => {
    const of = items.filter((c) => c.kind === kind);
    if (!of.length) return [];
    const how = ORDER.map((change) => [change, of.filter((c) => c.change === change).length] as const).filter(([, n]) => n);
    return [`${of.length} ${of.length === 1 ? one : many} (${how.map(([change, n]) => `${n} ${change}`).join(', ')})`];
  });
  return `${items.length} change${items.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

type ChangeItem = ChangeSummary['clauses'][number];

/**
 * A change-list entry named as the paper cites it, not by its internal ID: `AM 2.2` → "S1SR Clause 2.2",
 * `definition: Group` → "Definition of Group", `table in AM 1.1` → "Table in S1SR Clause 1.1", `footnote 3` →
 * "Footnote 3". A device model is named as its matrix row is.
 */
export function changeItemName(model: Pick<RenderDocument, 'code' | 'shortTitle'>, item: ChangeItem, clauseWord = 'Clause'): string {
  const clause = (id: string) => {
    const local = id.startsWith(`${model.code} `) ? id.slice(model.code.length + 1) : undefined;
    return local !== undefined ? `${model.shortTitle} ${clauseWord} ${local}` : id;
  };
  switch (item.kind) {
    case 'clause':
      return clause(item.id);
    case 'definition':
      return `Definition of ${item.id.replace(/^definition: /, '')}`;
    case 'table':
      return `Table in ${clause(item.id.replace(/^table in /, ''))}`;
    case 'footnote':
      return item.id.replace(/^footnote /, 'Footnote ');
    default:
      return item.id;
  }
}

/** One line per change, in document order: "S1SR Clause 2.1 — inserted". */
export function changeListLines(model: Pick<RenderDocument, 'code' | 'shortTitle'>, summary: ChangeSummary, clauseWord = 'Clause'): string[] {
  return summary.clauses.map((c) => changeItemLine(model, c, clauseWord));
}

export function changeItemLine(model: Pick<RenderDocument, 'code' | 'shortTitle'>, item: ChangeItem, clauseWord = 'Clause'): string {
  return `${changeItemName(model, item, clauseWord)} \u2014 ${item.change}`;
}

export function redlineCoverLines(model: RenderDocument): string[] {
  const r = model.redline;
  if (!r) return [];
  const day = /^\d{4}-\d{2}-\d{2}/.test(r.date) ? longDate(r.date.slice(0, 10) as IsoDate) : r.date;
  const against = r.baseMissing ? `against ${r.baseLabel}` : `against ${r.baseVersion ? `version ${r.baseVersion}` : 'the baseline'} (${r.baseLabel})`;
  const lines = [`Redline of version ${model.version || '(none)'} ${against}, by ${r.author} on ${day}. Inserted text is underlined, deleted text struck through.`];
  if (r.baseMissing) lines.push(`Redline note: the baseline has no ${model.reference}, so the whole document is shown as inserted.`);
  for (const m of r.summary.metadata) lines.push(`Redline note: ${m.field} changed from ${m.from} to ${m.to}.`);
  for (const n of r.notes ?? []) lines.push(`Redline note: ${n}`);
  lines.push(`Redline summary: ${countsText(r.summary)}`);
  return lines;
}
