/**
 * `regmark pack`: one consultation → its paper, its annexes clean and redlined, a manifest with hashes, and
 * optionally a zip. The orchestration only: check (on the consultation date and every later date on which anything
 * enters or leaves force — which includes every proposed in-force date), build the paper's render model, build
 * each annex's render model once and hand it to every renderer, write atomically, record everything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCorpus, versionView, workingTreeView, type LoadCorpusOptions } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import { ArgumentError, InputError, type Diagnostic } from '../diagnostics/catalogue.js';
import { didYouMean } from '../model/suggest.js';
import { fails } from '../diagnostics/formatText.js';
import type { Corpus } from '../model/corpus.js';
import { trimRendered } from '../render/output/renderedFiles.js';
import { RenderPool, renderWorkers, type RenderJob, type RenderOutput } from '../render/renderPool.js';
import { diffDocuments } from '../diff/diffDocuments.js';
import { BaselineError, loadBaseline, type Baseline } from '../diff/loadBaseline.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import type { RenderDocument } from '../model/document.js';
import { ensureWritableDir } from '../files/atomicWrite.js';
import { sha256Hex } from '../files/lazyCrypto.js';
import { StagedFolder } from '../render/output/staging.js';
import { writeZip } from '../render/output/zip.js';
import { rendererFor } from '../render/registry.js';
import { matrixFiles } from '../render/matrix/matrixFiles.js';
import { annexStem } from '../diff/redlineModel.js';
import { houseStyleFor } from '../theme/houseStyle.js';
import { citedName } from '../document/referenceText.js';
import { readConsultation, type ConsultationFacts } from '../bind/papers.js';
import { PaperDiagnostics } from '../pack/diagnostics.js';
import type { ClauseChangeRow } from '../pack/directives.js';
import { buildPaper } from '../pack/paper.js';
import type { RetentionRow } from '../pack/retentionTable.js';
import type { FutureChangeRow } from '../pack/appendixTwo.js';
import { annexRedline, type AnnexRedline } from '../pack/redline.js';

/** Bad input to the pack (unknown consultation, unreadable baseline, unwritable --out): one line, exit 1. */
export class PackError extends InputError {}

export interface PackOptions extends LoadCorpusOptions {
  root: string;
  id: string;
  /** `--base`: overrides the manifest's `baseline:` (a folder, relative to the root, or a git ref). */
  base?: string;
  /** The folder the pack folder goes in (default `out`); the pack is written to `<outDir>/<ID>/`. */
  outDir: string;
  zip?: boolean;
  force?: boolean;
  templates?: string;
  sourceDate: Date;
  regmarkVersion?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  step: string;
  done: number;
  total: number;
}

export interface PackFile {
  name: string;
  path: string;
  kind: 'paper' | 'annex-clean' | 'annex-redline' | 'manifest' | 'zip';
  doc?: string;
  format: string;
  bytes: number;
  sha256: string;
}

export interface PackReport {
  id: string;
  dir: string;
  facts?: ConsultationFacts;
  corpus: Corpus;
  /** check's diagnostics on the consultation date and later dates; errors refuse the pack unless --force. */
  check: Diagnostic[];
  /** Problems in the paper (directives, keys, references): errors always refuse the pack. */
  /** Problems located in the consultation paper (check's and the layout's, once each): they always refuse the pack. */
  paper: Diagnostic[];
  refused: boolean;
  files: PackFile[];
  warnings: string[];
  retentionTables: Array<{ from: string; rows: RetentionRow[] }>;
  /** Rows of the paper's changes for future consideration (`::future-changes`). */
  futureChanges: FutureChangeRow[][];
  counts?: { paragraphs: number; questions: number; tables: number };
  timings: Record<string, number>;
}

export function annexBaseName(model: Pick<RenderDocument, 'reference' | 'version'>): string {
  return `${model.reference}${model.version ? ` v${model.version}` : ''}`.replace(/[/\\:*?"<>|]/g, '-');
}

export async function buildPack(options: PackOptions): Promise<PackReport> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const lap = (name: string, since: number) => (timings[name] = (timings[name] ?? 0) + (performance.now() - since));
  const root = resolve(options.root);
  const style = houseStyleFor(root, options.templates);
  // Files parsed here (none are when the parse cache has them) give the annexes' models their trees.
  const timeline = await loadCorpus(root, { ...options, timings, keepTrees: () => true });
  // The paper and the annexes show the working tree's text; the check reads every version.
  const corpus = workingTreeView(timeline);
  const id = options.id;
  const dir = resolve(options.outDir, id);
  const report: PackReport = { id, dir, corpus, check: [], paper: [], refused: false, files: [], warnings: [], retentionTables: [], futureChanges: [], timings };
  if (!corpus.consultations.has(id)) {
    const known = [...corpus.consultations.keys()].sort();
    // A manifest that is there but cannot be read is named as such, with its first problem.
    const unread = timeline.files.find((f) => f.path === `documents/${id}.md` && !f.manifest && f.diagnostics.length);
    const problem = unread && `documents/${id}.md cannot be read: ${unread.diagnostics[0]!.code}: ${unread.diagnostics[0]!.message} (run \`regmark check\` for the place)`;
    const what = problem ?? (corpus.documents.has(id) ? `${id} is a document of the code, not a consultation (a consultation manifest has \`kind: consultation\`)` : `no consultation ${id} (no documents/${id}.md with \`kind: consultation\`)`);
    if (problem) throw new PackError(problem);
    throw new ArgumentError(`${what}; consultations: ${known.join(', ') || 'none'}${didYouMean(id, known)}`);
  }
  const factsDiagnostics = new PaperDiagnostics(corpus.consultations.get(id)!.path, corpus.texts.get(corpus.consultations.get(id)!.path) ?? '');
  const facts = readConsultation(corpus, id, factsDiagnostics)!;
  report.facts = facts;
  report.paper.push(...factsDiagnostics.list);

  // The render threads start now, so that loading the renderers overlaps the check; a refused pack stops them unused.
  const pool = new RenderPool(renderWorkers(annexClauses(corpus, facts.annexes)));
  try {
    // Check first: on the consultation date and every later date on which anything enters or leaves force.
    let t = performance.now();
    report.check = runChecks(timeline, facts.date);
    lap('check', t);

    // The baseline: --base, else the manifest's `baseline:` (relative to the content root), else each annex's `previous`.
    const baseSpec = options.base ?? facts.baseline;
    let baseline: Baseline | undefined;
    let baseCorpus: Corpus | undefined;
    let baseLabel = '';
    const previousVersions = new Map(facts.annexes.flatMap((doc) => {
      const v = timeline.documents.get(doc)?.versions.at(-2);
      return v ? [[doc, v] as const] : [];
    }));
    if (baseSpec === undefined && facts.annexes.length && previousVersions.size === facts.annexes.length) {
      baseCorpus = versionView(timeline, (d) => previousVersions.get(d.code) ?? d.versions.at(-1)!);
      baseLabel = [...new Set([...previousVersions.values()].map((v) => v.ref!))].join(', ');
    } else if (baseSpec !== undefined) {
      try {
        baseline = await loadBaseline(root, baseSpec, { fromCorpus: options.base === undefined });
      } catch (error) {
        if (error instanceof BaselineError) throw new PackError(error.message.replace(/^--base/, options.base !== undefined ? '--base' : 'baseline:'));
        throw error;
      }
      // Read after the clean annexes are handed to the renderers (below), so that they draw while it is read.
      baseLabel = baseline.commit ? baseSpec : baseline.label;
    } else if (facts.annexes.length) {
      const d = new PaperDiagnostics(facts.path, corpus.texts.get(facts.path) ?? '');
      const without = facts.annexes.filter((doc) => !previousVersions.has(doc));
      d.add('invalid-consultation', facts.manifest.offset, `the annexes need a baseline to be redlined against: ${without.join(', ')} name${without.length === 1 ? 's' : ''} no \`previous\` version; add one to ${without.length === 1 ? 'its' : 'each'} manifest, set \`baseline:\` (a folder or git ref) or pass --base`);
      report.paper.push(...d.list);
    }

    let stage: StagedFolder | undefined;
    try {
      const linkable = new Set(facts.annexes);
      const models = new Map<string, RenderDocument>();
      const baseModels = new Map<string, RenderDocument | undefined>();
      // File names come from the annexes' manifests, as their models' reference and version do: an annex's files,
      // which link to the others', can then be drawn before the other annexes' models are built.
      const stems = new Map(
        facts.annexes.map((doc) => {
          const manifest = corpus.documents.get(doc)?.manifest;
          return [doc, annexBaseName({ reference: manifest?.reference ?? doc, version: manifest?.version ?? '' })] as const;
        }),
      );
      const cleanName = (doc: string, ext: string) => (stems.has(doc) ? `${stems.get(doc)!} clean.${ext}` : undefined);
      const redlines = new Map<string, AnnexRedline>();
      const redlineName = (doc: string, ext: string) => (redlines.has(doc) ? `${redlines.get(doc)!.stem}.${ext}` : undefined);

      // Files are drawn as soon as their models exist — the clean annexes while the baseline is read and diffed —
      // unless the check has already refused the pack. Nothing drawn is written before the pack is known to go ahead.
      const codes = [...new Set([...corpus.documents.keys(), ...facts.annexes])];
      type Job = { name: string; kind: PackFile['kind']; doc?: string; format: string; model: RenderDocument; names: (doc: string, ext: string) => string | undefined };
      const renderJob = (job: Job): RenderJob => {
        const ext = rendererFor(job.format)!.extension;
        const files: Record<string, string> = {};
        for (const code of codes) {
          const name = job.names(code, ext);
          if (name) files[code] = name;
        }
        return { format: job.format, model: job.model, theme: style.theme, files, ...(options.zip ? { zip: true } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
      };
      // A check error refuses the pack (unless --force) whatever else is found: then nothing is drawn at all.
      const refusedByCheck = !options.force && report.check.some((d) => fails(d));
      const submitted: string[] = [];
      const submit = (job: Job) => {
        if (refusedByCheck) return;
        pool.submit(renderJob(job));
        submitted.push(job.name);
      };
      const formats = ['docx', 'pdf'];
      const cleanJob = (doc: string, format: string): Job => ({ name: cleanName(doc, rendererFor(format)!.extension)!, kind: 'annex-clean', doc, format, model: models.get(doc)!, names: cleanName });
      // Annex render models, on the consultation date; each built once and shared by the clean and redline renders.
      // Each clean PDF is handed in as soon as its model exists: PDFs take longest, and a worker starts on one while
      // this thread builds the next model, and then reads the baseline.
      t = performance.now();
      for (const doc of facts.annexes) {
        models.set(doc, buildRenderModel({ corpus, doc, asAt: facts.date, style, linkable, sourceDate: options.sourceDate }));
        submit(cleanJob(doc, 'pdf'));
      }
      lap('models', t);
      const cleanJobs = facts.annexes.map((doc) => formats.map((format) => cleanJob(doc, format)));
      for (const job of cleanJobs.flat()) if (job.format === 'docx') submit(job);

      if (baseCorpus === undefined && baseline) {
        t = performance.now();
        baseCorpus = await loadCorpus(baseline.root, { history: false, keepTrees: () => true });
        lap('baseline', t);
      }
      t = performance.now();
      if (baseCorpus) for (const doc of facts.annexes) baseModels.set(doc, baseCorpus.documents.has(doc) ? buildRenderModel({ corpus: baseCorpus, doc, asAt: facts.date, style, linkable, sourceDate: options.sourceDate }) : undefined);
      lap('models', t);
      const baseVersion = (doc: string) => baseModels.get(doc)?.version;
      // The redlines are part of the consultation: their changes are dated as it is, not as the last commit.
      const changeDate = `${facts.date}T00:00:00Z`;
      // Redlines: the change tree of each annex against the baseline, from the redline work's own function.
      t = performance.now();
      if (baseCorpus) {
        for (const doc of facts.annexes) {
          redlines.set(doc, annexRedline({ next: corpus, base: baseCorpus, doc, asAt: facts.date, style, linkable, sourceDate: options.sourceDate, author: facts.author ?? style.theme.organisation, date: changeDate, baseLabel, models: { next: models.get(doc)!, base: baseModels.get(doc) } }, formats));
        }
      }
      lap('redline-models', t);
      const redlineJobs = facts.annexes.map((doc) => (redlines.get(doc)?.jobs() ?? []).map((job): Job => ({ name: job.name, kind: 'annex-redline', doc, format: job.format, model: job.model, names: redlineName })));
      for (const job of redlineJobs.flat().sort((a, b) => Number(a.format === 'docx') - Number(b.format === 'docx'))) submit(job);

      // Clause changes against the baseline, for ::changes.
      const changes = new Map<string, ClauseChangeRow[]>();
      const describe = (from: string) => {
        const [doc = '', local] = from.split(/\s+/);
        return local ? `${citedName(corpus, doc)} Clause ${local}` : citedName(corpus, doc);
      };
      const changesOf = (doc: string): ClauseChangeRow[] | undefined => {
        if (!baseCorpus) return undefined;
        if (!changes.has(doc)) {
          const next = models.get(doc) ?? buildRenderModel({ corpus, doc, asAt: facts.date, style, linkable, sourceDate: options.sourceDate });
          const base = baseModels.has(doc) ? baseModels.get(doc) : baseCorpus.documents.has(doc) ? buildRenderModel({ corpus: baseCorpus, doc, asAt: facts.date, style, linkable, sourceDate: options.sourceDate }) : undefined;
          // An annex's redline has diffed the same two models already; which clauses changed does not depend on who signs it.
          const redline = redlines.get(doc)?.model ?? diffDocuments(base, next, { author: style.theme.organisation, date: changeDate, baseVersion: base?.version ?? '', baseLabel }, describe);
          const fromOf = (id: string) => {
            const term = /^definition: (.*)$/.exec(id)?.[1];
            if (term !== undefined) return corpus.definitions.get(term)?.find((h) => h.home === doc)?.record.attributes.from;
            return corpus.provisions.get(id)?.record.attributes.from;
          };
          // The paper's change table lists provisions: clauses and definitions (tables and footnotes are within them).
          const rows = new Map(redline.summary.clauses.filter((c) => c.kind === 'clause' || c.kind === 'definition').map((c) => [c.id, c.change] as const));
          // Clauses of sections that are new as a whole: listed one by one, as added.
          const baseIds = new Set(base ? clauseIds(base.body) : []);
          for (const cid of clauseIds(next.body)) if (!baseIds.has(cid) && !rows.has(cid)) rows.set(cid, 'inserted');
          const order = (cid: string) => corpus.provisions.get(cid)?.order ?? Number.MAX_SAFE_INTEGER;
          const isDef = (cid: string) => cid.startsWith('definition: ');
          const sorted = [...rows.entries()].sort(([a], [b]) => Number(isDef(a)) - Number(isDef(b)) || order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
          changes.set(
            doc,
            sorted.map(([cid, change]) => {
              const from = fromOf(cid);
              return { id: cid, change, ...(from ? { from: describe(from) } : {}) };
            }),
          );
        }
        return changes.get(doc);
      };

      // The paper.
      t = performance.now();
      const annexNames = facts.annexes.map((d) => `${corpus.documents.get(d)!.manifest.reference ?? d}${models.get(d)?.version ? ` version ${models.get(d)!.version}` : ''}`);
      const baseWords = facts.annexes.map((d) => (baseVersion(d) ? `version ${baseVersion(d)}` : '')).filter(Boolean);
      const paper = buildPaper({
        corpus,
        facts,
        style,
        sourceDate: options.sourceDate,
        values: {
          annexes: annexNames.length > 1 ? `${annexNames.slice(0, -1).join(', ')} and ${annexNames.at(-1)}` : (annexNames[0] ?? 'no annexes'),
          baseline: baseWords.length ? `the current text (${[...new Set(baseWords)].join(', ')})` : 'the current text',
        },
        annexFile: (doc, ext) => cleanName(doc, ext),
        directives: {
          ...(baseCorpus ? { baseline: baseCorpus } : {}),
          ...(baseCorpus ? { baselineLabel: baseline?.label ?? baseLabel } : {}),
          annexes: facts.annexes,
          earlierUses: timeline.history.uses,
          changesOf,
        },
      });
      lap('paper', t);
      report.paper.push(...paper.diagnostics.list, ...paper.templateProblems);
      report.retentionTables = paper.retentionTables;
      report.futureChanges = paper.futureChanges;
      report.counts = paper.counts;
      // check reads the paper too; what it finds there is the paper's, whatever --force says.
      const inPaper = (d: Diagnostic) => d.ref === undefined && d.file === facts.path;
      report.paper = uniqueDiagnostics([...report.check.filter(inPaper), ...report.paper]);
      report.check = report.check.filter((d) => !inPaper(d));

      const checkErrors = report.check.filter((d) => fails(d));
      const paperErrors = report.paper.filter((d) => d.severity === 'error');
      if (paperErrors.length || (checkErrors.length && !options.force)) {
        report.refused = true;
        return report;
      }
      for (const d of report.check.filter((x) => x.severity === 'warning' && !x.accepted)) report.warnings.push(`${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}${d.date ? ` [${d.date}]` : ''}`);
      for (const d of report.paper.filter((x) => x.severity === 'warning')) report.warnings.push(`${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`);
      if (checkErrors.length) report.warnings.push(`--force: packed despite ${checkErrors.length} check error${checkErrors.length === 1 ? '' : 's'}`);

      // The folder that will hold the pack must be writable; the pack's own folder appears only when it is whole.
      try {
        await ensureWritableDir(dirname(dir));
      } catch (error) {
        throw new PackError(`--out ${options.outDir}: cannot write ${dirname(dir)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }

      // Every file, in the order the manifest lists them: the paper, then each annex clean and redlined.
      const paperBase = `${facts.id} ${facts.title}${facts.version ? ` v${facts.version}` : ''}`.replace(/[/\\:*?"<>|]/g, '-');
      const paperJobs = formats.map((format): Job => ({ name: `${paperBase}.${rendererFor(format)!.extension}`, kind: 'paper', format, model: paper.model, names: cleanName }));
      for (const job of [...paperJobs].reverse()) submit(job);
      const jobs: Job[] = [...paperJobs, ...facts.annexes.flatMap((doc, i) => [...cleanJobs[i]!, ...redlineJobs[i]!])];
      const previous = readPreviousManifest(dir);
      t = performance.now();
      let done = 0;
      options.onProgress?.({ step: jobs[0]?.name ?? '', done: 0, total: jobs.length });
      const results = await pool.finish((i) => options.onProgress?.({ step: submitted[i]!, done: ++done, total: jobs.length }));
      const outputs = new Map<string, RenderOutput>(submitted.map((name, i) => [name, results[i]!]));
      lap('render', t);
      // Everything is written into a staging folder beside the pack and swapped in at the end: an interrupted pack
      // leaves the previous one as it was.
      stage = await StagedFolder.open(dir);
      const staged = new Map<string, Uint8Array>();
      const zipped = new Map<string, NonNullable<RenderOutput['zipped']>>();
      for (const job of jobs) {
        const result = outputs.get(job.name)!;
        const path = join(dir, job.name);
        await stage.write(job.name, result.bytes);
        staged.set(job.name, result.bytes);
        if (result.zipped) zipped.set(job.name, result.zipped);
        report.files.push({ name: job.name, path, kind: job.kind, ...(job.doc ? { doc: job.doc } : {}), format: job.format, bytes: result.bytes.length, sha256: result.sha256 });
        for (const w of result.warnings) report.warnings.push(`${job.name}: ${w}`);
      }
      // Each annex's device matrices, clean and against the baseline: a workbook and annex pages in PDF.
      t = performance.now();
      for (const doc of facts.annexes) {
        const clean = await matrixFiles({ corpus, doc, asAt: facts.date, style, sourceDate: options.sourceDate, formats: ['pdf'], workbook: true, name: (annex) => `${stems.get(doc)!} Annex ${annex} clean` });
        const redline = redlines.get(doc);
        const marked =
          redline && baseCorpus
            ? await matrixFiles({
                corpus,
                doc,
                asAt: facts.date,
                style,
                sourceDate: options.sourceDate,
                formats: ['pdf'],
                workbook: true,
                name: (annex) => annexStem(redline.stem, annex),
                base: { corpus: baseCorpus, info: { author: facts.author ?? style.theme.organisation, date: changeDate, baseVersion: baseVersion(doc) ?? '', baseLabel, ...(baseCorpus.documents.has(doc) ? {} : { baseMissing: true }) } },
              })
            : [];
        for (const [kind, list] of [['annex-clean', clean], ['annex-redline', marked]] as const) {
          for (const f of list) {
            await stage.write(f.name, f.bytes);
            staged.set(f.name, f.bytes);
            report.files.push({ name: f.name, path: join(dir, f.name), kind, doc, format: f.format, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) });
            for (const w of f.warnings) report.warnings.push(`${f.name}: ${w}`);
          }
        }
      }
      lap('matrices', t);
      options.onProgress?.({ step: 'manifest.json', done: jobs.length, total: jobs.length });

      // manifest.json: every file with its hash, the versions, the baseline, the build date, the warnings.
      const manifest = {
        consultation: { id: facts.id, title: facts.title, ...(facts.subtitle ? { subtitle: facts.subtitle } : {}), version: facts.version, date: facts.date, ...(facts.closes ? { closes: facts.closes.time ? `${facts.closes.date}T${facts.closes.time}` : facts.closes.date } : {}), ...(facts.respondTo ? { respondTo: facts.respondTo } : {}) },
        buildDate: options.sourceDate.toISOString(),
        generator: `regmark ${options.regmarkVersion ?? ''}`.trim(),
        baseline: baseline ? { source: baseSpec, label: baseline.label, ...(baseline.commit ? { commit: baseline.commit } : {}) } : baseCorpus ? { source: 'previous', label: baseLabel, previous: Object.fromEntries([...previousVersions].map(([doc, v]) => [doc, { ref: v.ref, version: v.manifest.version ?? null }])) } : null,
        documents: Object.fromEntries(facts.annexes.map((d) => [d, { reference: models.get(d)!.reference, title: models.get(d)!.title, version: models.get(d)!.version, ...(baseCorpus ? { baselineVersion: baseVersion(d) ?? null } : {}) }])),
        checked: { asAt: facts.date, errors: checkErrors.length, warnings: report.check.filter((d) => !d.accepted).length - checkErrors.length, forced: Boolean(checkErrors.length && options.force) },
        acceptedRisks: acceptedRisks(report.check),
        warnings: report.warnings,
        files: report.files.map((f) => ({ name: f.name, kind: f.kind, ...(f.doc ? { document: f.doc } : {}), format: f.format, bytes: f.bytes, sha256: f.sha256 })),
      };
      const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
      await stage.write('manifest.json', manifestBytes);
      staged.set('manifest.json', manifestBytes);
      report.files.push({ name: 'manifest.json', path: join(dir, 'manifest.json'), kind: 'manifest', format: 'json', bytes: manifestBytes.length, sha256: sha256Hex(manifestBytes) });

      const beside: Array<{ staged: string; to: string }> = [];
      if (options.zip) {
        t = performance.now();
        // The rendered files were deflated where they were drawn; the rest (matrices, manifest) are deflated here.
        const entries = report.files.map((f) => ({ name: `${id}/${f.name}`, data: staged.get(f.name)!, ...(zipped.has(f.name) ? { stored: zipped.get(f.name)! } : {}) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const zip = writeZip(entries, options.sourceDate);
        const path = resolve(options.outDir, `${id}.zip`);
        await stage.write('.pack.zip', zip);
        beside.push({ staged: '.pack.zip', to: path });
        report.files.push({ name: `${id}.zip`, path, kind: 'zip', format: 'zip', bytes: zip.length, sha256: sha256Hex(zip) });
        lap('zip', t);
      }
      // Files an earlier pack of this consultation wrote are replaced as a whole (a file this one did not write goes
      // with the old folder); anything else someone put in the folder is carried across.
      const ours = new Set([...previous, ...staged.keys()]);
      await stage.commit({ keep: (name) => !ours.has(name) && !name.startsWith('.'), beside });
      stage = undefined;
      const used = new Set(results.flatMap((r) => (r?.key ? [r.key] : [])));
      if (options.cacheDir && used.size) await trimRendered(options.cacheDir, used);
      timings.total = performance.now() - started;
      return report;
    } finally {
      // A pack that failed after staging leaves the previous one untouched and no staging folder behind.
      await stage?.abort();
      await baseline?.dispose();
    }
  } finally {
    await pool.close();
  }
}

/** Clauses of the annexes, as the corpus has them: what drawing the pack will cost, near enough. */
function annexClauses(corpus: Corpus, annexes: readonly string[]): number {
  const wanted = new Set(annexes);
  let count = 0;
  for (const p of corpus.provisions.values()) if (p.record.kind === 'clause' && wanted.has(p.doc)) count++;
  return count;
}

function clauseIds(blocks: readonly RenderDocument['body'][number][], out: string[] = []): string[] {
  for (const b of blocks) {
    if (b.kind === 'clause') out.push(b.id);
    else if (b.kind === 'section') clauseIds(b.children, out);
  }
  return out;
}

function readPreviousManifest(dir: string): string[] {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return [];
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { files?: Array<{ name?: unknown }> };
    return (json.files ?? []).map((f) => f.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return [];
  }
}

/** The accepted risks a pack lists: one row per acceptance, with every diagnostic it covers. */
export function acceptedRisks(check: Diagnostic[]): Array<{ code: string; about: string; until: string; reason: string; acceptedIn: string; occurrences: Array<{ file: string; line: number; ref?: string; version?: string; date?: string; message: string }> }> {
  const rows = new Map<string, ReturnType<typeof acceptedRisks>[number]>();
  for (const d of check) {
    if (!d.accepted) continue;
    const key = `${d.accepted.file}:${d.accepted.line}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { code: d.code, about: d.accepted.about, until: d.accepted.until, reason: d.accepted.reason, acceptedIn: key, occurrences: [] }));
    row.occurrences.push({ file: d.file, line: d.line, ...(d.ref !== undefined ? { ref: d.ref } : {}), ...(d.version !== undefined ? { version: d.version } : {}), ...(d.date ? { date: d.date } : {}), message: d.message });
  }
  return [...rows.values()];
}

/** The same problem found by check and by the layout is reported once. */
function uniqueDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
