/**
 * Accepted risks (FORMAT.md): an `accepted:` entry of any manifest covers the diagnostics of its code about its
 * term, clause or reference on every date up to its `until`. A covered diagnostic is still reported, marked with
 * the reason; one that also occurs after `until` is not covered and is dated on the first such day.
 */
import type { AcceptanceEntry, Corpus } from '../model/corpus.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { Report } from './context.js';

export interface Acceptance {
  entry: AcceptanceEntry;
  /** The manifest that lists it. */
  file: string;
  used: boolean;
}

export function collectAcceptances(corpus: Corpus): Acceptance[] {
  const out: Acceptance[] = [];
  for (const doc of corpus.documents.values()) for (const entry of doc.manifest.accepted ?? []) out.push({ entry, file: doc.manifestPath, used: false });
  for (const c of corpus.consultations.values()) for (const entry of c.manifest.accepted ?? []) out.push({ entry, file: c.path, used: false });
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function matches(entry: AcceptanceEntry, report: Report): boolean {
  if (entry.code !== report.code || !report.subject) return false;
  const { term, clause, references } = report.subject;
  if (entry.term !== undefined && entry.term !== term) return false;
  if (entry.clause !== undefined && (clause === undefined || norm(entry.clause) !== norm(clause))) return false;
  if (entry.reference !== undefined && !(references ?? []).some((r) => norm(r) === norm(entry.reference!))) return false;
  return true;
}

export function applyAcceptances(
  reports: Array<{ report: Report; diagnostic: Diagnostic }>,
  acceptances: Acceptance[],
  asAt: string,
  locate: (file: string, offset: number) => { line: number },
): void {
  if (!acceptances.length) return;
  for (const { report, diagnostic } of reports) {
    const found = acceptances.filter((a) => matches(a.entry, report));
    if (!found.length) continue;
    const best = found.reduce((a, b) => (b.entry.until > a.entry.until ? b : a));
    for (const a of found) a.used = true;
    const { entry, file } = best;
    const failing = report.failing ?? (report.date ? [report.date] : [asAt]);
    const lapsed = failing.filter((d) => d > entry.until);
    const line = locate(file, entry.offset).line;
    if (!lapsed.length) {
      diagnostic.accepted = { reason: entry.reason, until: entry.until, file, line, about: describeEntry(entry) };
      continue;
    }
    diagnostic.date = lapsed[0]!;
    diagnostic.message += ` — accepted only until ${entry.until} (${file}:${line}), and it still occurs on ${lapsed[0]}`;
  }
}

/** What an entry accepts, as an author would name it: `GroupID`, `AM 13.2`, `[[AL 7.2]]`. */
export function describeEntry(entry: AcceptanceEntry): string {
  return [entry.term, entry.clause, entry.reference && `[[${entry.reference}]]`].filter(Boolean).join(' in ');
}
