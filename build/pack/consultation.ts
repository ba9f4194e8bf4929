/** The facts of a consultation manifest (FORMAT.md, last section), validated for packing. */
import type { Corpus, ManifestData } from '../model/corpus.js';
import { parseIsoDate, type IsoDate } from '../model/dates.js';
import type { PaperDiagnostics } from './diagnostics.js';

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
export function readConsultation(corpus: Corpus, id: string, diagnostics: PaperDiagnostics): ConsultationFacts | undefined {
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
    if (!m || !day || (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59))) {
      diagnostics.add('invalid-consultation', at('closes'), `\`closes: ${closesText}\` must be YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
    } else {
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
  const baseline = text('baseline');
  if (baseline) facts.baseline = baseline;
  return facts;
}
