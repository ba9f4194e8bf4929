/**
 * What a redline says about itself on its cover — against what, by whom, what changed on the cover and in the
 * clauses — as plain lines that both renderers print. Empty for a clean build.
 */
import { longDate } from '../../document/dates.js';
import type { ClauseChange, RenderDocument } from '../../model/document.js';
import type { IsoDate } from '../../model/dates.js';

const ORDER: ClauseChange[] = ['inserted', 'deleted', 'changed', 'moved', 'retained'];

export function countsText(counts: Record<ClauseChange, number>): string {
  const total = ORDER.reduce((n, k) => n + counts[k], 0);
  if (!total) return 'No clause changed.';
  return `${total} clause${total === 1 ? '' : 's'} changed: ${ORDER.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(', ')}.`;
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
  lines.push(`Redline summary: ${countsText(r.summary.counts)}`);
  return lines;
}
