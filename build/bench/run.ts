/**
 * `npm run bench` (after `npm run build`): generates the S and L corpora under .bench/ and prints, for each,
 *   (a) a bare remark-parse + GFM + front-matter baseline over the same files, one thread;
 *   (b) a cold `check` (no cache, default workers) and its ratio to (a);
 *   (c) a re-check after editing one clause file, with a warm parse cache in a temp folder;
 *   (d) term detection alone (findTermUses) on the bound corpus;
 *   (e) peak memory (maxRSS) of a cold check in a child process;
 * with the targets for L marked PASS or MISS. The as-at date is fixed; no figure depends on the clock's date.
 * Then the other commands' figures (build, watch, redline, pack), `check` with one previous version per
 * document against the same check without versions (versions), and the language server on L (lsp).
 *
 * Then the PDF renderer alone in a new process, against pdfkit setting the same words (pdf).
 * Last, every figure of the speed issue as a whole new process against a baseline run the same way (process).
 *
 *   node dist/bench/run.js [--sizes S,L] [--out .bench] [--only check,build,watch,redline,pack,versions,lsp,pdf,process]
 *
 * Without `check` in --only, the corpora are only generated (the sections after it read them from disk).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { checkRoot } from '../pipeline.js';
import { buildTermTrie, findTermUses } from '../bind/index.js';
import { benchBuild, formatBuildBench } from './buildBench.js';
import { benchWatch } from './watchBench.js';
import { benchLsp, formatLspBench, LSP_TARGETS } from './lspBench.js';
import { benchRedline, formatRedlineBench } from './redlineBench.js';
import { benchPack, formatPackBench } from './packBench.js';
import { benchProcesses, formatProcessBench } from './processBench.js';
import { benchPdfRender, formatPdfRenderBench } from './pdfRenderBench.js';
import { benchVersions, formatVersionsBench, VERSIONS_TARGET_RATIO } from './versionsBench.js';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { BENCH_AS_AT, generateCorpus, type GeneratedCorpus, type SizeName } from './generateCorpus.js';
import type { CheckOnceResult } from './checkOnce.js';

const AS_AT = BENCH_AS_AT as IsoDate;
/** Edits of one clause file for (c); the median re-check is reported. */
const EDITS = 3;

const TARGETS = {
  coldSeconds: 6,
  coldStretchSeconds: 2,
  recheckMs: 500,
  termsSeconds: 0.3,
  peakMB: 500,
};

// A collection between phases keeps one phase's garbage out of the next one's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Timed<T> {
  ms: number;
  value: T;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  gc();
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface SizeResult {
  size: SizeName;
  corpus: GeneratedCorpus;
  generateMs: number;
  runs: number;
  baselineMs: number;
  coldMs: number;
  coldTimings: Record<string, number>;
  coldInThreadMs: number;
  coldInThreadTimings: Record<string, number>;
  diagnostics: Diagnostic[];
  counts: { documents: number; clauses: number; definitions: number; uses: number; references: number };
  warmFillMs: number;
  unchangedMs: number;
  unchangedTimings: Record<string, number>;
  editedFile: string;
  editMs: number;
  editTimings: Record<string, number>;
  edits: number;
  termsPipelineMs: number;
  trieMs: number;
  termsRepeatMs: number;
  child: CheckOnceResult;
}

const baselineProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).freeze();

function baselineParse(texts: string[]): number {
  let nodes = 0;
  for (const text of texts) nodes += baselineProcessor.parse(text).children.length;
  return nodes;
}

function countsOf(corpus: Corpus): SizeResult['counts'] {
  return {
    documents: corpus.documents.size,
    clauses: [...corpus.provisions.values()].filter((p) => p.record.kind === 'clause').length,
    definitions: [...corpus.definitions.values()].reduce((n, homes) => n + homes.length, 0),
    uses: corpus.uses.length,
    references: corpus.references.length,
  };
}

function runChild(root: string): CheckOnceResult {
  const script = fileURLToPath(new URL('./checkOnce.js', import.meta.url));
  const child = spawnSync(process.execPath, [script, root, '--as-at', AS_AT], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`checkOnce failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as CheckOnceResult;
}

/** A small, realistic edit that changes the parse but not the diagnostics: one word of one clause. */
function editText(text: string): string {
  const at = text.indexOf(' shall ');
  return at >= 0 ? text.slice(0, at) + ' must ' + text.slice(at + ' shall '.length) : text.replace(/\.\n/, '. The benchmark edited this clause.\n');
}

async function benchSize(size: SizeName, outDir: string, log: (line: string) => void): Promise<SizeResult> {
  const runs = 3;
  const gen = await timed(() => generateCorpus(size, join(outDir, `corpus-${size}`)));
  const corpus = gen.value;
  const root = corpus.root;
  log(`${size}: generated ${corpus.stats.files} files, ${corpus.stats.words.toLocaleString('en-GB')} words in ${fmtMs(gen.ms)}`);

  // (a) baseline: the same files, read up front, parsed one after another in this thread.
  const texts = corpus.files.map((path) => readFileSync(join(root, path), 'utf8'));
  const baseline: number[] = [];
  for (let i = 0; i < (size === 'L' ? 1 : runs); i++) baseline.push((await timed(() => baselineParse(texts))).ms);
  log(`${size}: (a) baseline ${fmtMs(median(baseline))}`);

  // (b) cold check: no cache, workers as the pipeline chooses; interleaved with an in-thread run (workers: 0)
  // so that both see the same background load.
  const cold: number[] = [];
  const coldTimings: Array<Record<string, number>> = [];
  const inThread: number[] = [];
  const inThreadTimings: Array<Record<string, number>> = [];
  let diagnostics: Diagnostic[] = [];
  let counts: SizeResult['counts'] | undefined;
  for (let i = 0; i < runs; i++) {
    const timings: Record<string, number> = {};
    const run = await timed(() => checkRoot(root, { asAt: AS_AT, timings }));
    cold.push(run.ms);
    coldTimings.push(timings);
    // Only the counts and diagnostics are kept, so no run holds a corpus while the next one is timed.
    if (i === 0) {
      diagnostics = run.value.diagnostics;
      counts = countsOf(run.value.corpus);
    }
    const t0: Record<string, number> = {};
    inThread.push((await timed(() => checkRoot(root, { asAt: AS_AT, timings: t0, workers: 0 }))).ms);
    inThreadTimings.push(t0);
  }
  const coldMs = median(cold);
  const coldInThreadMs = median(inThread);
  log(`${size}: (b) cold check ${fmtMs(coldMs)} (in-thread ${fmtMs(coldInThreadMs)})`);

  // (e) peak memory of a cold check, in a process of its own.
  gc();
  const child = runChild(root);
  log(`${size}: (e) child check ${fmtMs(child.wallMs)}, maxRSS ${fmtMB(child.maxRssKB)}`);

  // (c) warm cache: fill, re-check unchanged, edit one clause file, re-check.
  const cacheDir = mkdtempSync(join(tmpdir(), 'regmark-bench-cache-'));
  const sorted = [...corpus.clauseFiles].sort((a, b) => a.bytes - b.bytes || (a.path < b.path ? -1 : 1));
  const editedFile = sorted[Math.floor(sorted.length / 2)]!.path;
  const editedPath = join(root, editedFile);
  const original = readFileSync(editedPath, 'utf8');
  try {
    const fill = await timed(() => checkRoot(root, { asAt: AS_AT, cacheDir }));
    const unchangedTimings: Record<string, number> = {};
    const unchanged = await timed(() => checkRoot(root, { asAt: AS_AT, cacheDir, timings: unchangedTimings }));
    // Three successive edits (each changes the file's bytes again); the median is reported.
    const editRuns: number[] = [];
    const editTimingRuns: Array<Record<string, number>> = [];
    let edit: Timed<{ corpus: Corpus; diagnostics: Diagnostic[] }> | undefined;
    let text = original;
    for (let i = 0; i < EDITS; i++) {
      text = editText(text);
      writeFileSync(editedPath, text);
      const editTimings: Record<string, number> = {};
      edit = undefined;
      edit = await timed(() => checkRoot(root, { asAt: AS_AT, cacheDir, timings: editTimings }));
      editRuns.push(edit.ms);
      editTimingRuns.push(editTimings);
    }
    const editMs = median(editRuns);
    const editTimings = editTimingRuns[editRuns.indexOf(editMs)]!;
    if (edit!.value.diagnostics.length !== diagnostics.length) log(`${size}: note: the edits changed the diagnostics (${diagnostics.length} → ${edit!.value.diagnostics.length})`);
    log(`${size}: (c) re-check after edit ${fmtMs(editMs)}`);

    // (d) term detection alone, on the corpus the re-check bound: in the pipeline, and repeated.
    const bound = edit!.value.corpus;
    const trie = await timed(() => buildTermTrie(bound));
    const repeats: number[] = [];
    for (let i = 0; i < 3; i++) {
      bound.uses = [];
      repeats.push((await timed(() => findTermUses(bound))).ms);
    }
    return {
      size,
      corpus,
      generateMs: gen.ms,
      runs,
      baselineMs: median(baseline),
      coldMs,
      coldTimings: coldTimings[cold.indexOf(coldMs)]!,
      coldInThreadMs,
      coldInThreadTimings: inThreadTimings[inThread.indexOf(coldInThreadMs)]!,
      diagnostics,
      counts: counts!,
      warmFillMs: fill.ms,
      unchangedMs: unchanged.ms,
      unchangedTimings,
      editedFile,
      editMs,
      editTimings,
      edits: EDITS,
      termsPipelineMs: median(editTimingRuns.map((t) => t.terms ?? NaN)),
      trieMs: trie.ms,
      termsRepeatMs: Math.min(...repeats),
      child,
    };
  } finally {
    writeFileSync(editedPath, original);
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

/** Which code was measured: the commit, and whether build/ had uncommitted changes. */
function codeState(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'not in a git work tree';
  const dirty = git('status', '--porcelain', '--', 'build').stdout.split('\n').filter(Boolean).length;
  return `${head.stdout.trim()}${dirty ? ` + ${dirty} uncommitted change(s) under build/` : ''}`;
}

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
function fmtMB(kb: number): string {
  return `${((kb * 1024) / 1e6).toFixed(0)} MB`;
}
function fmtInt(n: number): string {
  return n.toLocaleString('en-GB');
}
function phases(t: Record<string, number>): string {
  return ['parse', 'bind', 'terms', 'check'].map((k) => fmtMs(t[k] ?? NaN)).join(' / ');
}
function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function report(results: SizeResult[], totalMs: number, loadBefore: number[]): string {
  const out: string[] = [];
  const cpus = availableParallelism();
  out.push(`code ${codeState()}`);
  out.push(`regmark bench · as at ${AS_AT} · node ${process.version} · ${platform()} ${arch()} · ${cpus} cores · ${(totalmem() / 1e9).toFixed(1)} GB RAM`);
  out.push('');
  const corpusRows = [['corpus', 'files', 'docs', 'words', 'MB', 'clauses', 'sub-paras', 'definitions', 'term uses', 'references', 'tables', 'footnotes', 'diagnostics']];
  for (const r of results) {
    const s = r.corpus.stats;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    corpusRows.push([
      r.size,
      fmtInt(s.files),
      fmtInt(r.counts.documents),
      fmtInt(s.words),
      (s.bytes / 1e6).toFixed(1),
      fmtInt(r.counts.clauses),
      fmtInt(s.subParagraphs),
      fmtInt(r.counts.definitions),
      fmtInt(r.counts.uses),
      fmtInt(r.counts.references),
      fmtInt(s.tables),
      fmtInt(s.footnotes),
      `${errors} err, ${r.diagnostics.length - errors} warn`,
    ]);
  }
  out.push(table(corpusRows));
  for (const r of results) {
    if (!r.diagnostics.length) continue;
    const byCode = new Map<string, number>();
    for (const d of r.diagnostics) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    out.push(`  ${r.size} diagnostics: ${[...byCode].map(([c, n]) => `${c} ×${n}`).join(', ')}; first: ${r.diagnostics[0]!.file}:${r.diagnostics[0]!.line} ${r.diagnostics[0]!.message}`);
  }
  out.push('');

  const S = results.find((r) => r.size === 'S');
  const L = results.find((r) => r.size === 'L');
  const col = (pick: (r: SizeResult) => string) => [S ? pick(S) : '', L ? pick(L) : ''];
  const rows: string[][] = [['figure', 'S', 'L', 'target (L)', 'L']];
  rows.push(['(a) remark-parse + gfm + frontmatter, 1 thread', ...col((r) => fmtMs(r.baselineMs)), '', '']);
  const coldOk = L ? L.coldMs <= TARGETS.coldSeconds * 1000 : false;
  const coldStretch = L ? L.coldMs < TARGETS.coldStretchSeconds * 1000 : false;
  rows.push(['(b) check, cold (no cache, default workers)', ...col((r) => fmtMs(r.coldMs)), `≤ ${TARGETS.coldSeconds} s (stretch < ${TARGETS.coldStretchSeconds} s)`, L ? `${verdict(coldOk)}${coldOk ? ` (stretch ${verdict(coldStretch)})` : ''}` : '']);
  rows.push(['    ratio to (a)', ...col((r) => `${(r.coldMs / r.baselineMs).toFixed(2)}×`), '', '']);
  rows.push(['    parse / bind / terms / check', ...col((r) => phases(r.coldTimings)), '', '']);
  rows.push(['    same, in one thread (workers: 0)', ...col((r) => fmtMs(r.coldInThreadMs)), '', '']);
  rows.push(['    parse / bind / terms / check', ...col((r) => phases(r.coldInThreadTimings)), '', '']);
  const editOk = L ? L.editMs <= TARGETS.recheckMs : false;
  rows.push(['(c) re-check after editing one clause file', ...col((r) => fmtMs(r.editMs)), `≤ ${TARGETS.recheckMs} ms`, L ? verdict(editOk) : '']);
  rows.push(['    parse / bind / terms / check', ...col((r) => phases(r.editTimings)), '', '']);
  rows.push(['    re-check, nothing changed (warm cache)', ...col((r) => fmtMs(r.unchangedMs)), '', '']);
  rows.push(['    first run, filling the cache', ...col((r) => fmtMs(r.warmFillMs)), '', '']);
  const termsOk = L ? L.termsPipelineMs <= TARGETS.termsSeconds * 1000 : false;
  rows.push(['(d) term detection (findTermUses, in pipeline)', ...col((r) => fmtMs(r.termsPipelineMs)), `≤ ${TARGETS.termsSeconds} s`, L ? verdict(termsOk) : '']);
  rows.push(['    trie build alone', ...col((r) => fmtMs(r.trieMs)), '', '']);
  rows.push(['    findTermUses again, best of 3', ...col((r) => fmtMs(r.termsRepeatMs)), '', '']);
  const memOk = L ? (L.child.maxRssKB * 1024) / 1e6 < TARGETS.peakMB : false;
  rows.push(['(e) peak memory (maxRSS), cold check in a child', ...col((r) => fmtMB(r.child.maxRssKB)), `< ${TARGETS.peakMB} MB`, L ? verdict(memOk) : '']);
  rows.push(['    child: check wall time', ...col((r) => fmtMs(r.child.wallMs)), '', '']);
  rows.push(['    child: parse / bind / terms / check', ...col((r) => phases(r.child.timings)), '', '']);
  out.push(table(rows));
  out.push('');
  const notes = results.map((r) => `${r.size}: median of ${r.size === 'L' ? `1 run for (a), ${r.runs} for (b)` : `${r.runs} runs for (a) and (b)`}, ${r.edits} edits for (c); edited ${r.editedFile}`);
  out.push(`notes: ${notes.join(' · ')}`);
  out.push(`       MB = 10^6 bytes; (a) times parsing only (files read beforehand); (b)-(d) run in this process, (e) in a fresh one.`);
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(`       load average (1/5/15 min) before ${load(loadBefore)}, after ${load(loadavg())}: figures are only comparable on an otherwise idle machine.`);
  out.push(`bench total ${fmtMs(totalMs)}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
  const outDir = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1]! : '.bench');
  const sizes = (sizesArg ?? 'S,L').split(',').map((s) => s.trim().toUpperCase()) as SizeName[];
  for (const s of sizes) if (s !== 'S' && s !== 'L') throw new Error(`unknown size ${s} (S or L)`);
  const start = performance.now();
  const loadBefore = loadavg();
  const log = (line: string) => process.stderr.write(`  … ${line}\n`);
  const only = new Set((args.includes('--only') ? args[args.indexOf('--only') + 1]! : 'check,build,watch,redline,pack,versions,lsp,pdf,process').split(',').map((s) => s.trim()));
  const results: SizeResult[] = [];
  if (only.has('check')) {
    for (const size of sizes) results.push(await benchSize(size, outDir, log));
    process.stdout.write('\n' + report(results, performance.now() - start, loadBefore) + '\n');
  } else {
    process.stdout.write(`code ${codeState()}\n`);
    for (const size of sizes) generateCorpus(size, join(outDir, `corpus-${size}`));
  }
  await extraBenches(only, outDir, sizes, log);
}

/** The figures other commands' issues name targets for, each measured on the same generated corpora. */
async function extraBenches(only: Set<string>, outDir: string, sizes: SizeName[], log: (line: string) => void): Promise<void> {
  const asAt = BENCH_AS_AT as IsoDate;
  if (only.has('build') && sizes.includes('S')) {
    log('build S → DOCX and PDF, with pandoc on the same Markdown');
    const r = await benchBuild(join(outDir, 'corpus-S'), '*', { asAt });
    process.stdout.write('\nregmark build (targets: S → DOCX at least 2× faster than pandoc; S → PDF < 1.5 s)\n' + formatBuildBench(r) + '\n');
  }
  if (only.has('watch') && sizes.includes('L')) {
    log('check --watch: re-check after a one-file edit of L');
    const w = await benchWatch(join(outDir, 'corpus-L'), { asAt });
    const ok = w.recheckMs <= 200;
    process.stdout.write(
      `\ncheck --watch on L (target: re-check after a one-file edit ≤ 200 ms)\n` +
        `  re-check, median of ${w.edits} edits   ${fmtMs(w.recheckMs)}  (p90 ${fmtMs(w.p90Ms)})  ${verdict(ok)}\n` +
        `  first edit of a file               ${fmtMs(w.coldFirstEditMs)}\n` +
        `  edit adding a clause (full re-bind) ${fmtMs(w.structuralEditMs)}\n` +
        `  session start / warm-up            ${fmtMs(w.startMs)} / ${fmtMs(w.warmMs)}\n`,
    );
  }
  if (only.has('lsp') && sizes.includes('L')) {
    log('regmark lsp on L: start, hover, definition, diagnostics after an edit, against a cold check');
    const r = await benchLsp(join(outDir, 'corpus-L'), { asAt });
    process.stdout.write(
      `\nregmark lsp on L (targets: hover and definition ≤ ${LSP_TARGETS.hoverMs} ms; diagnostics after a one-file edit ≤ ${LSP_TARGETS.editMs} ms; start to first diagnostics ≤ ${LSP_TARGETS.startMs / 1000} s)\n` +
        formatLspBench(r, fmtMs, verdict) +
        `\n  load average (1/5/15 min) after: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`,
    );
  }
  if (only.has('redline')) {
    log('redline S against a v2 and a worst case, with a whole-document diffWords');
    const r = await benchRedline({ wholeDiffLimitMs: 60_000, log });
    process.stdout.write('\nregmark redline (targets: diff phase S < 0.3 s; worst case < 2 s; S redline DOCX+PDF < 3 s)\n' + formatRedlineBench(r).join('\n') + '\n');
  }
  if (only.has('pack')) {
    log('pack: the example consultation, and one with three S-size annexes');
    const r = await benchPack({ log });
    process.stdout.write('\nregmark pack (targets: example < 5 s; three S annexes < 10 s)\n' + formatPackBench(r) + '\n');
  }
  if (only.has('pdf')) {
    log('the PDF renderer alone, against pdfkit setting the same words');
    const figures = await benchPdfRender({ outDir, sizes, log });
    process.stdout.write('\nthe PDF renderer alone, each run in a new process (subject and baseline alternate; compare ratios between runs)\n' + formatPdfRenderBench(figures) + '\n');
  }
  if (only.has('process')) {
    log('whole processes: check, re-check, build, pack and start-up, each against a baseline in the same run');
    const figures = await benchProcesses({ outDir, sizes, log });
    process.stdout.write('\nwhole processes, as a user waits for them (subject and baseline alternate; compare ratios between runs)\n' + formatProcessBench(figures) + '\n');
  }
  if (only.has('versions')) {
    for (const size of sizes) {
      log(`check with versions on ${size}: a git repository with one previous version per document, and the same tree without previous`);
      const r = await benchVersions(join(outDir, `corpus-${size}`), { asAt, log });
      process.stdout.write(`\nregmark check with versions on ${size} (target on L, one previous version per document: ≤ ${VERSIONS_TARGET_RATIO}× the same check without versions)\n` + formatVersionsBench(r) + '\n');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
