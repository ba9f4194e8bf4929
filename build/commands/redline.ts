/**
 * The redline command's pipeline: load the baseline (a folder or a git ref), build the render model of each
 * document on both sides as at one date, diff them into a change tree, and hand it to the same renderers as the
 * clean build. Bad input is a RedlineError (one line); content problems in the baseline are notes on the cover.
 */
import { basename, resolve } from 'node:path';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus, versionView, workingTreeView, type LoadCorpusOptions } from '../pipeline.js';
import { LineIndex } from '../parse/lines.js';
import { ArgumentError, InputError, type Diagnostic } from '../diagnostics/catalogue.js';
import { didYouMean } from '../model/suggest.js';
import { problemDiagnostics } from '../document/problems.js';
import { knownFormats, renderInto, writableOut, type RenderedFile } from '../render/output/renderInto.js';
import { WORKBOOK, rendererFor } from '../render/registry.js';
import { matrixFiles } from '../render/matrix/matrixFiles.js';
import { houseStyleFor, type HouseStyle } from '../theme/houseStyle.js';
import { changesOnly } from '../diff/changesOnly.js';
import type { RedlineDocument } from '../diff/diffDocuments.js';
import { annexStem, redlineFileStem, redlineModel } from '../diff/redlineModel.js';
export { annexStem, redlineFileStem, redlineModel, describeProvenance, type RedlineModelInput } from '../diff/redlineModel.js';
import { BaselineError, loadBaseline, type Baseline } from '../diff/loadBaseline.js';

export class RedlineError extends InputError {}

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

export type RedlineFile = RenderedFile;

export interface RedlineReport {
  baseLabel: string;
  files: RedlineFile[];
  notes: string[];
  warnings: string[];
  /** Content the layout showed other than as written, in either version. */
  problems: Diagnostic[];
  summaries: Array<{ doc: string; summary: RedlineDocument['summary'] }>;
  timings: Record<string, number>;
  style: HouseStyle;
}

export async function redlineDocuments(options: RedlineOptions): Promise<RedlineReport> {
  const timings: Record<string, number> = {};
  const root = resolve(options.root);
  const requested = knownFormats(options.formats);
  const formats = requested.filter((f) => rendererFor(f));
  if (!options.docs.length) throw new RedlineError('name at least one document to redline (e.g. `regmark redline AM --base v16`)');
  const style = houseStyleFor(root, options.templates);
  const outDir = await writableOut(options.outDir);
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
        const known = [...corpus.documents.keys()].sort();
        throw new ArgumentError(`unknown document ${doc}; known: ${known.join(', ') || 'none'}${didYouMean(doc, known)}`);
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
            : `${doc} names no \`previous\` version in ${symbol.manifestPath}; add \`previous:\` (docs/versions.md) or pass --base REF|DIR`,
        );
      }
      const base = versionView(timeline, (d) => (d.code === doc ? previous : d.versions.at(-1)!));
      bases.set(doc, { corpus: base, label: previous.ref!, stem: basename(previous.ref!) });
    }
    const labels = [...new Set([...bases.values()].map((b) => b.label))];
    const report: RedlineReport = { baseLabel: labels.length === 1 ? labels[0]! : `each document's previous version (${labels.join(', ')})`, files: [], notes: [], warnings: [], problems: [], summaries: [], timings, style };
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
      report.problems.push(...problemDiagnostics((f) => corpus.texts.get(f) ?? base.corpus.texts.get(f), model.problems));
    }
    const jobs = [...models].map(([doc, model]) => {
      const base = bases.get(doc)!;
      const info = { author: options.author, date: options.date, baseVersion: model.redline.baseVersion, baseLabel: base.label, ...(model.redline.baseMissing ? { baseMissing: true } : {}) };
      return {
        doc,
        stem: stems.get(doc)!,
        model: () => model,
        // Its device matrices, each against the baseline's annex of the same letter: workbook and annex pages.
        extra: () => matrixFiles({ corpus, doc, asAt: options.asAt, style, sourceDate: options.sourceDate, formats, workbook: requested.includes(WORKBOOK), name: (annex) => annexStem(stems.get(doc)!, annex), base: { corpus: base.corpus, info } }),
      };
    });
    const rendered = await renderInto(outDir, formats, style.theme, jobs, timings, options.cacheDir);
    report.files.push(...rendered.files);
    report.warnings.push(...rendered.warnings);
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
