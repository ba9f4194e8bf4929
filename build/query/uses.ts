/** Every use of one term, with each of its homes and when it is in force. */
import type { Interval } from '../model/dates.js';
import type { Corpus } from '../model/corpus.js';
import { describeInterval } from '../checks/context.js';
import { userInterval } from '../checks/users.js';
import { termForms } from '../bind/bindDefinitions.js';
import { Locator, byPlace, type UseRow } from './locate.js';
import { nearest } from '../model/suggest.js';

export interface UsesReport {
  term: string;
  forms: string[];
  homes: Array<{ document: string; file: string; line: number; column: number; inForce: Interval }>;
  uses: Array<UseRow & { inForce: Interval }>;
}

export function usesOf(corpus: Corpus, term: string): UsesReport | undefined {
  const homes = corpus.definitions.get(term);
  if (!homes) return undefined;
  const locator = new Locator(corpus);
  return {
    term,
    forms: [...new Set(homes.flatMap(termForms))],
    homes: homes.map((h) => ({ document: h.home, file: h.file, ...locator.at(h.file, h.record.offset), inForce: h.inForce })),
    uses: corpus.uses
      .filter((u) => u.term === term)
      .map((u) => ({ ...locator.row(u.file, u.offset, u.user), inForce: userInterval(corpus, u.user) ?? {} }))
      .sort(byPlace),
  };
}

/** The term a written form (its `plural=` or an `also=` form) belongs to, when `form` is not a term itself. */
export function termOfForm(corpus: Corpus, form: string): string | undefined {
  for (const [name, homes] of corpus.definitions) for (const h of homes) if (termForms(h).includes(form)) return name;
  return undefined;
}

/** Close spellings, for "no such term" messages: misspellings of any written form (plural, also), and terms that contain it. */
export function similarTerms(corpus: Corpus, term: string): string[] {
  const byForm = new Map<string, string>();
  for (const [name, homes] of corpus.definitions) for (const h of homes) for (const form of termForms(h)) if (!byForm.has(form)) byForm.set(form, name);
  const near = nearest(term, byForm.keys(), 5).map((f) => byForm.get(f)!);
  const lower = term.toLowerCase();
  const containing = [...corpus.definitions.keys()].filter((t) => t.toLowerCase().includes(lower) || lower.includes(t.toLowerCase())).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return [...new Set([...near, ...containing])].slice(0, 5);
}

export function formatUsesText(report: UsesReport): string {
  const lines = [`"${report.term}"${report.forms.length > 1 ? `  (also written: ${report.forms.slice(1).join(', ')})` : ''}`, `  homes:`];
  for (const h of report.homes) lines.push(`    ${h.document}  ${h.file}:${h.line}:${h.column}  ${describeInterval(h.inForce)}`);
  lines.push(`  ${report.uses.length} use${report.uses.length === 1 ? '' : 's'}:`);
  for (const u of report.uses) lines.push(`    ${u.file}:${u.line}:${u.column}  ${u.clause ?? `definition of ${u.definition}`}  (${describeInterval(u.inForce)})`);
  return lines.join('\n');
}
