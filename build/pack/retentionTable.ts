/**
 * `::retention-table{from=AL}`: the current → proposed reference table of a retention, built from `from=`
 * provenance alone. Rows are grouped as a consultation's appendix groups them: definitions by destination
 * document (and by `reason=`), then clauses, with consecutive clauses that moved together collapsed into one
 * range row ("7.9A – 7.9D" → "2B.1.1 – 2B.1.4").
 */
import type { Corpus, ProvisionSymbol } from '../model/corpus.js';
import { provenance } from '../bind/papers.js';
import { qualify } from '../model/ids.js';
import type { Theme } from '../theme/theme.js';

export interface RetentionRow {
  kind: 'definitions' | 'clauses';
  /** The document the items come from (the `from=` document). */
  fromDoc: string;
  /** Terms, or clause numbers in the source document (a range row lists every clause in it). */
  fromItems: string[];
  toDoc: string;
  /** Terms, or clause numbers in the destination. */
  toItems: string[];
  /** The destination section: where the definitions sit, or the section holding the clauses. */
  toSection?: { number: string; title: string };
  /** The `reason=` text shared by the row's items. */
  reason?: string;
  /** The `subject=` text shared by the row's items: what the author calls them ("RP Separation requirements"). */
  subject?: string;
}

const DASH = ' \u2013 ';

function sectionOf(corpus: Corpus, doc: string, local: string | undefined): { number: string; title: string } | undefined {
  if (local === undefined) return undefined;
  const s = corpus.provisions.get(qualify(doc, local));
  return s ? { number: local, title: s.record.title ?? '' } : undefined;
}

/** Where a document's definitions are printed: the section titled "Defined Terms", "Definitions", … */
function definitionsSection(corpus: Corpus, doc: string, theme: Theme): { number: string; title: string } | undefined {
  const titles = theme.definitions.sectionTitles.map((t) => t.toLowerCase());
  for (const p of corpus.provisions.values()) {
    if (p.doc !== doc || p.record.kind !== 'section') continue;
    if (titles.includes((p.record.title ?? '').trim().toLowerCase())) return { number: p.record.local, title: p.record.title ?? '' };
  }
  return undefined;
}

export function retentionRows(corpus: Corpus, fromDoc: string, theme: Theme, docOrder: readonly string[] = []): RetentionRow[] {
  const rank = (doc: string) => {
    const i = docOrder.indexOf(doc);
    return i < 0 ? docOrder.length : i;
  };
  const byDoc = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

  // Definitions: grouped by destination, then by reason, in the destination file's order.
  const defs: Array<{ term: string; home: string; offset: number; reason?: string; subject?: string }> = [];
  for (const homes of corpus.definitions.values()) {
    for (const h of homes) {
      const from = h.record.attributes.from;
      if (from === undefined || h.home === fromDoc || provenance(from).doc !== fromDoc) continue;
      const { reason, subject } = h.record.attributes;
      defs.push({ term: h.term, home: h.home, offset: h.record.offset, ...(reason ? { reason } : {}), ...(subject ? { subject } : {}) });
    }
  }
  defs.sort((a, b) => byDoc(a.home, b.home) || a.offset - b.offset);
  const defRows: RetentionRow[] = [];
  for (const d of defs) {
    let row = defRows.find((r) => r.toDoc === d.home && r.reason === d.reason && r.subject === d.subject);
    if (!row) {
      row = { kind: 'definitions', fromDoc, fromItems: [], toDoc: d.home, toItems: [] };
      const section = definitionsSection(corpus, d.home, theme);
      if (section) row.toSection = section;
      if (d.reason) row.reason = d.reason;
      if (d.subject) row.subject = d.subject;
      defRows.push(row);
    }
    row.fromItems.push(d.term);
    row.toItems.push(d.term);
  }

  // Clauses: in source order (then destination order), consecutive runs collapsed.
  const sourceClauses = [...corpus.provisions.values()].filter((p) => p.doc === fromDoc && p.record.kind === 'clause').sort((a, b) => a.order - b.order);
  const sourceIndex = new Map(sourceClauses.map((p, i) => [p.record.local, i]));
  const targetClauses = new Map<string, ProvisionSymbol[]>();
  for (const p of corpus.provisions.values()) {
    if (p.record.kind !== 'clause') continue;
    const list = targetClauses.get(p.doc) ?? [];
    list.push(p);
    targetClauses.set(p.doc, list);
  }
  for (const list of targetClauses.values()) list.sort((a, b) => a.order - b.order);
  const targetIndex = new Map<string, number>();
  for (const list of targetClauses.values()) list.forEach((p, i) => targetIndex.set(p.id, i));

  const moved: Array<{ source: string; target: ProvisionSymbol; reason?: string; subject?: string }> = [];
  for (const p of corpus.provisions.values()) {
    const from = p.record.attributes.from;
    if (p.record.kind !== 'clause' || p.doc === fromDoc || from === undefined) continue;
    const prov = provenance(from);
    if (prov.doc !== fromDoc || prov.local === undefined) continue;
    const { reason, subject } = p.record.attributes;
    moved.push({ source: prov.local, target: p, ...(reason ? { reason } : {}), ...(subject ? { subject } : {}) });
  }
  const srcRank = (local: string) => sourceIndex.get(local) ?? Number.MAX_SAFE_INTEGER;
  moved.sort((a, b) => srcRank(a.source) - srcRank(b.source) || byDoc(a.target.doc, b.target.doc) || a.target.order - b.target.order);
  const clauseRows: RetentionRow[] = [];
  let last: (typeof moved)[number] | undefined;
  for (const m of moved) {
    const row = clauseRows.at(-1);
    const follows =
      row !== undefined &&
      last !== undefined &&
      row.toDoc === m.target.doc &&
      row.reason === m.reason &&
      row.subject === m.subject &&
      last.target.record.parent === m.target.record.parent &&
      sourceIndex.has(last.source) &&
      sourceIndex.get(m.source) === sourceIndex.get(last.source)! + 1 &&
      targetIndex.get(m.target.id) === targetIndex.get(last.target.id)! + 1;
    if (follows) {
      row!.fromItems.push(m.source);
      row!.toItems.push(m.target.record.local);
    } else {
      const next: RetentionRow = { kind: 'clauses', fromDoc, fromItems: [m.source], toDoc: m.target.doc, toItems: [m.target.record.local] };
      const section = sectionOf(corpus, m.target.doc, m.target.record.parent);
      if (section) next.toSection = section;
      if (m.reason) next.reason = m.reason;
      if (m.subject) next.subject = m.subject;
      clauseRows.push(next);
    }
    last = m;
  }
  return [...defRows, ...clauseRows];
}

/**
 * Rows in the author's order: `order` names, in turn, an item of each row that comes first (a term, or a clause
 * number of the source document); rows it does not name follow in the default order. A name that matches no row
 * is reported with the directive's other arguments (`directiveArgumentProblems`), by check and pack alike.
 */
export function orderRows(rows: RetentionRow[], order: readonly string[]): RetentionRow[] {
  const chosen: RetentionRow[] = [];
  for (const name of order) {
    const row = rows.find((r) => r.fromItems.includes(name) || r.fromItems.some((i) => `${r.fromDoc} ${i}` === name));
    if (row && !chosen.includes(row)) chosen.push(row);
  }
  return [...chosen, ...rows.filter((r) => !chosen.includes(r))];
}

/** "7.9A – 7.9D" for a range row, "3.14E" for one clause. */
export function collapse(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items[0]}${DASH}${items.at(-1)}`;
}

/** Every current → proposed pair a row stands for: `GroupID` → `AM 2`, `AL 7.9A` → `AM 2B.1.1`. */
export function rowMappings(row: RetentionRow): Array<[string, string]> {
  if (row.kind === 'definitions') return row.fromItems.map((t) => [t, row.toSection ? `${row.toDoc} ${row.toSection.number}` : row.toDoc]);
  return row.fromItems.map((s, i) => [`${row.fromDoc} ${s}`, `${row.toDoc} ${row.toItems[i]}`]);
}

