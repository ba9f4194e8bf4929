/**
 * What would break if a document left force on a date: terms only it defines that content staying in force
 * uses (and, transitively, the terms those definitions need), and its clauses that such content references.
 */
import { contains, type IsoDate } from '../model/dates.js';
import type { Corpus } from '../model/corpus.js';
import { userInterval } from '../checks/users.js';
import { Locator, byPlace, type UseRow } from './locate.js';

export interface ImpactTerm {
  term: string;
  homes: string[];
  via: string[];
  uses: UseRow[];
}

export interface ImpactReport {
  document: string;
  date: IsoDate;
  terms: ImpactTerm[];
  clauses: Array<{ id: string; references: UseRow[] }>;
}

export function impactOf(corpus: Corpus, doc: string, date: IsoDate): ImpactReport {
  const locator = new Locator(corpus);
  const inForce = (interval: { from?: IsoDate; until?: IsoDate } | undefined, owner: string) => owner !== doc && interval !== undefined && contains(interval, date);
  /** DOC defines it and no other home is in force on the date. */
  const docOnly = (term: string) => {
    const homes = corpus.definitions.get(term) ?? [];
    return homes.some((h) => h.home === doc) && !homes.some((h) => h.home !== doc && contains(h.inForce, date));
  };
  const found = new Map<string, ImpactTerm>();
  const entry = (term: string) => {
    let e = found.get(term);
    if (!e) found.set(term, (e = { term, homes: (corpus.definitions.get(term) ?? []).map((h) => h.home), via: [], uses: [] }));
    return e;
  };
  const queue: string[] = [];
  for (const use of corpus.uses) {
    if (!docOnly(use.term) || !inForce(userInterval(corpus, use.user), use.user.doc)) continue;
    if (!found.has(use.term)) queue.push(use.term);
    entry(use.term).uses.push(locator.row(use.file, use.offset, use.user));
  }
  // A definition that must be kept brings the DOC-only terms its own text uses.
  const usesByDefinition = new Map<string, typeof corpus.uses>();
  for (const use of corpus.uses) {
    if (use.user.kind !== 'definition' || use.user.doc !== doc) continue;
    const list = usesByDefinition.get(use.user.term) ?? [];
    list.push(use);
    usesByDefinition.set(use.user.term, list);
  }
  const expanded = new Set<string>();
  while (queue.length) {
    const term = queue.shift()!;
    if (expanded.has(term)) continue;
    expanded.add(term);
    for (const use of usesByDefinition.get(term) ?? []) {
      if (use.term === term || !docOnly(use.term)) continue;
      const e = entry(use.term);
      if (!e.via.includes(term)) e.via.push(term);
      e.uses.push(locator.row(use.file, use.offset, use.user));
      if (!expanded.has(use.term)) queue.push(use.term);
    }
  }
  const clauses = new Map<string, UseRow[]>();
  const ordered = [...corpus.provisions.values()].filter((p) => p.doc === doc).sort((a, b) => a.order - b.order);
  for (const ref of corpus.references) {
    if (!ref.targets.length || ref.from.kind === 'paper' || !inForce(ref.fromInForce, ref.from.doc)) continue;
    const ids: string[] = [];
    const [first, last] = ref.targets;
    if (first?.kind === 'document') {
      if (first.doc === doc) ids.push(doc);
    } else if (first && last && last.kind === 'provision') {
      const [a, b] = [corpus.provisions.get(first.id)!, corpus.provisions.get(last.id)!];
      if (a.doc === doc) for (const p of ordered) if (p.order >= a.order && p.order <= b.order && p.record.kind === 'clause') ids.push(p.id);
    } else if (first?.kind === 'provision' && corpus.provisions.get(first.id)?.doc === doc) ids.push(first.id);
    for (const id of ids) {
      const list = clauses.get(id) ?? [];
      list.push(locator.row(ref.file, ref.record.offset, ref.from));
      clauses.set(id, list);
    }
  }
  const terms = [...found.values()].sort((a, b) => a.via.length - b.via.length || (a.term < b.term ? -1 : 1));
  for (const t of terms) t.uses.sort(byPlace);
  const order = (id: string) => corpus.provisions.get(id)?.order ?? -1;
  return {
    document: doc,
    date,
    terms,
    clauses: [...clauses.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([id, references]) => ({ id, references: references.sort(byPlace) })),
  };
}

export function formatImpactText(report: ImpactReport): string {
  const lines = [`If ${report.document} left force on ${report.date}:`];
  const place = (u: UseRow) => `${u.file}:${u.line}:${u.column}  ${u.clause ?? `definition of ${u.definition}`} (${u.document})`;
  if (!report.terms.length) lines.push('  no term would be left without a home in force');
  else lines.push(`  ${report.terms.length} term${report.terms.length === 1 ? '' : 's'} defined only in ${report.document} would dangle:`);
  for (const t of report.terms) {
    const direct = t.uses.some((u) => u.document !== report.document);
    const why = [direct ? `used outside ${report.document}` : '', t.via.length ? `needed via ${t.via.join(', ')}` : ''].filter(Boolean).join('; ');
    lines.push(`    ${t.term}  (homes: ${t.homes.join(', ')}; ${why}; ${t.uses.length} use${t.uses.length === 1 ? '' : 's'})`);
    for (const u of t.uses) lines.push(`      ${place(u)}`);
  }
  if (!report.clauses.length) lines.push(`  no in-force content outside ${report.document} references it`);
  else lines.push(`  ${report.clauses.length} provision${report.clauses.length === 1 ? '' : 's'} of ${report.document} referenced from outside it:`);
  for (const c of report.clauses) {
    lines.push(`    ${c.id}  (${c.references.length} reference${c.references.length === 1 ? '' : 's'})`);
    for (const u of c.references) lines.push(`      ${place(u)}`);
  }
  return lines.join('\n');
}
