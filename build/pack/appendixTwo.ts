/**
 * `::future-changes`: the "changes for future consideration" appendix. Its rows are the consultation's
 * `future-changes:` entries, in the author's order and wording (each reference already resolved by `check`), then
 * one row for every risk the consultation and its annexes accept (`accepted:`), so that no accepted gap goes
 * unmentioned in the paper.
 */
import type { AcceptanceEntry, Corpus, ManifestData } from '../model/corpus.js';
import { longDate } from '../document/dates.js';
import { citedName } from '../document/referenceText.js';
import type { Theme } from '../theme/theme.js';
import { definitionCitation, documentCitation, idCitation, provisionCitation } from './citations.js';

export interface FutureChangeRow {
  reference: string;
  item: string;
  comment: string;
  /** Where the row comes from: an authored entry, or an acceptance in a manifest. */
  source: 'future-changes' | 'accepted';
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

export function futureChangeRows(corpus: Corpus, theme: Theme, consultation: ManifestData, annexes: readonly string[]): FutureChangeRow[] {
  const rows: FutureChangeRow[] = [];
  for (const entry of consultation.futureChanges ?? []) {
    const { doc, start, end } = entry.reference.target;
    const reference = entry.term !== undefined ? definitionCitation(corpus, entry.term, doc!) : start !== undefined ? provisionCitation(corpus, theme, doc!, start, end) : documentCitation(corpus, theme, doc!);
    rows.push({ reference, item: entry.item, comment: entry.comment, source: 'future-changes' });
  }
  const accepting: Array<[string, ManifestData]> = [[consultation.id, consultation], ...annexes.flatMap((a): Array<[string, ManifestData]> => (corpus.documents.has(a) ? [[a, corpus.documents.get(a)!.manifest]] : []))];
  for (const [doc, manifest] of accepting) {
    for (const entry of manifest.accepted ?? []) {
      const where = doc === consultation.id ? 'this consultation' : citedName(corpus, doc);
      rows.push({
        reference: acceptedSubject(corpus, theme, doc, entry),
        item: `Accepted risk (${entry.code}) in ${where} until ${longDate(entry.until)}`,
        comment: entry.reason,
        source: 'accepted',
      });
    }
  }
  return rows;
}
