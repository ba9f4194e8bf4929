/**
 * Consultation papers against the tables: the facts of a consultation manifest (FORMAT.md, last section) and the
 * arguments of its directives. `check` and `pack` both judge a paper with these, so they agree on every problem.
 */
import type { Corpus, DirectiveRecord, ManifestData } from '../model/corpus.js';
import { parseIsoDate, type IsoDate } from '../model/dates.js';
import { didYouMean } from '../model/suggest.js';

/** Where a problem goes: check's reporter or the pack's diagnostics, by offset in the manifest. */
export interface PaperProblems {
  add(code: 'invalid-consultation' | 'invalid-directive', offset: number, message: string): void;
}

export interface ConsultationFacts {
  id: string;
  path: string;
  title: string;
  subtitle?: string;
  version: string;
  date: IsoDate;
  /** Closing date and, when given, time ("17:00"). */
  closes?: { date: IsoDate; time?: string };
  author?: string;
  respondTo?: string;
  baseline?: string;
  annexes: string[];
  manifest: ManifestData;
}

const CLOSES = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/** Reads and checks the consultation keys; problems go to `diagnostics` with the key's location. */
export function readConsultation(corpus: Corpus, id: string, diagnostics: PaperProblems): ConsultationFacts | undefined {
  const entry = corpus.consultations.get(id);
  if (!entry) return undefined;
  const { manifest } = entry;
  const extra = manifest.extra;
  const at = (key: string) => manifest.keyOffsets[key] ?? manifest.offset;
  const text = (key: string): string | undefined => {
    const v = extra[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    diagnostics.add('invalid-consultation', at(key), `\`${key}\` must be text`);
    return undefined;
  };
  const date = parseIsoDate(text('date') ?? '');
  if (!date) diagnostics.add('invalid-consultation', at('date'), extra.date === undefined ? 'a consultation needs `date: YYYY-MM-DD` (the date the paper is published)' : '`date` must be a real date YYYY-MM-DD');
  let closes: ConsultationFacts['closes'];
  const closesText = text('closes');
  if (closesText !== undefined) {
    const m = CLOSES.exec(closesText.trim());
    const day = m ? parseIsoDate(m[1]!) : undefined;
    // The form is right more often than the values: say which part is wrong.
    if (!m) diagnostics.add('invalid-consultation', at('closes'), `\`closes: ${closesText}\` must be YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
    else if (!day) diagnostics.add('invalid-consultation', at('closes'), `\`closes: ${closesText}\`: ${m[1]} is not a day of the calendar`);
    else if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59)) diagnostics.add('invalid-consultation', at('closes'), `\`closes: ${closesText}\`: ${m[2]}:${m[3]} is not a time of day (00:00 to 23:59)`);
    else {
      closes = { date: day, ...(m[2] !== undefined ? { time: `${m[2]}:${m[3]}` } : {}) };
      if (date && day < date) diagnostics.add('invalid-consultation', at('closes'), `the consultation closes (${day}) before it is published (${date})`);
    }
  }
  const annexes: string[] = [];
  const rawAnnexes = extra.annexes;
  if (rawAnnexes !== undefined) {
    if (!Array.isArray(rawAnnexes) || !rawAnnexes.every((a) => typeof a === 'string')) {
      diagnostics.add('invalid-consultation', at('annexes'), '`annexes` must be a list of document codes, e.g. [AM, AC]');
    } else {
      for (const a of rawAnnexes as string[]) {
        if (!corpus.documents.has(a)) diagnostics.add('invalid-consultation', at('annexes'), `annex \`${a}\` is not a document of the code (known: ${[...corpus.documents.keys()].sort().join(', ')})`);
        else if (!annexes.includes(a)) annexes.push(a);
      }
    }
  }
  const facts: ConsultationFacts = {
    id,
    path: entry.path,
    title: manifest.title ?? id,
    version: manifest.version ?? '',
    date: date ?? ('1970-01-01' as IsoDate),
    annexes,
    manifest,
  };
  const subtitle = text('subtitle');
  if (subtitle) facts.subtitle = subtitle;
  if (closes) facts.closes = closes;
  const author = text('author');
  if (author) facts.author = author;
  const respondTo = text('respond-to');
  if (respondTo) facts.respondTo = respondTo;
  else diagnostics.add('invalid-consultation', manifest.offset, 'a consultation needs `respond-to:` (where responses go) for its "How to respond" section');
  const baseline = text('baseline');
  if (baseline) facts.baseline = baseline;
  return facts;
}

/** The document codes a directive names must exist, and its other arguments must be well formed. */
export function directiveArgumentProblems(record: DirectiveRecord, corpus: Corpus): string[] {
  const attrs = record.attributes;
  const problems: string[] = [];
  const known = (key: string) => {
    const doc = attrs[key];
    if (doc && !corpus.documents.has(doc)) problems.push(`\`::${record.name}\`: no document \`${doc}\` (known: ${[...corpus.documents.keys()].sort().join(', ')})${didYouMean(doc, corpus.documents.keys())}`);
    return doc !== undefined && corpus.documents.has(doc);
  };
  if (record.name === 'retention-table' && known('from') && attrs.order !== undefined) {
    const retained = retainedNames(corpus, attrs.from!);
    for (const name of orderNames(attrs.order)) {
      if (!retained.has(name)) problems.push(`\`::retention-table\`: \`order\` names \`${name}\`, which is no term or clause retained from ${attrs.from} (name an item of each row, separated by \`;\`)${didYouMean(name, retained)}`);
    }
  }
  if (record.name === 'changes') known('doc');
  if (record.name === 'impact') {
    const ok = known('doc');
    if (attrs.in !== undefined && attrs.in !== 'proposed' && attrs.in !== 'baseline') problems.push(`\`::impact\`: \`in=${attrs.in}\` must be \`proposed\` or \`baseline\``);
    if (attrs.on !== undefined && !parseIsoDate(attrs.on)) problems.push(`\`::impact\`: \`on=${attrs.on}\` is not a real date YYYY-MM-DD`);
    // With the baseline's tables the document's `until` is the baseline's; only the working tree's can be judged here.
    if (ok && attrs.on === undefined && attrs.in !== 'baseline' && !corpus.documents.get(attrs.doc!)!.inForce.until) {
      problems.push(`\`::impact{doc=${attrs.doc}}\`: ${attrs.doc} has no \`in-force.until\`; say when it would leave force with \`on=YYYY-MM-DD\``);
    }
  }
  return problems;
}

/** `AL 3.14E` → { doc: AL, local: 3.14E }; `AL` → { doc: AL }: where a `from=` attribute says an item came from. */
export function provenance(from: string): { doc: string; local?: string } {
  const [doc = '', ...rest] = from.trim().split(/\s+/);
  const local = rest.join(' ');
  return local ? { doc, local } : { doc };
}

/** The names of a retention table's `order="GroupID; 3.14E; …"`, in turn. */
export function orderNames(order: string | undefined): string[] {
  return (order ?? '').split(';').map((n) => n.trim()).filter(Boolean);
}

/**
 * What `order` may name for a retention from `fromDoc`: each term defined elsewhere with `from=` fromDoc, and each
 * clause number of fromDoc that a clause elsewhere came from (bare, "3.14E", or with the code, "AL 3.14E").
 */
export function retainedNames(corpus: Corpus, fromDoc: string): Set<string> {
  const names = new Set<string>();
  for (const homes of corpus.definitions.values()) {
    for (const h of homes) {
      const from = h.record.attributes.from;
      if (from !== undefined && h.home !== fromDoc && provenance(from).doc === fromDoc) names.add(h.term);
    }
  }
  for (const p of corpus.provisions.values()) {
    const from = p.record.attributes.from;
    if (p.record.kind !== 'clause' || p.doc === fromDoc || from === undefined) continue;
    const prov = provenance(from);
    if (prov.doc === fromDoc && prov.local !== undefined) names.add(prov.local).add(`${fromDoc} ${prov.local}`);
  }
  return names;
}
