/**
 * Benchmark of `regmark build`: source → DOCX and source → PDF end to end (read, parse, bind, check, render model,
 * render, write), against pandoc turning the same Markdown files, concatenated, into DOCX. run.ts prints the figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDocuments } from '../commands/build.js';
import { loadCorpus } from '../pipeline.js';
import type { IsoDate } from '../model/dates.js';

export interface Timing {
  /** Median of the measured runs (after the warm-up runs), milliseconds. */
  ms: number;
  /** The very first run in this process, before the JIT has warmed up: what a one-off CLI build pays, less start-up. */
  firstMs: number;
  runs: number[];
  bytes: number;
}

export interface BuildBenchResult {
  root: string;
  /** The document benchmarked, or "*" for every document in force. */
  doc: string;
  asAt: IsoDate;
  documents: string[];
  sourceFiles: number;
  sourceBytes: number;
  docx: Timing;
  pdf: Timing;
  /** pandoc -f markdown -t docx over the same files; absent when pandoc is not installed. */
  pandoc?: Timing;
  /** pandoc time over regmark's DOCX time (median against median); the target is at least 2. */
  pandocRatio?: number;
  /** Highest resident set size seen during the runs, MB. */
  peakRssMb: number;
}

export interface BuildBenchOptions {
  /** Measured runs (default 5); the median is reported. */
  runs?: number;
  /** Runs before measuring, to let the JIT warm up (default 2); the first of them is reported as `firstMs`. */
  warmup?: number;
  /** Date the documents are built as at; default a date on which the document is in force. */
  asAt?: IsoDate;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timing(runs: number[], first: number, bytes: number): Timing {
  return { ms: median(runs), firstMs: first, runs, bytes };
}

/**
 * Times S → DOCX and S → PDF for `doc` ("*" for every document in force) under `root`, and pandoc over the same
 * Markdown. Each runs `warmup` times unmeasured, then `runs` times; the median is reported. Each regmark run is a whole
 * build — read, parse (no parse cache), bind, check, render model, render, write — in this process.
 */
export async function benchBuild(root: string, doc: string, options: BuildBenchOptions = {}): Promise<BuildBenchResult> {
  const absRoot = resolve(root);
  const runs = Math.max(1, options.runs ?? 5);
  const warmup = Math.max(0, options.warmup ?? 2);
  const corpus = await loadCorpus(absRoot, { workers: 0 });
  const all = doc === '*' || doc === '';
  if (!all && !corpus.documents.has(doc)) throw new Error(`benchBuild: no document ${doc} under ${absRoot}`);
  const symbol = all ? undefined : corpus.documents.get(doc)!;
  const asAt = options.asAt ?? ((symbol?.inForce.until ?? symbol?.inForce.from ?? '2025-06-01') as IsoDate);
  const docs = all ? [] : [doc];
  const files = all
    ? [...corpus.documents.values()].flatMap((d) => [d.manifestPath, ...d.files.map((f) => f.path)])
    : [symbol!.manifestPath, ...symbol!.files.map((f) => f.path)];
  const sourceBytes = files.reduce((n, f) => n + statSync(join(absRoot, f)).size, 0);
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 20);
  const out = mkdtempSync(join(tmpdir(), 'regmark-bench-'));
  try {
    const once = async (format: 'docx' | 'pdf') => {
      const t = performance.now();
      const report = await buildDocuments({ root: absRoot, docs, asAt, formats: [format], outDir: out, force: true, sourceDate: new Date(0), workers: 0 });
      const ms = performance.now() - t;
      sample();
      return { ms, bytes: report.files.reduce((n, f) => n + f.bytes, 0), documents: [...new Set(report.files.map((f) => f.doc))] };
    };
    const measure = async (format: 'docx' | 'pdf') => {
      const times: number[] = [];
      let first: number | undefined;
      let bytes = 0;
      let documents: string[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const r = await once(format);
        first ??= r.ms;
        if (i >= warmup) times.push(r.ms);
        bytes = r.bytes;
        documents = r.documents;
      }
      return { t: timing(times, first!, bytes), documents };
    };
    const docx = await measure('docx');
    const pdf = await measure('pdf');

    const markdown = join(out, 'all.md');
    writeFileSync(markdown, files.map((f) => readFileSync(join(absRoot, f), 'utf8')).join('\n\n'));
    let pandoc: Timing | undefined;
    const pandocRuns: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t = performance.now();
      const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(out, 'pandoc.docx'), markdown], { stdio: 'ignore' });
      if (r.error || r.status !== 0) break;
      pandocRuns.push(performance.now() - t);
    }
    if (pandocRuns.length === warmup + runs) pandoc = timing(pandocRuns.slice(warmup), pandocRuns[0]!, statSync(join(out, 'pandoc.docx')).size);
    return {
      root: absRoot,
      doc: all ? '*' : doc,
      asAt,
      documents: docx.documents,
      sourceFiles: files.length,
      sourceBytes,
      docx: docx.t,
      pdf: pdf.t,
      ...(pandoc ? { pandoc, pandocRatio: pandoc.ms / docx.t.ms } : {}),
      peakRssMb: Math.round(peak / 1048576),
    };
  } finally {
    clearInterval(sampler);
    rmSync(out, { recursive: true, force: true });
  }
}

/** One line per figure, for run.ts or a terminal. */
export function formatBuildBench(r: BuildBenchResult): string {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const lines = [
    `build ${r.doc} as at ${r.asAt}: ${r.sourceFiles} source files, ${(r.sourceBytes / 1024).toFixed(1)} kB → ${r.documents.join(', ')}`,
    `  S → DOCX  ${ms(r.docx.ms)} (first run ${ms(r.docx.firstMs)}), ${(r.docx.bytes / 1024).toFixed(1)} kB`,
    `  S → PDF   ${ms(r.pdf.ms)} (first run ${ms(r.pdf.firstMs)}), ${(r.pdf.bytes / 1024).toFixed(1)} kB`,
    r.pandoc ? `  pandoc    ${ms(r.pandoc.ms)} → DOCX; pandoc / regmark = ${r.pandocRatio!.toFixed(2)}× (target ≥ 2×)` : '  pandoc    not installed: no ratio',
    `  peak RSS  ${r.peakRssMb} MB`,
  ];
  return lines.join('\n');
}
