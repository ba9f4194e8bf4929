/** What every check receives: the bound corpus, the evaluation dates, and a way to report by offset. */
import { addDays, boundaryDays, contains, type Interval, type IsoDate } from '../model/dates.js';
import type { Corpus, OffsetDiagnostic } from '../model/corpus.js';
import { CATALOGUE, type Diagnostic, type DiagnosticCode, type Location } from '../diagnostics/catalogue.js';
import type { Timeline } from './timeline.js';
import type { IntervalPool } from './users.js';
import type { Acceptance } from './acceptances.js';
import { FileLocator } from '../parse/lines.js';

export interface Report {
  code: DiagnosticCode;
  file: string;
  offset: number;
  message: string;
  date?: IsoDate;
  /** Every evaluation date on which the problem holds (first = `date`): an acceptance must cover them all. */
  failing?: IsoDate[];
  /** What the diagnostic is about, for matching `accepted:` entries. */
  subject?: Subject;
  related?: Array<{ file: string; offset: number; message?: string }>;
  /** The lifecycle date's source that makes it happen (a manifest's `in-force`, a clause's own bound), for grouping. */
  cause?: { file: string; offset: number; message: string };
}

export interface Subject {
  term?: string;
  /** The clause (or section, sub-paragraph) whose text has the problem. */
  clause?: string;
  /** The referenced clauses or documents, and the reference as written. */
  references?: string[];
}

export interface CheckContext {
  corpus: Corpus;
  asAt: IsoDate;
  /** The as-at date and every later day on which anything enters or leaves force, ascending. */
  dates: IsoDate[];
  timeline: Timeline;
  /** The `accepted:` entries of every manifest; `used` is known to checks marked `late`. */
  acceptances: Acceptance[];
  /** Users' in-force windows, one object per distinct window, shared by the checks that group uses by window. */
  intervals: IntervalPool;
  report(report: Report): void;
}

/** One rule: its code is its file name, its registry key and its test name. */
export interface Check {
  code: DiagnosticCode;
  /** Runs after the other checks' diagnostics have met the acceptances. */
  late?: boolean;
  /**
   * Each of its diagnostics is about one term use or reference, at its place, and depends on nothing of the text but
   * that occurrence and the symbol tables: a re-check keeps the ones outside the records an edit touched (editSpan.ts).
   */
  occurrences?: boolean;
  /** Its answer depends on the definitions (their text and windows) and the tables alone: an edit of no definition keeps it. */
  definitionsOnly?: boolean;
  run(ctx: CheckContext): void;
}

/** The in-force intervals of the corpus's clauses (repeats and all): what evaluationDates reads of the provision table. */
export function* clauseIntervals(corpus: Corpus): Iterable<Interval> {
  for (const p of corpus.provisions.values()) if (p.record.kind === 'clause') yield p.inForce;
}

/**
 * `clauses`: the clauses' intervals when the caller knows them without walking the table (a re-check keeps one
 * per distinct interval in its digest).
 */
export function evaluationDates(corpus: Corpus, asAt: IsoDate, clauses: Iterable<Interval> = clauseIntervals(corpus)): IsoDate[] {
  const days = new Set<IsoDate>([asAt]);
  // Thousands of clauses share a few bounds: each bound is turned into a day once.
  const seenFrom = new Set<IsoDate>();
  const seenUntil = new Set<IsoDate>();
  const consider = (interval: Interval) => {
    if (interval.from !== undefined && !seenFrom.has(interval.from)) {
      seenFrom.add(interval.from);
      if (interval.from > asAt) days.add(interval.from);
    }
    if (interval.until !== undefined && !seenUntil.has(interval.until)) {
      seenUntil.add(interval.until);
      for (const d of boundaryDays({ until: interval.until })) if (d > asAt) days.add(d);
    }
  };
  for (const doc of corpus.documents.values()) {
    consider(doc.inForce);
    // Each version's first and latest possible day, and so every window's edges.
    for (const v of doc.versions) {
      for (const d of [v.effective, v.effectiveBy]) if (d && d > asAt) days.add(d);
      consider(v.manifest.inForce);
    }
    for (const entry of doc.manifest.accepted ?? []) consider({ until: entry.until });
  }
  for (const c of corpus.consultations.values()) for (const entry of c.manifest.accepted ?? []) consider({ until: entry.until });
  for (const interval of clauses) consider(interval);
  for (const p of corpus.history.provisions) if (p.record.kind === 'clause') consider(p.inForce);
  for (const homes of [...corpus.definitions.values(), ...corpus.history.definitions.values()]) for (const h of homes) consider(h.inForce);
  return [...days].sort();
}

/** The first evaluation date on which `holds` is true, if any. */
export function firstDate(dates: IsoDate[], holds: (day: IsoDate) => boolean): IsoDate | undefined {
  for (const d of dates) if (holds(d)) return d;
  return undefined;
}

export function describeInterval(interval: Interval): string {
  if (interval.from && interval.until) return `in force ${interval.from} to ${interval.until}`;
  if (interval.until) return `in force until ${interval.until}, expired from ${addDays(interval.until, 1)}`;
  if (interval.from) return `in force from ${interval.from}`;
  return 'always in force';
}

export { contains };

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  /** Reports as given, beside their diagnostics, for acceptances to match. */
  readonly reports: Array<{ report: Report; diagnostic: Diagnostic }> = [];
  private readonly files: FileLocator;
  private readonly history: FileLocator;
  constructor(private readonly corpus: Corpus) {
    this.files = new FileLocator(corpus.texts);
    this.history = new FileLocator(corpus.history.texts);
  }

  /** A location in the working tree, or in an earlier version (with its `ref` and `version`). */
  place(file: string, offset: number): Location & { version?: string } {
    const origin = this.corpus.history.origins.get(file);
    if (!origin) return { file, ...this.files.locate(file, offset) };
    const folder = origin.version.folder;
    return {
      file: origin.path,
      ...this.history.locate(file, offset),
      ref: origin.ref,
      ...(folder !== undefined ? { path: folder === '.' ? origin.path : `${folder}/${origin.path}` } : {}),
      ...(origin.version.manifest.version !== undefined ? { version: origin.version.manifest.version } : {}),
    };
  }

  locate(file: string, offset: number): { line: number; column: number } {
    return this.files.locate(file, offset);
  }

  add(r: Report): void {
    const d: Diagnostic = { code: r.code, severity: CATALOGUE[r.code].severity, ...this.place(r.file, r.offset), message: r.message };
    if (r.date) d.date = r.date;
    if (r.related?.length) d.related = r.related.map((x) => ({ ...this.place(x.file, x.offset), ...(x.message ? { message: x.message } : {}) }));
    if (r.cause) d.cause = { ...this.place(r.cause.file, r.cause.offset), message: r.cause.message };
    this.diagnostics.push(d);
    this.reports.push({ report: r, diagnostic: d });
  }
}

/** Parse-time diagnostics of one code, from every file. */
export function reportParsed(ctx: CheckContext, code: DiagnosticCode): void {
  for (const file of ctx.corpus.files) {
    for (const d of file.diagnostics as OffsetDiagnostic[]) {
      if (d.code === code) ctx.report({ code, file: file.path, offset: d.offset, message: d.message, ...(d.related ? { related: d.related } : {}) });
    }
  }
}

/**
 * Why a document, clause or definition is not in force on `day`: the line that ends (or has not yet begun) its window.
 * `own` is its own `in-force-from` / `in-force-until` attributes, located at `at`.
 */
export function causeOf(corpus: Corpus, doc: string, inForce: Interval, own: Record<string, string> | undefined, at: { file: string; offset: number }, day: IsoDate, name: string): Report['cause'] {
  const symbol = corpus.documents.get(doc);
  const manifest = symbol?.manifest;
  if (manifest && !contains(manifest.inForce, day)) {
    const ended = manifest.inForce.until !== undefined && manifest.inForce.until < day;
    return {
      file: symbol.manifestPath,
      offset: manifest.keyOffsets['in-force'] ?? manifest.offset,
      message: ended ? `${doc} leaves force after ${manifest.inForce.until} (its in-force.until)` : `${doc} comes into force on ${manifest.inForce.from} (its in-force.from)`,
    };
  }
  if (own && (own['in-force-from'] || own['in-force-until'])) return { file: at.file, offset: at.offset, message: `${name} ${describeInterval(inForce)} (its own in-force dates)` };
  const next = symbol?.versions.find((v) => v.effective !== undefined && v.effective <= day && v.ref === undefined);
  if (symbol && next && symbol.versions.length > 1) return { file: symbol.manifestPath, offset: next.manifest.keyOffsets.effective ?? next.manifest.offset, message: `${doc} v${next.manifest.version ?? '?'} takes effect on ${next.effective}` };
  return undefined;
}
