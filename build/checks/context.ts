/** What every check receives: the bound corpus, the evaluation dates, and a way to report by offset. */
import { addDays, boundaryDays, contains, type Interval, type IsoDate } from '../model/dates.js';
import type { Corpus, OffsetDiagnostic } from '../model/corpus.js';
import { CATALOGUE, type Diagnostic, type DiagnosticCode } from '../diagnostics/catalogue.js';
import { FileLocator } from '../parse/lines.js';

export interface Report {
  code: DiagnosticCode;
  file: string;
  offset: number;
  message: string;
  date?: IsoDate;
  related?: Array<{ file: string; offset: number; message?: string }>;
}

export interface CheckContext {
  corpus: Corpus;
  asAt: IsoDate;
  /** The as-at date and every later day on which anything enters or leaves force, ascending. */
  dates: IsoDate[];
  report(report: Report): void;
}

/** One rule: its code is its file name, its registry key and its test name. */
export interface Check {
  code: DiagnosticCode;
  run(ctx: CheckContext): void;
}

export function evaluationDates(corpus: Corpus, asAt: IsoDate): IsoDate[] {
  const days = new Set<IsoDate>([asAt]);
  const consider = (interval: Interval) => {
    for (const d of boundaryDays(interval)) if (d > asAt) days.add(d);
  };
  for (const doc of corpus.documents.values()) consider(doc.inForce);
  for (const p of corpus.provisions.values()) if (p.record.kind === 'clause') consider(p.inForce);
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
  private readonly files: FileLocator;
  constructor(corpus: Corpus) {
    this.files = new FileLocator(corpus.texts);
  }

  locate(file: string, offset: number): { line: number; column: number } {
    return this.files.locate(file, offset);
  }

  add(r: Report): void {
    const d: Diagnostic = { code: r.code, severity: CATALOGUE[r.code].severity, file: r.file, ...this.locate(r.file, r.offset), message: r.message };
    if (r.date) d.date = r.date;
    if (r.related?.length) d.related = r.related.map((x) => ({ file: x.file, ...this.locate(x.file, x.offset), ...(x.message ? { message: x.message } : {}) }));
    this.diagnostics.push(d);
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
