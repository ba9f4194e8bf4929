/**
 * The redline command's pipeline: load the baseline (a folder or a git ref), build the render model of each
 * document on both sides as at one date, diff them into a change tree, and hand it to the same renderers as the
 * clean build. Bad input is a RedlineError (one line); content problems in the baseline are notes on the cover.
 */
import { basename, join, resolve } from 'node:path';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus, versionView, workingTreeView, type LoadCorpusOptions } from '../pipeline.js';
import { LineIndex } from '../parse/lines.js';
import { buildRenderModel } from '../render/model/buildRenderModel.js';
import { citedName } from '../render/model/referenceText.js';
import type { RenderDocument } from '../render/model/types.js';
import { ensureWritableDir } from '../render/output/atomicWrite.js';
import { StagedFiles } from '../render/output/staging.js';
import { OUTPUT_FORMATS, WORKBOOK, rendererFor } from '../render/registry.js';
import { matrixFiles } from '../render/matrix/matrixFiles.js';
import { loadHouseStyle, TemplateError, templatesDirFor, type HouseStyle } from '../render/theme/houseStyle.js';
import { changesOnly } from './changesOnly.js';
import { diffDocuments, type RedlineDocument } from './diffDocuments.js';
import { BaselineError, loadBaseline, type Baseline } from './loadBaseline.js';

export class RedlineError extends Error {}

export interface RedlineOptions extends LoadCorpusOptions {
  root: string;
  docs: string[];
  /** A git ref of the content repository or a folder with the content layout; without it, each document's `previous`. */
  base?: string;
  asAt: IsoDate;
  formats: string[];
  outDir: string;
  author: string;
  /** ISO date-time written on every change. */
  date: string;
  sourceDate: Date;
  changesOnly?: boolean;
  templates?: string;
}

export interface RedlineFile {
  doc: string;
  format: string;
  path: string;
  bytes: number;
  ms: number;
  /** Set for a device matrix annex's file (its letter). */
  annex?: string;
}

export interface RedlineReport {
  baseLabel: string;
  files: RedlineFile[];
  notes: string[];
  warnings: string[];
  summaries: Array<{ doc: string; summary: RedlineDocument['summary'] }>;
  timings: Record<string, number>;
  style: HouseStyle;
}

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

function loadStyle(root: string, templates: string | undefined): HouseStyle {
  try {
    return loadHouseStyle(templatesDirFor(root, templates));
  } catch (error) {
    if (error instanceof TemplateError) throw new RedlineError(error.message);
    throw error;
  }
}

/** The change tree of one document, from two corpora already loaded: what the command and the benchmark share. */
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
}

export function redlineModel(input: RedlineModelInput): RedlineDocument {
  const timings = input.timings ?? {};
  let t = performance.now();
  const common = { asAt: input.asAt, style: input.style, linkable: input.linkable, sourceDate: input.sourceDate };
  const next = buildRenderModel({ corpus: input.next, doc: input.doc, ...common });
  const base = input.base?.documents.has(input.doc) ? buildRenderModel({ corpus: input.base, doc: input.doc, ...common }) : undefined;
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

export async function redlineDocuments(options: RedlineOptions): Promise<RedlineReport> {
  const timings: Record<string, number> = {};
  const root = resolve(options.root);
  const requested = options.formats.length ? options.formats : [...OUTPUT_FORMATS];
  for (const f of requested) if (!OUTPUT_FORMATS.includes(f)) throw new RedlineError(`unknown format \`${f}\` (known: ${OUTPUT_FORMATS.join(', ')})`);
  const formats = requested.filter((f) => rendererFor(f));
  if (!options.docs.length) throw new RedlineError('name at least one document to redline (e.g. `regmark redline AM --base v16`)');
  const style = loadStyle(root, options.templates);
  const outDir = resolve(options.outDir);
  try {
    await ensureWritableDir(outDir);
  } catch (error) {
    throw new RedlineError(`--out ${options.outDir}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let baseline: Baseline | undefined;
  try {
    if (options.base !== undefined) baseline = await loadBaseline(root, options.base);
  } catch (error) {
    if (error instanceof BaselineError) throw new RedlineError(error.message);
    throw error;
  }
  try {
    let t = performance.now();
    // A redline shows text as it is: it reads both sides but does not gate on `check` (run that separately).
    const timeline = await loadCorpus(root, { ...options, timings });
    const corpus = workingTreeView(timeline);
    const baseCorpus = baseline ? await loadCorpus(baseline.root, { history: false }) : undefined;
    timings.load = performance.now() - t;
    for (const doc of options.docs) {
      if (!corpus.documents.has(doc)) {
        const known = [...corpus.documents.keys()].sort().join(', ') || 'none';
        throw new RedlineError(`unknown document ${doc}; known: ${known}`);
      }
    }
    const bases = new Map<string, { corpus: Corpus; label: string; stem: string }>();
    for (const doc of options.docs) {
      if (baseline && baseCorpus) {
        bases.set(doc, { corpus: baseCorpus, label: baseline.label, stem: baseline.commit ? options.base! : basename(baseline.root) });
        continue;
      }
      const symbol = timeline.documents.get(doc)!;
      const previous = symbol.versions.at(-2);
      if (!previous) {
        const problem = timeline.history.problems.find((p) => p.file === symbol.manifestPath);
        throw new RedlineError(
          problem
            ? `${doc}: its \`previous\` cannot be read (${problem.message}); fix it or pass --base REF|DIR`
            : `${doc} names no \`previous\` version in ${symbol.manifestPath}; add \`previous:\` (FORMAT.md: Versions) or pass --base REF|DIR`,
        );
      }
      const base = versionView(timeline, (d) => (d.code === doc ? previous : d.versions.at(-1)!));
      bases.set(doc, { corpus: base, label: previous.ref!, stem: basename(previous.ref!) });
    }
    const labels = [...new Set([...bases.values()].map((b) => b.label))];
    const report: RedlineReport = { baseLabel: labels.length === 1 ? labels[0]! : `each document's previous version (${labels.join(', ')})`, files: [], notes: [], warnings: [], summaries: [], timings, style };
    const linkable = new Set(options.docs);
    const stems = new Map<string, string>();
    const models = new Map<string, RedlineDocument>();
    for (const doc of options.docs) {
      const base = bases.get(doc)!;
      const notes = baselineNotes(base.corpus, doc);
      let model = redlineModel({ next: corpus, base: base.corpus, doc, asAt: options.asAt, style, linkable, sourceDate: options.sourceDate, author: options.author, date: options.date, baseLabel: base.label, notes, timings });
      if (model.redline.baseMissing) report.notes.push(`${doc}: the baseline (${base.label}) has no ${doc}; everything is shown as inserted`);
      else if (model.redline.baseVersion && model.redline.baseVersion === model.version) report.warnings.push(`${doc}: both versions are numbered ${model.version}; bump \`version:\` in documents/${doc}.md for the new text`);
      for (const n of notes) report.notes.push(`${doc}: ${n}`);
      if (options.changesOnly) model = changesOnly(model);
      models.set(doc, model);
      stems.set(doc, redlineFileStem(model, model.redline.baseMissing ? undefined : model.redline.baseVersion, base.stem));
      report.summaries.push({ doc, summary: model.summary });
      for (const p of model.problems) report.warnings.push(`${p.file}: ${p.message}`);
    }
    // Staged, then renamed into place together: an interrupted redline leaves --out as it was.
    const staging = await StagedFiles.open(outDir);
    try {
      for (const [doc, model] of models) {
        for (const format of formats) {
          const renderer = rendererFor(format)!;
          t = performance.now();
          const result = await renderer.render(model, { theme: style.theme, fileFor: (d) => (stems.has(d) ? `${stems.get(d)}.${renderer.extension}` : undefined) });
          const path = join(outDir, `${stems.get(doc)}.${renderer.extension}`);
          try {
            await staging.write(basename(path), result.bytes);
          } catch (error) {
            throw new RedlineError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
          }
          const ms = performance.now() - t;
          timings[format] = (timings[format] ?? 0) + ms;
          report.files.push({ doc, format, path, bytes: result.bytes.length, ms });
          for (const w of result.warnings) report.warnings.push(`${basename(path)}: ${w}`);
        }
        // Its device matrices, each against the baseline's annex of the same letter: workbook and annex pages.
        t = performance.now();
        const base = bases.get(doc)!;
        const info = { author: options.author, date: options.date, baseVersion: model.redline.baseVersion, baseLabel: base.label, ...(model.redline.baseMissing ? { baseMissing: true } : {}) };
        for (const f of await matrixFiles({ corpus, doc, asAt: options.asAt, style, sourceDate: options.sourceDate, formats, workbook: requested.includes(WORKBOOK), name: (annex) => annexStem(stems.get(doc)!, annex), base: { corpus: base.corpus, info } })) {
          const path = join(outDir, f.name);
          try {
            await staging.write(f.name, f.bytes);
          } catch (error) {
            throw new RedlineError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
          }
          report.files.push({ doc, format: f.format, path, bytes: f.bytes.length, ms: performance.now() - t, annex: f.annex });
          for (const w of f.warnings) report.warnings.push(`${f.name}: ${w}`);
          t = performance.now();
        }
      }
      await staging.commit();
    } finally {
      await staging.abort();
    }
    return report;
  } finally {
    await baseline?.dispose();
  }
}

/** Problems of a baseline that change how it is read: said on the cover and on the terminal, never fatal. */
function baselineNotes(base: Corpus, doc: string): string[] {
  const notes: string[] = [];
  for (const d of base.duplicates) {
    if ((/^(?:clauses|definitions)\/([^/]+)\//.exec(d.file)?.[1] ?? '') !== doc) continue;
    const { line, column } = new LineIndex(base.texts.get(d.file) ?? '').locate(d.offset ?? 0);
    notes.push(`the baseline has a duplicate ID at ${d.file}:${line}:${column} (${d.what} is already defined); its clauses are aligned by position`);
  }
  for (const [file, text] of base.texts) {
    if (!/\u0000|\uFFFD/.test(text)) continue;
    const owner = /^(?:clauses|definitions)\/([^/]+)\//.exec(file)?.[1] ?? /^documents\/([^/.]+)\.md$/.exec(file)?.[1] ?? '';
    if (owner === doc) notes.push(`the baseline's ${file} is not UTF-8 text (binary content?); what could be read of it is compared`);
  }
  return notes;
}
