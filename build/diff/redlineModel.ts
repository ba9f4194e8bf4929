/**
 * The change tree of one document from two corpora already loaded: both sides' document models as at one date,
 * diffed clause by clause. The redline command, the pack and the benchmark all make redlines through this.
 */
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { RenderDocument } from '../model/document.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import { citedName } from '../document/referenceText.js';
import type { HouseStyle } from '../theme/houseStyle.js';
import { diffDocuments, type RedlineDocument } from './diffDocuments.js';

/** "SEC Appendix AM v17.0 redline against v16.0" — safe as a file name on every system. */
export function redlineFileStem(next: RenderDocument, baseVersion: string | undefined, baseLabel: string): string {
  const v = (s: string) => (s ? `v${s}` : 'unversioned');
  const against = baseVersion === undefined ? baseLabel : baseVersion ? v(baseVersion) : baseLabel;
  return `${next.reference} ${v(next.version)} redline against ${against}`.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '-').replace(/\s+/g, ' ').trim();
}

/** "SEC Appendix AM v17.0 Annex A redline against v16.0": an annex's redline is named after its document's. */
export function annexStem(stem: string, annex: string): string {
  const at = stem.indexOf(' redline against ');
  return at < 0 ? `${stem} Annex ${annex}` : `${stem.slice(0, at)} Annex ${annex}${stem.slice(at)}`;
}

/** Provenance in house style for notes: `AL 3.14E` → "SMETS1 TMAD Clause 3.14E". */
export function describeProvenance(corpora: Corpus[], from: string): string {
  const m = /^([A-Z][A-Z0-9]*)(?:\s+(.+))?$/.exec(from.trim());
  if (!m) return from;
  const [, doc, local] = m;
  const corpus = corpora.find((c) => c.documents.has(doc!));
  const name = corpus ? citedName(corpus, doc!) : doc!;
  if (!local) return name;
  return `${name} ${/^[0-9]+[A-Za-z]*$/.test(local) ? 'Section' : 'Clause'} ${local}`;
}

export interface RedlineModelInput {
  next: Corpus;
  base: Corpus | undefined;
  doc: string;
  asAt: IsoDate;
  style: HouseStyle;
  linkable: ReadonlySet<string>;
  sourceDate: Date;
  author: string;
  /** ISO date-time written on every change. */
  date: string;
  baseLabel: string;
  notes?: string[];
  timings?: Record<string, number>;
  /** Both sides' document models when the caller has built them already (a pack renders the clean annex too). */
  models?: { next: RenderDocument; base: RenderDocument | undefined };
}

export function redlineModel(input: RedlineModelInput): RedlineDocument {
  const timings = input.timings ?? {};
  let t = performance.now();
  const common = { asAt: input.asAt, style: input.style, linkable: input.linkable, sourceDate: input.sourceDate };
  const next = input.models?.next ?? buildRenderModel({ corpus: input.next, doc: input.doc, ...common });
  const base = input.models ? input.models.base : input.base?.documents.has(input.doc) ? buildRenderModel({ corpus: input.base, doc: input.doc, ...common }) : undefined;
  timings.model = (timings.model ?? 0) + (performance.now() - t);
  // One document code is one document: a reference or title that changed between versions is a change like any
  // other, listed on the cover (diffDocuments' metadata changes), not a reason to refuse.
  t = performance.now();
  const corpora = [input.next, ...(input.base ? [input.base] : [])];
  const redline = diffDocuments(
    base,
    next,
    { author: input.author, date: input.date, baseVersion: base?.version ?? '', baseLabel: input.baseLabel, ...(input.notes?.length ? { notes: input.notes } : {}) },
    (from) => describeProvenance(corpora, from),
  );
  timings.diff = (timings.diff ?? 0) + (performance.now() - t);
  return redline;
}

