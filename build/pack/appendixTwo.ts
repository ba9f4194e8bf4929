/**
 * `::future-changes`: the "changes for future consideration" appendix. Its rows are the consultation's
 * `future-changes:` entries, in the author's order and wording (each reference already resolved by `check`), then
 * one row for every risk the consultation and its annexes accept (`accepted:`), so that no accepted gap goes
 * unmentioned in the paper. An accepted risk reads as a reader of the code would put it: what is used, by which
 * clauses of which version, for how long, and until when the risk is accepted; a reason shared by several rows is
 * given once, in a note under the table.
 */
import type { AcceptanceEntry, Corpus, ManifestData, TermUse } from '../model/corpus.js';
import { longDate } from '../document/dates.js';
import { citedName, wholeDocumentText } from '../document/referenceText.js';
import type { Theme } from '../theme/theme.js';
import { clausesCitation, definitionCitation, documentCitation, idCitation, provisionCitation } from './citations.js';
import { splitQualified, type QualifiedId } from '../model/ids.js';

export interface FutureChangeRow {
  reference: string;
  item: string;
  comment: string;
  /** Where the row comes from: an authored entry, or an acceptance in a manifest. */
  source: 'future-changes' | 'accepted';
}

/** The table's comment cells, with each reason that several accepted rows share moved to a numbered note. */
export interface FutureChangeComments {
  cells: string[];
  notes: string[];
}

/** What an acceptance is about, cited: a term at a home other than the accepting document where it has one. */
function acceptedSubject(corpus: Corpus, theme: Theme, doc: string, entry: AcceptanceEntry): string {
  if (entry.term !== undefined) {
    const homes = [...new Set((corpus.definitions.get(entry.term) ?? []).map((h) => h.home))].sort();
    return definitionCitation(corpus, entry.term, homes.find((h) => h !== doc) ?? homes[0] ?? doc);
  }
  if (entry.clause !== undefined) return idCitation(corpus, theme, entry.clause, doc);
  return entry.reference ?? citedName(corpus, doc);
}

/** The clause numbers (sub-paragraphs folded into their clause) of `doc` whose text uses `term`, in text order. */
function usersIn(uses: readonly TermUse[], term: string, doc: string): string[] {
  const locals: string[] = [];
  for (const u of uses) {
    if (u.term !== term || u.user.kind !== 'provision' || u.user.doc !== doc) continue;
    const local = splitQualified(u.user.id as QualifiedId).local.replace(/\(.*$/, '');
    if (!locals.includes(local)) locals.push(local);
  }
  return locals;
}

/**
 * What an accepted risk is, in words: for a definition, the clauses that lean on it and for how long — those of the
 * accepting document's earlier version where one does ("Used by S1SR Clause 13.2 of version 16.0 until version
 * 17.0 takes effect"), else those of its text — then the end of the acceptance ("accepted until 11 January 2026").
 */
function acceptedItem(corpus: Corpus, theme: Theme, doc: string, where: string, entry: AcceptanceEntry, earlierUses: readonly TermUse[]): string {
  const accepted = `accepted until ${longDate(entry.until)}`;
  if (entry.term === undefined || !corpus.documents.has(doc)) return `Accepted in ${where} until ${longDate(entry.until)}`;
  const ofDoc = earlierUses.filter((u) => u.user.doc === doc && u.user.version !== undefined && u.term === entry.term);
  // The version just before the working tree's is the one that may still apply.
  const latest = Math.max(-1, ...ofDoc.map((u) => u.user.version!.index));
  const earlier = ofDoc.filter((u) => u.user.version!.index === latest);
  const version = earlier[0]?.user.version?.manifest.version;
  const locals = usersIn(earlier.length ? earlier : corpus.uses, entry.term, doc);
  if (!locals.length) return `Accepted in ${where} until ${longDate(entry.until)}`;
  const users = clausesCitation(corpus, theme, doc, locals);
  if (!earlier.length || version === undefined) return `Used by ${users}; ${accepted}`;
  const current = corpus.documents.get(doc)!.manifest.version;
  return `Used by ${users} of version ${version} until version ${current ?? 'the new version'} takes effect; ${accepted}`;
}

export function futureChangeRows(corpus: Corpus, theme: Theme, consultation: ManifestData, annexes: readonly string[], earlierUses: readonly TermUse[] = []): FutureChangeRow[] {
  const rows: FutureChangeRow[] = [];
  for (const entry of consultation.futureChanges ?? []) {
    const { doc, start, end } = entry.reference.target;
    const reference = entry.term !== undefined ? definitionCitation(corpus, entry.term, doc!) : start !== undefined ? provisionCitation(corpus, theme, doc!, start, end) : documentCitation(corpus, theme, doc!);
    rows.push({ reference, item: entry.item, comment: entry.comment, source: 'future-changes' });
  }
  const accepting: Array<[string, ManifestData]> = [[consultation.id, consultation], ...annexes.flatMap((a): Array<[string, ManifestData]> => (corpus.documents.has(a) ? [[a, corpus.documents.get(a)!.manifest]] : []))];
  for (const [doc, manifest] of accepting) {
    for (const entry of manifest.accepted ?? []) {
      const where = doc === consultation.id ? 'this consultation' : wholeDocumentText(citedName(corpus, doc), theme.references);
      rows.push({ reference: acceptedSubject(corpus, theme, doc, entry), item: acceptedItem(corpus, theme, doc, where, entry, earlierUses), comment: entry.reason, source: 'accepted' });
    }
  }
  return rows;
}

/** A comment that several rows share is printed once, as "Note 1" under the table; each of those rows points to it. */
export function futureChangeComments(rows: readonly FutureChangeRow[]): FutureChangeComments {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const count = new Map<string, number>();
  for (const r of rows) if (norm(r.comment)) count.set(norm(r.comment), (count.get(norm(r.comment)) ?? 0) + 1);
  const notes: string[] = [];
  const cells = rows.map((r) => {
    const comment = norm(r.comment);
    if ((count.get(comment) ?? 0) < 2) return r.comment;
    if (!notes.includes(comment)) notes.push(comment);
    return `See note ${notes.indexOf(comment) + 1} below the table.`;
  });
  return { cells, notes };
}
