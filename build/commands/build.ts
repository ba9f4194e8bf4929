/**
 * The build: check the corpus on the as-at date, choose the documents, build each one's render model once, hand it
 * to every requested renderer, and write the files atomically. Problems with the input are BuildErrors (one line
 * each); problems with the content are check diagnostics, which stop the build unless it is forced.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRoot, corpusAt, loadCorpus, plannedVersion, workingTreeView, type LoadCorpusOptions } from '../pipeline.js';
import { checkWithIndex, corpusForDocuments } from '../watch/checkIndex.js';
import { runChecks } from '../checks/index.js';
import type { Corpus } from '../model/corpus.js';
import { contains, type IsoDate } from '../model/dates.js';
import { ArgumentError, InputError, type Diagnostic } from '../diagnostics/catalogue.js';
import { fails } from '../diagnostics/formatText.js';
import { describeInterval } from '../checks/context.js';
import { didYouMean } from '../model/suggest.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import { problemDiagnostics } from '../document/problems.js';
import type { Omission, RenderDocument } from '../model/document.js';
import { knownFormats, renderInto, writableOut, type RenderedFile } from '../render/output/renderInto.js';
import { OUTPUT_FORMATS, WORKBOOK, rendererFor } from '../render/registry.js';
import { matrixFiles } from '../render/matrix/matrixFiles.js';
import { houseStyleFor, type HouseStyle } from '../theme/houseStyle.js';

/** Bad input to the build: printed as one line, exit 1. */
export class BuildError extends InputError {}

export interface BuildOptions extends LoadCorpusOptions {
  root: string;
  /** Document codes asked for; empty means every document in force on the as-at date. */
  docs: string[];
  asAt: IsoDate;
  formats: string[];
  outDir: string;
  force?: boolean;
  /** Build the working tree's version of every document, whichever version applies on the as-at date. */
  workingTree?: boolean;
  /** `--templates DIR`; default ROOT/templates, else regmark's own. */
  templates?: string;
  sourceDate: Date;
}

export type BuiltFile = RenderedFile;

export interface BuildReport {
  /** The code as it stands on the as-at date (each document in the version that applies then). */
  corpus: Corpus;
  /** Every version, for locating diagnostics in earlier versions' text. */
  timeline: Corpus;
  /** Documents built from an earlier version than the working tree's: the version that applies on the as-at date. */
  versions: Array<{ doc: string; version: string; ref: string }>;
  /** Errors on the as-at date. When `refused`, nothing was written. */
  blocking: Diagnostic[];
  /** Errors `check` finds only on later dates: they do not stop a build as at this date. */
  later: Diagnostic[];
  refused: boolean;
  files: BuiltFile[];
  skipped: Array<{ doc: string; reason: string }>;
  omitted: Array<{ doc: string; omissions: Omission[] }>;
  warnings: string[];
  /** Content the layout showed other than as written (an image, a footnote with no text). */
  problems: Diagnostic[];
  style: HouseStyle;
  timings: Record<string, number>;
}

export function parseFormats(value: string | undefined): string[] {
  if (value === undefined) return [...OUTPUT_FORMATS];
  const formats = [...new Set(value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  if (!formats.length) throw new ArgumentError(`--format ${value}: name at least one of ${OUTPUT_FORMATS.join(', ')}`);
  return knownFormats(formats, value);
}

function chooseDocuments(corpus: Corpus, requested: string[], asAt: IsoDate): { docs: string[]; skipped: BuildReport['skipped'] } {
  const known = [...corpus.documents.keys()].sort();
  const skipped: BuildReport['skipped'] = [];
  if (requested.length) {
    for (const doc of requested) {
      const symbol = corpus.documents.get(doc);
      if (!symbol) {
        const what = corpus.consultations.has(doc) ? `${doc} is a consultation, not a document of the code (build makes the code's documents)` : `unknown document ${doc}`;
        throw new ArgumentError(known.length ? `${what}; known: ${known.join(', ')}${didYouMean(doc, known)}` : `${what}: there are no manifests in documents/ yet`);
      }
      if (!contains(symbol.inForce, asAt)) throw new BuildError(`${doc} is not in force on ${asAt} (${describeInterval(symbol.inForce)}); pass --as-at a date on which it applies`);
    }
    return { docs: [...new Set(requested)], skipped };
  }
  const docs: string[] = [];
  for (const doc of known) {
    const symbol = corpus.documents.get(doc)!;
    if (contains(symbol.inForce, asAt)) docs.push(doc);
    else skipped.push({ doc, reason: `not in force on ${asAt} (${describeInterval(symbol.inForce)})` });
  }
  return { docs, skipped };
}

/**
 * The check that gates a build. With a cache, the check index answers it (an unchanged corpus is not checked
 * again) and the corpus is loaded for the renderers only; without one, the corpus is checked in full.
 */
async function checkForBuild(root: string, options: LoadCorpusOptions & { asAt: IsoDate; docs: string[] }): Promise<{ corpus: Corpus; diagnostics: Diagnostic[] }> {
  // Without a cache every file is parsed for the check: the named documents' trees are kept for their models.
  if (!options.cacheDir) return checkRoot(root, { ...options, keepTrees: (ref) => !options.docs.length || options.docs.includes(ref.doc) });
  const indexOptions = { asAt: options.asAt, cacheDir: options.cacheDir, ...(options.timings ? { timings: options.timings } : {}) };
  const checked = await checkWithIndex(root, indexOptions);
  if (checked.corpus) return { corpus: checked.corpus, diagnostics: checked.diagnostics };
  // Named documents are read in full, the others from the index's shapes.
  const focused = options.docs.length ? await corpusForDocuments(root, new Set(options.docs), checked, indexOptions) : undefined;
  if (focused) return { corpus: focused, diagnostics: checked.diagnostics };
  let keys: ReadonlyMap<string, string> | undefined;
  const corpus = await loadCorpus(root, { ...options, onLoaded: (loaded) => (keys = loaded.keys) });
  // A source saved between the check and the read is checked again, so that what is rendered is what was checked.
  const same = keys?.size === checked.sources?.length && (checked.sources ?? []).every((s) => keys?.get(s.path) === s.key);
  return { corpus, diagnostics: same ? checked.diagnostics : runChecks(corpus, options.asAt) };
}

export async function buildDocuments(options: BuildOptions): Promise<BuildReport> {
  const timings: Record<string, number> = {};
  const root = resolve(options.root);
  const requested = knownFormats(options.formats);
  const formats = requested.filter((f) => rendererFor(f));
  const style = houseStyleFor(root, options.templates);
  const outDir = await writableOut(options.outDir);

  const { corpus: timeline, diagnostics } = await checkForBuild(root, { ...options, timings });
  // The text of each document as it stands on the as-at date: an earlier version until its successor takes effect.
  const corpus = options.workingTree ? workingTreeView(timeline) : corpusAt(timeline, options.asAt);
  const errors = diagnostics.filter((d) => fails(d));
  const blocking = errors.filter((d) => d.date === undefined || d.date <= options.asAt);
  const later = errors.filter((d) => !blocking.includes(d));
  const { docs, skipped } = chooseDocuments(corpus, options.docs, options.asAt);
  const versions = docs.flatMap((doc) => {
    const v = options.workingTree ? timeline.documents.get(doc)!.versions.at(-1)! : plannedVersion(timeline.documents.get(doc)!, options.asAt);
    return v.ref === undefined ? [] : [{ doc, version: v.manifest.version ?? '?', ref: v.ref }];
  });
  const report: BuildReport = { corpus, timeline, versions, blocking, later, refused: false, files: [], skipped, omitted: [], warnings: [], problems: [], style, timings };
  if (blocking.length && !options.force) {
    report.refused = true;
    return report;
  }

  const linkable = new Set(docs);
  const jobs = docs.map((doc) => ({
    doc,
    stem: doc,
    model: () => {
      const t = performance.now();
      const model: RenderDocument = buildRenderModel({ corpus, doc, asAt: options.asAt, style, linkable, sourceDate: options.sourceDate });
      timings.model = (timings.model ?? 0) + (performance.now() - t);
      if (model.omitted.length) report.omitted.push({ doc, omissions: model.omitted });
      report.problems.push(...problemDiagnostics((f) => corpus.texts.get(f), model.problems));
      return model;
    },
    // A document's device matrices: a workbook per annex, and its annex pages in the same formats.
    extra: () => matrixFiles({ corpus, doc, asAt: options.asAt, style, sourceDate: options.sourceDate, formats, workbook: requested.includes(WORKBOOK), name: (annex) => `${doc}-annex-${annex}` }),
  }));
  const rendered = await renderInto(outDir, formats, style.theme, jobs, timings, options.cacheDir);
  report.files.push(...rendered.files);
  report.warnings.push(...rendered.warnings);
  // Files an earlier build left for documents this one skips: said, not deleted (they may be wanted), so that no
  // one publishes an expired document's file by mistake.
  for (const s of skipped) {
    const stale = formats.map((f) => join(outDir, `${s.doc}.${rendererFor(f)!.extension}`)).filter((p) => existsSync(p));
    if (stale.length) report.warnings.push(`${stale.join(', ')}: left from an earlier build; ${s.doc} is not built as at ${options.asAt} (${s.reason}), so remove ${stale.length > 1 ? 'them' : 'it'} if ${stale.length > 1 ? 'they are' : 'it is'} not to be published`);
  }
  return report;
}
