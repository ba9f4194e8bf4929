/**
 * Benchmark of `check` with versions (FORMAT.md: Versions): the cost of reading and checking each document's
 * previous version, against the same check of the same working tree without `previous`, both measured in one run.
 *
 * From a generated corpus it makes, in a temporary folder:
 *   - a git repository whose first commit (tag `v-prev`) is the corpus as generated, and whose second commit is
 *     the "new version" of every document: `version:` bumped, `effective`, `effective-by` and `previous: v-prev`
 *     added to each document manifest, and one word of one clause file per document changed;
 *   - a plain folder with the same working tree but no `previous:` keys (the check without versions).
 * Each is checked cold (no parse cache), alternating, in this process as run.ts's (b) does and in a fresh process
 * per run (checkOnce.js); then warm (a parse cache filled by a first run of the same tree), and once more with
 * versions on a cache that the check without versions filled, where only the files that differ are parsed.
 *
 *   node dist/bench/versionsBench.js [S|L] [--runs N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkRoot } from '../pipeline.js';
import { addDays, type IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { CheckOnceResult } from './checkOnce.js';
import { BENCH_AS_AT, generateCorpus, type SizeName } from './generateCorpus.js';

/** The issue's target: with one previous version per document, `check` takes at most this times the check without. */
export const VERSIONS_TARGET_RATIO = 1.6;

/** The new versions take effect after the bench's as-at date (2026-01-15), within a month. */
const NEW_EFFECTIVE = '2026-03-01' as IsoDate;
const NEW_EFFECTIVE_BY = '2026-04-01' as IsoDate;
const PREVIOUS_TAG = 'v-prev';
const CONTENT_DIRS = ['documents', 'clauses', 'definitions'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface VersionsBenchOptions {
  asAt?: IsoDate;
  /** Cold runs of each tree, alternating (median reported); warm and child runs use the same count. */
  runs?: number;
  log?: (line: string) => void;
}

export interface CheckFigures {
  ms: number;
  /** Phase timings of the median run: parse, history, bind, terms, check. */
  timings: Record<string, number>;
  all: number[];
}

export interface VersionsBenchResult {
  size: string;
  asAt: IsoDate;
  runs: number;
  setupMs: number;
  documents: number;
  /** Documents whose manifest names a previous version, and how many of them the check read (versions.length === 2). */
  withPrevious: number;
  twoVersions: number;
  /** Versions the check held (working tree's included), files and provisions of the earlier versions. */
  versionsRead: number;
  historyFiles: number;
  historyProvisions: number;
  historyProblems: number;
  changedFiles: string[];
  diagnostics: { versioned: Record<string, number>; plain: Record<string, number> };
  cold: { versioned: CheckFigures; plain: CheckFigures; ratio: number };
  child: { versioned: CheckFigures; plain: CheckFigures; ratio: number; versionedRssKB: number; plainRssKB: number };
  warm: { versioned: CheckFigures; plain: CheckFigures; ratio: number; versionedFillMs: number; plainFillMs: number };
  /** With versions, on a cache filled by the check without versions: only what differs in `v-prev` is parsed. */
  sharedCache: CheckFigures;
  /** Load average (1/5/15 min) before and after: the figures are only comparable on an otherwise idle machine. */
  load: { before: number[]; after: number[] };
  target: number;
  pass: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function figures(runs: Array<{ ms: number; timings: Record<string, number> }>): CheckFigures {
  const all = runs.map((r) => r.ms);
  const ms = median(all);
  return { ms, timings: runs[all.indexOf(ms)]!.timings, all };
}

function byCode(diagnostics: Diagnostic[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of diagnostics) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The two trees

/** git with arguments, never a shell; a fixed identity and dates, no hooks, no signing, nothing from the network. */
function git(cwd: string, args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'regmark bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'regmark bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    GIT_AUTHOR_DATE: '2026-01-15T09:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-15T09:00:00Z',
    GIT_TERMINAL_PROMPT: '0',
  };
  const config = ['-c', 'user.name=regmark bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.autocrlf=false'];
  return execFileSync('git', [...config, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function copyContent(from: string, to: string): void {
  for (const dir of CONTENT_DIRS) cpSync(join(from, dir), join(to, dir), { recursive: true, errorOnExist: false });
}

/** The front matter's lines of a manifest and the index of its closing `---`. */
function frontMatter(text: string): { lines: string[]; close: number } {
  const lines = text.split('\n');
  if (lines[0] !== '---') throw new Error('manifest without front matter');
  const close = lines.indexOf('---', 1);
  if (close < 0) throw new Error('manifest front matter not closed');
  return { lines, close };
}

function value(lines: string[], close: number, key: string): string | undefined {
  const line = lines.slice(1, close).find((l) => l.startsWith(`${key}:`));
  return line?.slice(key.length + 1).trim();
}

/** "7.0" → "8.0": a new major version, always different from the old. */
function bumpVersion(version: string): string {
  const [major, ...rest] = version.split('.');
  const n = Number(major);
  return Number.isInteger(n) ? [String(n + 1), ...(rest.length ? rest : ['0'])].join('.') : `${version}.1`;
}

/**
 * The new version of one manifest: version bumped, `effective`/`effective-by` after the as-at date and never before
 * the previous version's effective day (its `in-force.from`), and `previous`; undefined for a consultation paper.
 */
function newManifest(text: string): string | undefined {
  const { lines, close } = frontMatter(text);
  if (value(lines, close, 'kind') === 'consultation') return undefined;
  const head = lines.slice(0, close);
  const at = head.findIndex((l) => l.startsWith('version:'));
  const old = value(lines, close, 'version')?.replace(/^"|"$/g, '') ?? '1.0';
  if (at >= 0) head[at] = `version: "${bumpVersion(old)}"`;
  else head.push(`version: "${bumpVersion(old)}"`);
  // The previous version takes effect on its in-force.from (FORMAT.md); the new one may not go back before it.
  const fromLine = head.findIndex((l) => l === 'in-force:');
  const from = fromLine >= 0 ? head.slice(fromLine + 1).find((l) => /^\s+from:/.test(l))?.split(':')[1]?.trim() : undefined;
  const effective = from && from > NEW_EFFECTIVE ? (from as IsoDate) : NEW_EFFECTIVE;
  const effectiveBy = effective === NEW_EFFECTIVE ? NEW_EFFECTIVE_BY : addDays(effective, 31);
  head.push(`effective: ${effective}`, `effective-by: ${effectiveBy}`, `previous: ${PREVIOUS_TAG}`);
  return [...head, ...lines.slice(close)].join('\n');
}

/** One word of one clause, as a real new version changes a little of its text. */
function editClause(text: string): string {
  const at = text.indexOf(' shall ');
  return at >= 0 ? text.slice(0, at) + ' must ' + text.slice(at + ' shall '.length) : text.replace(/\.\n/, '. This version amends this clause.\n');
}

function withoutPrevious(text: string): string {
  return text.replace(/^previous: .*\n/m, '');
}

export interface VersionTrees {
  /** The temporary folder holding both; the caller removes it. */
  work: string;
  repo: string;
  plain: string;
  withPrevious: number;
  changedFiles: string[];
}

/** The repository with `v-prev` and the new versions, and the same working tree without `previous` (also for profiling). */
export function makeVersionTrees(corpusRoot: string): VersionTrees {
  const work = mkdtempSync(join(tmpdir(), 'regmark-versions-bench-'));
  const repo = join(work, 'repo');
  const plain = join(work, 'plain');
  copyContent(corpusRoot, repo);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '--', ...CONTENT_DIRS]);
  git(repo, ['commit', '-q', '--no-verify', '-m', 'Previous versions']);
  git(repo, ['tag', PREVIOUS_TAG]);
  let withPrevious = 0;
  const changedFiles: string[] = [];
  for (const name of readdirSync(join(repo, 'documents')).filter((n) => n.endsWith('.md')).sort()) {
    const path = join(repo, 'documents', name);
    const next = newManifest(readFileSync(path, 'utf8'));
    if (next === undefined) continue;
    writeFileSync(path, next);
    withPrevious++;
    changedFiles.push(`documents/${name}`);
    const doc = name.slice(0, -3);
    let clauses: string[] = [];
    try {
      clauses = readdirSync(join(repo, 'clauses', doc)).filter((n) => n.endsWith('.md')).sort();
    } catch {
      // A document without clause files changes its manifest only.
    }
    // The middle clause file of each document: one word of it changes.
    const pick = clauses[Math.floor(clauses.length / 2)];
    if (pick) {
      const file = join(repo, 'clauses', doc, pick);
      writeFileSync(file, editClause(readFileSync(file, 'utf8')));
      changedFiles.push(`clauses/${doc}/${pick}`);
    }
  }
  git(repo, ['commit', '-q', '--no-verify', '-a', '-m', 'New versions']);
  copyContent(repo, plain);
  for (const name of readdirSync(join(plain, 'documents')).filter((n) => n.endsWith('.md'))) {
    const path = join(plain, 'documents', name);
    writeFileSync(path, withoutPrevious(readFileSync(path, 'utf8')));
  }
  return { work, repo, plain, withPrevious, changedFiles };
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Timed {
  ms: number;
  timings: Record<string, number>;
}

/** Run i of a pair: without versions first on even runs, with versions first on odd ones. */
async function alternate(i: number, plain: () => unknown, versioned: () => unknown): Promise<void> {
  for (const run of i % 2 ? [versioned, plain] : [plain, versioned]) await run();
}

async function timedCheck(root: string, asAt: IsoDate, cacheDir?: string): Promise<Timed> {
  gc();
  const timings: Record<string, number> = {};
  const t = performance.now();
  await checkRoot(root, { asAt, timings, ...(cacheDir ? { cacheDir } : {}) });
  return { ms: performance.now() - t, timings };
}

function childCheck(root: string, asAt: IsoDate): CheckOnceResult {
  const script = fileURLToPath(new URL('./checkOnce.js', import.meta.url));
  const child = spawnSync(process.execPath, [script, root, '--as-at', asAt], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`checkOnce failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as CheckOnceResult;
}

interface Seen {
  documents: number;
  twoVersions: number;
  versionsRead: number;
  historyFiles: number;
  historyProvisions: number;
  problems: string[];
  diagnostics: Record<string, number>;
}

/** One untimed check, reduced to what the report needs, so that no corpus is alive while the timed runs go. */
async function sanityRun(root: string, asAt: IsoDate): Promise<Seen> {
  const { corpus, diagnostics } = await checkRoot(root, { asAt });
  const docs = [...corpus.documents.values()];
  return {
    documents: docs.length,
    twoVersions: docs.filter((d) => d.versions.length === 2).length,
    versionsRead: docs.reduce((n, d) => n + d.versions.length, 0),
    historyFiles: docs.reduce((n, d) => n + d.versions.filter((v) => v.ref !== undefined).reduce((m, v) => m + v.files.length + 1, 0), 0),
    historyProvisions: corpus.history.provisions.length,
    problems: corpus.history.problems.map((p) => p.message),
    diagnostics: byCode(diagnostics),
  };
}

export async function benchVersions(corpusRoot: string, options: VersionsBenchOptions = {}): Promise<VersionsBenchResult> {
  const asAt = options.asAt ?? (BENCH_AS_AT as IsoDate);
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const size = readFileSync(join(corpusRoot, '.regmark-bench-corpus'), 'utf8').trim().split(' ').pop() ?? '?';
  const loadBefore = loadavg();
  const t = performance.now();
  const trees = makeVersionTrees(corpusRoot);
  const setupMs = performance.now() - t;
  log(`versions ${size}: repository with ${PREVIOUS_TAG} and ${trees.withPrevious} new versions, and the same tree without previous, in ${(setupMs / 1000).toFixed(2)} s`);
  const cacheDirs: string[] = [];
  const newCache = () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-versions-cache-'));
    cacheDirs.push(dir);
    return dir;
  };
  try {
    // Sanity, untimed: the versioned check reads every previous version; neither corpus is kept while timing.
    const seen = await sanityRun(trees.repo, asAt);
    if (seen.twoVersions !== trees.withPrevious) {
      throw new Error(`versions bench: ${seen.twoVersions} of ${trees.withPrevious} documents have 2 versions; the history was not read${seen.problems.length ? ` (${seen.problems.join('; ')})` : ''}`);
    }
    const plainSeen = await sanityRun(trees.plain, asAt);
    if (plainSeen.versionsRead !== plainSeen.documents) throw new Error('versions bench: the tree without previous has versions');
    const { documents } = seen;
    log(`versions ${size}: ${seen.twoVersions}/${documents} documents with 2 versions, ${seen.historyFiles} files of ${PREVIOUS_TAG} read`);

    // Cold, in this process (as run.ts's (b)): alternating, each tree first every other time, so that both see the
    // same load and the same JIT.
    const cold = { versioned: [] as Timed[], plain: [] as Timed[] };
    for (let i = 0; i < runs; i++) {
      await alternate(i, async () => cold.plain.push(await timedCheck(trees.plain, asAt)), async () => cold.versioned.push(await timedCheck(trees.repo, asAt)));
    }
    const coldV = figures(cold.versioned);
    const coldP = figures(cold.plain);
    log(`versions ${size}: cold check ${coldV.ms.toFixed(0)} ms with versions, ${coldP.ms.toFixed(0)} ms without (${(coldV.ms / coldP.ms).toFixed(2)}×)`);

    // Cold, one fresh process per run: no JIT or heap carried over from the runs before.
    const child = { versioned: [] as CheckOnceResult[], plain: [] as CheckOnceResult[] };
    for (let i = 0; i < runs; i++) {
      await alternate(i, () => child.plain.push(childCheck(trees.plain, asAt)), () => child.versioned.push(childCheck(trees.repo, asAt)));
    }
    const childV = figures(child.versioned.map((c) => ({ ms: c.wallMs, timings: c.timings })));
    const childP = figures(child.plain.map((c) => ({ ms: c.wallMs, timings: c.timings })));
    log(`versions ${size}: cold check in a child ${childV.ms.toFixed(0)} ms with versions, ${childP.ms.toFixed(0)} ms without (${(childV.ms / childP.ms).toFixed(2)}×)`);

    // Warm: each tree's own cache, filled by a first run; earlier versions share the content-keyed entries.
    const cacheV = newCache();
    const cacheP = newCache();
    const fillP = await timedCheck(trees.plain, asAt, cacheP);
    const fillV = await timedCheck(trees.repo, asAt, cacheV);
    const warm = { versioned: [] as Timed[], plain: [] as Timed[] };
    for (let i = 0; i < runs; i++) {
      await alternate(i, async () => warm.plain.push(await timedCheck(trees.plain, asAt, cacheP)), async () => warm.versioned.push(await timedCheck(trees.repo, asAt, cacheV)));
    }
    const warmV = figures(warm.versioned);
    const warmP = figures(warm.plain);
    log(`versions ${size}: warm check ${warmV.ms.toFixed(0)} ms with versions, ${warmP.ms.toFixed(0)} ms without (${(warmV.ms / warmP.ms).toFixed(2)}×)`);

    // With versions, the first time, on a cache the check without versions filled (untimed).
    const shared: Timed[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const dir = newCache();
      await timedCheck(trees.plain, asAt, dir);
      shared.push(await timedCheck(trees.repo, asAt, dir));
      rmSync(dir, { recursive: true, force: true });
    }
    const sharedCache = figures(shared);

    const ratio = coldV.ms / coldP.ms;
    return {
      size,
      asAt,
      runs,
      setupMs,
      documents,
      withPrevious: trees.withPrevious,
      twoVersions: seen.twoVersions,
      versionsRead: seen.versionsRead,
      historyFiles: seen.historyFiles,
      historyProvisions: seen.historyProvisions,
      historyProblems: seen.problems.length,
      changedFiles: trees.changedFiles,
      diagnostics: { versioned: seen.diagnostics, plain: plainSeen.diagnostics },
      cold: { versioned: coldV, plain: coldP, ratio },
      child: {
        versioned: childV,
        plain: childP,
        ratio: childV.ms / childP.ms,
        versionedRssKB: median(child.versioned.map((c) => c.maxRssKB)),
        plainRssKB: median(child.plain.map((c) => c.maxRssKB)),
      },
      warm: { versioned: warmV, plain: warmP, ratio: warmV.ms / warmP.ms, versionedFillMs: fillV.ms, plainFillMs: fillP.ms },
      sharedCache,
      load: { before: loadBefore, after: loadavg() },
      target: VERSIONS_TARGET_RATIO,
      pass: ratio <= VERSIONS_TARGET_RATIO,
    };
  } finally {
    for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
    rmSync(trees.work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function codes(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([c, n]) => `${c} ×${n}`).join(', ') : 'none';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const PHASES = ['parse', 'history', 'bind', 'terms', 'check'];

/** The section run.ts prints: a table in the style of the check figures, one row per tree, phases in columns. */
export function formatVersionsBench(r: VersionsBenchResult): string {
  const x = (ratio: number) => `${ratio.toFixed(2)}×`;
  const rows: string[][] = [['figure', 'check', ...PHASES, 'ratio', 'target', r.size]];
  const row = (name: string, f: CheckFigures, ratio = '', target = '', verdict = '') => rows.push([name, fmtMs(f.ms), ...PHASES.map((k) => fmtMs(f.timings[k] ?? NaN)), ratio, target, verdict]);
  row('cold (no cache, default workers), without versions', r.cold.plain);
  row('    with versions', r.cold.versioned, x(r.cold.ratio), `≤ ${r.target}×`, r.size === 'L' ? (r.pass ? 'PASS' : 'MISS') : '');
  row('cold, a fresh process per run, without versions', r.child.plain);
  row('    with versions', r.child.versioned, x(r.child.ratio), `≤ ${r.target}×`, r.size === 'L' ? (r.child.ratio <= r.target ? 'PASS' : 'MISS') : '');
  row('warm (parse cache of a first run), without versions', r.warm.plain);
  row('    with versions', r.warm.versioned, x(r.warm.ratio));
  row('    with versions, on a cache filled without them', r.sharedCache, x(r.sharedCache.ms / r.warm.plain.ms));
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
  const mb = (kb: number) => `${((kb * 1024) / 1e6).toFixed(0)} MB`;
  const all = (f: CheckFigures) => f.all.map((ms) => (ms / 1000).toFixed(2)).join(' ');
  return [
    table(rows),
    `first run filling the cache ${fmtMs(r.warm.versionedFillMs)} with versions, ${fmtMs(r.warm.plainFillMs)} without (${x(r.warm.versionedFillMs / r.warm.plainFillMs)}); peak memory (maxRSS) of the fresh process ${mb(r.child.versionedRssKB)} with, ${mb(r.child.plainRssKB)} without`,
    `read: ${r.twoVersions}/${r.documents} documents with 2 versions (${r.withPrevious} name \`previous: ${PREVIOUS_TAG}\`), ${r.versionsRead} versions in all; ${r.historyFiles} files and ${fmtInt(r.historyProvisions)} provisions of ${PREVIOUS_TAG}; ${r.historyProblems} chain problems`,
    `changed: ${r.changedFiles.length} files (each manifest, one word in one clause file per document); effective ${NEW_EFFECTIVE} (or in-force.from when later), effective-by a month on`,
    `diagnostics with versions: ${codes(r.diagnostics.versioned)}`,
    `diagnostics without:       ${codes(r.diagnostics.plain)}`,
    `notes: median of ${r.runs} alternating runs of each tree (cold in process, s: with ${all(r.cold.versioned)} · without ${all(r.cold.plain)}); ratio = with / without`,
    `       (the shared-cache row: to the warm check without); history = reading v-prev with git and binding it; the tree without versions is a plain folder.`,
    `       load average (1/5/15 min) before ${load(r.load.before)}, after ${load(r.load.after)}: figures are only comparable on an otherwise idle machine.`,
  ].join('\n');
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-GB');
}

// CLI: node dist/bench/versionsBench.js [S|L] [--runs N] (generates the corpus under .bench/)
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const name = (args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--runs') ?? 'L').toUpperCase();
  if (name !== 'S' && name !== 'L') {
    console.error('usage: node dist/bench/versionsBench.js [S|L] [--runs N]');
    process.exit(2);
  }
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined;
  const corpus = generateCorpus(name as SizeName, resolve('.bench', `corpus-${name}`));
  const result = await benchVersions(corpus.root, { log: (l) => console.error(`  … ${l}`), ...(runs ? { runs } : {}) });
  console.log(`\nregmark check with versions on ${name} (target on L: ≤ ${VERSIONS_TARGET_RATIO}× the same check without versions)\n` + formatVersionsBench(result));
}
