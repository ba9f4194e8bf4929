/**
 * What a user waits for: each figure of the speed issue as the wall time of a whole new process (`regmark …` from
 * bin/regmark.js, start-up and module loading included), next to a baseline run in the same way in the same run —
 * a bare remark-parse of the same files, pandoc on the same Markdown, a cold check, `node -e 0`. Subject and
 * baseline alternate run by run, so both see the same load on a shared machine; the ratio of their medians is the
 * figure to compare between runs, the times themselves move with the load.
 *
 *   node dist/bench/processBench.js [--out .bench] [--runs 3] [--sizes S,L]
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_AS_AT, generateCorpus, type SizeName } from './generateCorpus.js';
import { threeAnnexRoot } from './packBench.js';
import { median } from './buildBench.js';

const REPO = resolve(import.meta.dirname, '../..');
/** The CLI timed; REGMARK_BENCH_BIN names another (an older checkout's bin/regmark.js) to compare with. */
const BIN = process.env.REGMARK_BENCH_BIN ? resolve(process.env.REGMARK_BENCH_BIN) : join(REPO, 'bin/regmark.js');
/** A content root of two documents and ten clauses: what a small project's check costs. */
const SMALL_ROOT = join(REPO, 'build/test/fixtures/render-edge');
const SMALL_AS_AT = '2025-06-01';
const SOURCE_DATE_EPOCH = '1760691600';

export const PROCESS_TARGETS = {
  recheckMs: 300,
  recheckOfCold: 0.25,
  coldMs: 1000,
  coldOfParse: 0.08,
  docxOfPandoc: 0.5,
  pdfMs: 1200,
  packMs: 5000,
  helpMs: 120,
  smallCheckMs: 150,
};

export interface Figure {
  name: string;
  ms: number;
  runs: number[];
  baseline?: { name: string; ms: number; runs: number[] };
  /** ms over the baseline's ms. */
  ratio?: number;
  target?: string;
  met?: boolean;
}

/** Runs a command to completion and returns its wall time; a crash (not a finding of the check) stops the bench. */
function wall(command: string, args: string[], options: { cwd?: string; ok?: number[]; env?: NodeJS.ProcessEnv } = {}): number {
  const t = performance.now();
  const r: SpawnSyncReturns<string> = spawnSync(command, args, { cwd: options.cwd ?? REPO, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH, ...options.env } });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  if (!(options.ok ?? [0]).includes(r.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`);
  return ms;
}

/** Subject and baseline, alternated `runs` times (baseline first), after one unmeasured run of each. */
function pair(name: string, subject: () => number, baselineName: string, baseline: () => number, runs: number, setup?: () => void): Figure {
  setup?.();
  subject();
  baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(baseline());
    setup?.();
    a.push(subject());
  }
  const ms = median(a);
  const base = median(b);
  return { name, ms, runs: a, baseline: { name: baselineName, ms: base, runs: b }, ratio: ms / base };
}

function judge(figure: Figure, target: string, met: boolean): Figure {
  return { ...figure, target, met };
}

function regmark(...args: string[]): () => number {
  return () => wall(process.execPath, [BIN, ...args], { ok: [0, 1] });
}

/** The Markdown files of one document in a generated corpus: its manifest, definitions and clause files, in order. */
function documentFiles(root: string, files: readonly string[], doc: string): string[] {
  const mine = files.filter((f) => f === `documents/${doc}.md` || f === `definitions/${doc}.md` || f.startsWith(`clauses/${doc}/`));
  const rank = (f: string) => (f.startsWith('documents/') ? 0 : f.startsWith('definitions/') ? 1 : 2);
  return mine.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).map((f) => join(root, f));
}

/** The document with the most Markdown in a generated corpus. */
export function largestDocument(root: string, files: readonly string[]): string {
  const codes = [...new Set(files.filter((f) => f.startsWith('documents/')).map((f) => f.slice('documents/'.length, -'.md'.length)))];
  const bytes = (doc: string) => documentFiles(root, files, doc).reduce((n, f) => n + statSync(f).size, 0);
  return codes.reduce((best, doc) => (bytes(doc) > bytes(best) ? doc : best), codes[0]!);
}

export async function benchProcesses(options: { outDir: string; sizes: SizeName[]; runs?: number; log?: (line: string) => void }): Promise<Figure[]> {
  const runs = options.runs ?? 3;
  const log = options.log ?? (() => {});
  const figures: Figure[] = [];
  const work = mkdtempSync(join(tmpdir(), 'regmark-process-bench-'));
  const parseScript = fileURLToPath(new URL('./remarkParseOnce.js', import.meta.url));
  try {
    for (const size of options.sizes) {
      const corpus = generateCorpus(size, join(options.outDir, `corpus-${size}`));
      // A copy, so that the edit and the cache never touch the generated corpus.
      const root = join(work, `corpus-${size}`);
      cpSync(corpus.root, root, { recursive: true });
      const asAt = BENCH_AS_AT;
      const parse = () => wall(process.execPath, [parseScript, root]);
      const cold = regmark('check', '--root', root, '--as-at', asAt, '--no-cache');
      log(`${size}: cold check against remark-parse`);
      const c = pair(`${size}: check, cold (no cache)`, cold, 'remark-parse + gfm + frontmatter of the same files', parse, runs);
      figures.push(judge(c, `≤ ${PROCESS_TARGETS.coldMs} ms and ≤ ${PROCESS_TARGETS.coldOfParse}× remark-parse`, c.ms <= PROCESS_TARGETS.coldMs && c.ratio! <= PROCESS_TARGETS.coldOfParse));

      log(`${size}: re-check after a one-file edit, warm cache, against a cold check`);
      const file = join(root, [...corpus.clauseFiles].sort((a, b) => b.bytes - a.bytes)[0]!.path);
      const original = readFileSync(file, 'utf8');
      let edits = 0;
      const edit = () => {
        // Check the file as it is (cache and index up to date), then change one word to one never seen before: the
        // next check finds exactly one file changed, and no cache holds its new text.
        regmark('check', '--root', root, '--as-at', asAt)();
        writeFileSync(file, original.replace(' shall ', ` shall (edit ${++edits}) `));
      };
      const warm = regmark('check', '--root', root, '--as-at', asAt);
      const w = pair(`${size}: re-check after editing one file (warm cache)`, warm, 'check, cold (no cache)', cold, runs, edit);
      writeFileSync(file, original);
      figures.push(judge(w, `≤ ${PROCESS_TARGETS.recheckMs} ms and ≤ ${PROCESS_TARGETS.recheckOfCold}× cold`, w.ms <= PROCESS_TARGETS.recheckMs && w.ratio! <= PROCESS_TARGETS.recheckOfCold));
      // What CI and a pre-commit hook mostly see: the same corpus checked again, answered from the check index.
      log(`${size}: check again with nothing changed, against a cold check`);
      figures.push(pair(`${size}: check again, nothing changed`, warm, 'check, cold (no cache)', cold, runs, () => void regmark('check', '--root', root, '--as-at', asAt)()));

      const doc = largestDocument(root, corpus.files);
      const md = join(work, `${size}-${doc}.md`);
      writeFileSync(md, documentFiles(root, corpus.files, doc).map((f) => readFileSync(f, 'utf8')).join('\n\n'));
      const pandoc = () => wall('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(work, 'pandoc.docx'), md]);
      const out = join(work, `out-${size}`);
      log(`${size}: build ${doc} to DOCX against pandoc, and to PDF`);
      // Each build draws: the files drawn before (renderedFiles.ts) are put aside, the parses and shaped words kept.
      const drawAgain = () => rmSync(join(root, '.regmark-cache', 'rendered'), { recursive: true, force: true });
      const d = pair(`${size}: build ${doc} --format docx`, regmark('build', doc, '--root', root, '--as-at', asAt, '--format', 'docx', '--out', out, '--force'), `pandoc -f markdown -t docx of ${doc}'s Markdown`, pandoc, runs, drawAgain);
      figures.push(judge(d, `≤ ${PROCESS_TARGETS.docxOfPandoc}× pandoc`, d.ratio! <= PROCESS_TARGETS.docxOfPandoc));
      const p = pair(`${size}: build ${doc} --format pdf`, regmark('build', doc, '--root', root, '--as-at', asAt, '--format', 'pdf', '--out', out, '--force'), `pandoc -f markdown -t docx of ${doc}'s Markdown`, pandoc, runs, drawAgain);
      figures.push(judge(p, `≤ ${PROCESS_TARGETS.pdfMs} ms`, p.ms <= PROCESS_TARGETS.pdfMs));
      // The same build with no words kept from an earlier one: what the first PDF build of a document costs.
      const forget = () => (drawAgain(), rmSync(join(root, '.regmark-cache', 'shaping'), { recursive: true, force: true }));
      const f = pair(`${size}: build ${doc} --format pdf, first build (no shaped words kept)`, regmark('build', doc, '--root', root, '--as-at', asAt, '--format', 'pdf', '--out', out, '--force'), `pandoc -f markdown -t docx of ${doc}'s Markdown`, pandoc, runs, forget);
      figures.push(judge(f, `≤ ${PROCESS_TARGETS.pdfMs} ms`, f.ms <= PROCESS_TARGETS.pdfMs));
      // Built before with nothing changed: both files are taken as drawn.
      figures.push(pair(`${size}: build ${doc} again, nothing changed (files drawn before)`, regmark('build', doc, '--root', root, '--as-at', asAt, '--out', out, '--force'), `pandoc -f markdown -t docx of ${doc}'s Markdown`, pandoc, runs));
    }

    log('pack with three S-size annexes, against a cold check of the same root');
    const three = threeAnnexRoot(join(work, 'three-work')).root;
    const packed = regmark('pack', 'CON-BENCH', '--root', three, '--out', join(work, 'out-pack'), '--zip', '--force', '--quiet', '--no-cache');
    const k = pair('pack with three S-size annexes', packed, 'check of the same root, cold', regmark('check', '--root', three, '--as-at', BENCH_AS_AT, '--no-cache'), Math.max(1, runs - 1));
    figures.push(judge(k, `≤ ${PROCESS_TARGETS.packMs} ms`, k.ms <= PROCESS_TARGETS.packMs));
    // What an author sees the second time: the cache on, as left by the pack before (parses, check index, shaped
    // words, files drawn), after an edit of one clause of one annex: that annex and the paper are drawn again.
    const again = regmark('pack', 'CON-BENCH', '--root', three, '--out', join(work, 'out-pack'), '--zip', '--force', '--quiet');
    const edited = join(three, 'clauses', 'AX', readdirSync(join(three, 'clauses', 'AX')).filter((n) => n.endsWith('.md')).sort()[0]!);
    const text = readFileSync(edited, 'utf8');
    let packEdits = 0;
    const editAnnex = () => writeFileSync(edited, text.replace(' shall ', ` shall (edit ${++packEdits}) `));
    const w2 = pair('pack with three S-size annexes, packed before, one annex edited (cache on)', again, 'check of the same root, cold', regmark('check', '--root', three, '--as-at', BENCH_AS_AT, '--no-cache'), Math.max(1, runs - 1), editAnnex);
    figures.push(judge(w2, `≤ ${PROCESS_TARGETS.packMs} ms`, w2.ms <= PROCESS_TARGETS.packMs));
    writeFileSync(edited, text);
    const w3 = pair('pack with three S-size annexes, packed before, nothing changed (cache on)', again, 'check of the same root, cold', regmark('check', '--root', three, '--as-at', BENCH_AS_AT, '--no-cache'), Math.max(1, runs - 1));
    figures.push(judge(w3, `≤ ${PROCESS_TARGETS.packMs} ms`, w3.ms <= PROCESS_TARGETS.packMs));

    log('start-up: --help and a check of a ten-clause corpus, against node -e 0');
    const bare = () => wall(process.execPath, ['-e', '0']);
    const h = pair('regmark --help', () => wall(process.execPath, [BIN, '--help']), 'node -e 0', bare, runs * 2);
    figures.push(judge(h, `≤ ${PROCESS_TARGETS.helpMs} ms`, h.ms <= PROCESS_TARGETS.helpMs));
    const small = join(work, 'small');
    mkdirSync(small);
    cpSync(SMALL_ROOT, small, { recursive: true });
    const s = pair('regmark check, 2 documents, 10 clauses', regmark('check', '--root', small, '--as-at', SMALL_AS_AT), 'node -e 0', bare, runs * 2);
    figures.push(judge(s, `≤ ${PROCESS_TARGETS.smallCheckMs} ms`, s.ms <= PROCESS_TARGETS.smallCheckMs));
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

export function formatProcessBench(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, ms(f.ms), f.baseline ? `${ms(f.baseline.ms)} ${f.baseline.name}` : '', f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '', f.target ?? '', f.met === undefined ? '' : f.met ? 'PASS' : 'MISS']);
  const head = ['figure (whole process, median)', 'time', 'baseline, same run', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line), `load average (1/5/15 min) after: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`].join('\n');
}

/** The options a bench run alone takes: `[--out .bench] [--runs 3] [--sizes S,L]`, progress on stderr. */
export function standaloneOptions(args: readonly string[]): { outDir: string; sizes: SizeName[]; runs: number; log: (line: string) => void } {
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return {
    outDir: resolve(arg('--out') ?? '.bench'),
    sizes: (arg('--sizes') ?? 'S,L').split(',').map((s) => s.trim().toUpperCase()) as SizeName[],
    runs: Number(arg('--runs') ?? 3),
    log: (l) => process.stderr.write(`  … ${l}\n`),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(formatProcessBench(await benchProcesses(standaloneOptions(process.argv.slice(2)))));
}
