/**
 * Benchmark of `regmark redline` on the generated S corpus: a v2 with about 5% of its clauses edited plus a section
 * added, one removed and one moved; and a worst case with 10% of the clauses moved to other sections. It times the
 * diff phase (clause alignment and word diffs), each renderer on the change tree, the whole command end to end, and,
 * for comparison, jsdiff's `diffWords` over the whole text of the same two documents.
 * Targets: diff phase for S < 0.3 s; worst case < 2 s; end-to-end S redline DOCX+PDF < 3 s.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffWords } from 'diff';
import { diffDocuments } from '../diff/diffDocuments.js';
import { describeProvenance, redlineDocuments } from '../commands/redline.js';
import { flattenBlock } from '../render/layout/layoutDocument.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import type { RenderDocument } from '../model/document.js';
import { rendererFor } from '../render/registry.js';
import { loadHouseStyle, templatesDirFor } from '../theme/houseStyle.js';
import { loadCorpus } from '../pipeline.js';
import type { IsoDate } from '../model/dates.js';
import { BENCH_AS_AT, generateCorpus } from './generateCorpus.js';

export interface RedlinePairResult {
  name: string;
  clauses: number;
  changedClauses: number;
  /** Median of the measured runs, ms. */
  diffMs: number;
  docxMs: number;
  pdfMs: number;
  /** The whole command (load both sides, check, model, diff, both renderers, write), ms. */
  endToEndMs: number;
  /** jsdiff diffWords over the whole plain text of both documents; undefined when it passed its time limit. */
  wholeDiffWordsMs?: number;
  wholeDiffWordsTimedOut?: boolean;
}

export interface RedlineBenchResult {
  typical: RedlinePairResult;
  worst: RedlinePairResult;
  targets: { diffS: number; diffWorst: number; endToEnd: number };
  pass: boolean;
}

export interface RedlineBenchOptions {
  runs?: number;
  /** Time limit for each whole-document diffWords, ms (default 120 000). 0 skips it. */
  wholeDiffLimitMs?: number;
  log?: (line: string) => void;
}

const DOC = 'AK';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A clause file as its head (the section heading) and its clauses, each with what follows it up to the next. */
function splitClauses(text: string): { head: string; clauses: string[]; tail: string } {
  const footnotes = text.search(/\n\[\^[^\]]+\]:/);
  const body = footnotes >= 0 ? text.slice(0, footnotes) : text;
  const tail = footnotes >= 0 ? text.slice(footnotes) : '';
  const parts = body.split(/\n(?=\*\*[0-9][0-9A-Za-z.]*\*\*)/);
  return { head: parts[0]!, clauses: parts.slice(1), tail };
}

const EDITS: Array<[RegExp, string]> = [
  [/\bshall\b/, 'must'],
  [/\bwithin five working days\b/, 'within ten working days'],
  [/\beach\b/, 'every'],
  [/\bthe relevant\b/, 'the applicable'],
  [/\.\s*$/, ', unless the Panel directs otherwise.'],
];

function editClause(clause: string, n: number): string {
  for (let k = 0; k < EDITS.length; k++) {
    const [pattern, replacement] = EDITS[(n + k) % EDITS.length]!;
    if (pattern.test(clause)) return clause.replace(pattern, replacement);
  }
  return clause.replace(/\s*$/, ' This clause was amended.\n');
}

/** v2: ~5% of clauses edited, one section added, one removed, one moved (its file now sorts elsewhere). */
function makeTypical(base: string, out: string): void {
  cpSync(base, out, { recursive: true });
  const dir = join(out, 'clauses', DOC);
  const files = readdirSync(dir).sort();
  const next = random(17);
  let n = 0;
  for (const f of files) {
    const path = join(dir, f);
    const { head, clauses, tail } = splitClauses(readFileSync(path, 'utf8'));
    const edited = clauses.map((c) => (next() < 0.05 ? editClause(c, n++) : c));
    writeFileSync(path, [head, ...edited].join('\n') + tail);
  }
  const clauses = Array.from({ length: 12 }, (_, i) => `**90.${i + 1}** The Operator shall publish a quarterly report on matter ${i + 1} of the new arrangements and send it to the Panel.\n`);
  writeFileSync(join(dir, '90-new-reporting.md'), `## 90 New Reporting Arrangements\n\n${clauses.join('\n')}`);
  unlinkSync(join(dir, files[files.length - 2]!));
  renameSync(join(dir, files[1]!), join(dir, `99-${files[1]!.replace(/^\d+[a-z]?-/, '')}`));
}

/** Worst case: every tenth clause moved into the next file's section. */
function makeWorst(base: string, out: string): void {
  cpSync(base, out, { recursive: true });
  const dir = join(out, 'clauses', DOC);
  const files = readdirSync(dir).sort();
  const parsed = files.map((f) => splitClauses(readFileSync(join(dir, f), 'utf8')));
  const moving = parsed.map((p) => p.clauses.filter((_, i) => i % 10 === 5));
  parsed.forEach((p, i) => {
    const kept = p.clauses.filter((_, k) => k % 10 !== 5);
    const arriving = moving[(i + parsed.length - 1) % parsed.length]!;
    writeFileSync(join(dir, files[i]!), [p.head, ...kept, ...arriving].join('\n') + p.tail);
  });
}

function plainText(model: RenderDocument): string {
  const text = (inlines: ReturnType<typeof flattenBlock>): string =>
    inlines.map((i) => (i.kind === 'text' || i.kind === 'code' || i.kind === 'reference' ? i.text : i.kind === 'break' ? '\n' : 'children' in i ? text(i.children) : '')).join('');
  return model.body.map((b) => text(flattenBlock(b))).join('\n\n');
}

async function pair(name: string, baseRoot: string, nextRoot: string, options: Required<Omit<RedlineBenchOptions, 'log'>>): Promise<RedlinePairResult> {
  const asAt = BENCH_AS_AT as IsoDate;
  const [baseCorpus, nextCorpus] = [await loadCorpus(baseRoot, { workers: 0 }), await loadCorpus(nextRoot, { workers: 0 })];
  const style = loadHouseStyle(templatesDirFor(nextRoot, undefined));
  const common = { doc: DOC, asAt, style, linkable: new Set([DOC]), sourceDate: new Date(0) };
  const base = buildRenderModel({ corpus: baseCorpus, ...common });
  const next = buildRenderModel({ corpus: nextCorpus, ...common });
  const info = { author: 'Bench', date: '2026-01-15T00:00:00Z', baseVersion: base.version, baseLabel: 'base' };
  const describe = (from: string) => describeProvenance([nextCorpus, baseCorpus], from);
  const diffTimes: number[] = [];
  let redline = diffDocuments(base, next, info, describe);
  for (let i = 0; i < options.runs + 1; i++) {
    const t = performance.now();
    redline = diffDocuments(base, next, info, describe);
    if (i > 0) diffTimes.push(performance.now() - t);
  }
  const context = { theme: style.theme, fileFor: () => undefined };
  const renderTimes = async (format: string) => {
    const times: number[] = [];
    for (let i = 0; i < options.runs + 1; i++) {
      const t = performance.now();
      await rendererFor(format)!.render(redline, context);
      if (i > 0) times.push(performance.now() - t);
    }
    return median(times);
  };
  const docxMs = await renderTimes('docx');
  const pdfMs = await renderTimes('pdf');
  const out = mkdtempSync(join(tmpdir(), 'regmark-redline-bench-'));
  const endTimes: number[] = [];
  try {
    for (let i = 0; i < options.runs + 1; i++) {
      const t = performance.now();
      await redlineDocuments({ root: nextRoot, base: baseRoot, docs: [DOC], asAt, formats: ['docx', 'pdf'], outDir: out, author: 'Bench', date: info.date, sourceDate: new Date(0), workers: 0 });
      if (i > 0) endTimes.push(performance.now() - t);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const result: RedlinePairResult = {
    name,
    clauses: redline.summary.clauses.length ? countClauses(next) : countClauses(next),
    changedClauses: redline.summary.clauses.filter((c) => c.kind === 'clause').length,
    diffMs: median(diffTimes),
    docxMs,
    pdfMs,
    endToEndMs: median(endTimes),
  };
  if (options.wholeDiffLimitMs > 0) {
    const [a, b] = [plainText(base), plainText(next)];
    const t = performance.now();
    const parts = diffWords(a, b, { timeout: options.wholeDiffLimitMs } as never) as unknown;
    const ms = performance.now() - t;
    if (parts === undefined) result.wholeDiffWordsTimedOut = true;
    result.wholeDiffWordsMs = ms;
  }
  return result;
}

function countClauses(model: RenderDocument): number {
  let n = 0;
  const visit = (blocks: RenderDocument['body']) => {
    for (const b of blocks) {
      if (b.kind === 'clause') n++;
      if (b.kind === 'section') visit(b.children);
    }
  };
  visit(model.body);
  return n;
}

export function formatRedlineBench(r: RedlineBenchResult): string[] {
  const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(3)} s`);
  const row = (p: RedlinePairResult) =>
    `  ${p.name.padEnd(8)} ${String(p.changedClauses).padStart(4)}/${p.clauses} clauses changed · diff ${s(p.diffMs)} · docx ${s(p.docxMs)} · pdf ${s(p.pdfMs)} · end to end ${s(p.endToEndMs)} · whole-document diffWords ${p.wholeDiffWordsTimedOut ? `> ${s(p.wholeDiffWordsMs)} (gave up)` : s(p.wholeDiffWordsMs)}`;
  return [
    'redline (S, document AK):',
    row(r.typical),
    row(r.worst),
    `  targets: diff S < ${r.targets.diffS / 1000} s (${r.typical.diffMs < r.targets.diffS ? 'met' : 'MISSED'}), worst case < ${r.targets.diffWorst / 1000} s (${r.worst.diffMs < r.targets.diffWorst ? 'met' : 'MISSED'}), end-to-end S DOCX+PDF < ${r.targets.endToEnd / 1000} s (${r.typical.endToEndMs < r.targets.endToEnd ? 'met' : 'MISSED'})`,
  ];
}

export async function benchRedline(options: RedlineBenchOptions = {}): Promise<RedlineBenchResult> {
  const opts = { runs: options.runs ?? 3, wholeDiffLimitMs: options.wholeDiffLimitMs ?? 120_000 };
  const dir = mkdtempSync(join(tmpdir(), 'regmark-redline-corpus-'));
  try {
    const base = join(dir, 'base');
    generateCorpus('S', base);
    makeTypical(base, join(dir, 'typical'));
    makeWorst(base, join(dir, 'worst'));
    const typical = await pair('S v2', base, join(dir, 'typical'), opts);
    const worst = await pair('worst', base, join(dir, 'worst'), opts);
    const targets = { diffS: 300, diffWorst: 2000, endToEnd: 3000 };
    const result: RedlineBenchResult = {
      typical,
      worst,
      targets,
      pass: typical.diffMs < targets.diffS && worst.diffMs < targets.diffWorst && typical.endToEndMs < targets.endToEnd,
    };
    for (const line of formatRedlineBench(result)) (options.log ?? console.log)(line);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
