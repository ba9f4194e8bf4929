/**
 * The `check --watch` figure for `npm run bench`: time from "this file changed" to the new diagnostics, after
 * a one-file edit of a generated corpus, measured on a WatchSession directly (no file-system events).
 *
 * Steps: a session is created (parse cache in a temporary folder unless one is given); one clause file is edited
 * once before the background chunking has run (`coldFirstEditMs`: that file is parsed whole); the session is
 * warmed as `check --watch` does after its first report; then `edits` edits of text inside clauses of the largest
 * clause file are timed (`recheckMs` is their median, `p90Ms` the 90th percentile); last, one edit that adds a
 * clause (a change to the symbol tables, which takes the full re-bind) is timed as `structuralEditMs`. The file is
 * restored afterwards.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../model/dates.js';
import { discoverSources } from '../parse/discover.js';
import { createWatchSession } from '../watch/session.js';
import { BENCH_AS_AT } from './generateCorpus.js';

export interface WatchBenchResult {
  /** Median re-check after a one-file text edit, with the session warm (the target: ≤ 200 ms on L). */
  recheckMs: number;
  p90Ms: number;
  /** The first edit of a file the background chunking has not reached yet. */
  coldFirstEditMs: number;
  /** An edit that adds a clause: the full re-bind and re-check. */
  structuralEditMs: number;
  /** Session start from the parse cache, and the background chunking of every file. */
  startMs: number;
  warmMs: number;
  file: string;
  fileBytes: number;
  edits: number;
  /** How many timed edits took the local path (all of them, when nothing is wrong). */
  localEdits: number;
  timings: Record<string, number>;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** The text with a sentence added after the `n`-th sentence end inside a clause paragraph (from `fraction` of the way in). */
function editAt(text: string, fraction: number, n: number): string {
  let at = Math.floor(text.length * fraction);
  for (;;) {
    const dot = text.indexOf('. ', at);
    if (dot < 0) return text + `\nEdit ${n}.\n`;
    const lineStart = text.lastIndexOf('\n', dot) + 1;
    const line = text.slice(lineStart, text.indexOf('\n', dot) < 0 ? text.length : text.indexOf('\n', dot));
    // Plain paragraph text only: not a table row, a heading or a footnote, and not inside [[…]].
    const before = text.slice(lineStart, dot);
    if (/^[|#[]/.test(line) || before.lastIndexOf('[[') > before.lastIndexOf(']]')) {
      at = dot + 2;
      continue;
    }
    return `${text.slice(0, dot + 1)} The Party shall keep a record of edit ${n} for each request.${text.slice(dot + 1)}`;
  }
}

export async function benchWatch(root: string, options: { asAt?: IsoDate; cacheDir?: string; edits?: number } = {}): Promise<WatchBenchResult> {
  const asAt = options.asAt ?? (BENCH_AS_AT as IsoDate);
  const edits = options.edits ?? 11;
  const tempCache = options.cacheDir ? undefined : mkdtempSync(join(tmpdir(), 'regmark-watch-bench-'));
  const cacheDir = options.cacheDir ?? tempCache!;
  const clauseFiles = (await discoverSources(root)).filter((r) => r.role === 'clauses').map((r) => ({ path: r.path, bytes: statSync(join(root, r.path)).size }));
  clauseFiles.sort((a, b) => b.bytes - a.bytes);
  const target = clauseFiles[0]!;
  const coldTarget = clauseFiles[1] ?? target;
  const originals = new Map([target, coldTarget].map((f) => [f.path, readFileSync(join(root, f.path), 'utf8')]));
  const session0 = performance.now();
  const session = await createWatchSession(root, { asAt, cacheDir });
  const startMs = performance.now() - session0;
  const timings: Record<string, number> = {};
  try {
    const write = (path: string, text: string) => writeFileSync(join(root, path), text);
    // The first edit of a file before chunking: parsed whole.
    write(coldTarget.path, editAt(originals.get(coldTarget.path)!, 0.5, 0));
    const cold = await session.recheck([coldTarget.path]);
    write(coldTarget.path, originals.get(coldTarget.path)!);
    await session.recheck([coldTarget.path]);

    const warm0 = performance.now();
    await session.warm();
    const warmMs = performance.now() - warm0;

    const times: number[] = [];
    let localEdits = 0;
    const original = originals.get(target.path)!;
    for (let i = 0; i < edits; i++) {
      write(target.path, editAt(original, (i + 0.5) / edits, i + 1));
      const r = await session.recheck([target.path]);
      times.push(r.ms);
      if (session.lastPath === 'local') localEdits++;
      for (const [k, v] of Object.entries(r.timings)) timings[k] = (timings[k] ?? 0) + v / edits;
    }
    // A new clause at the end of the file: the provision table changes, so the session re-binds everything.
    write(target.path, `${original.replace(/\s*$/, '')}\n\n**${999_999}.1** The Party shall keep a record of each request.\n`);
    const structural = await session.recheck([target.path]);
    write(target.path, original);
    await session.recheck([target.path]);
    return {
      recheckMs: median(times),
      p90Ms: percentile(times, 90),
      coldFirstEditMs: cold.ms,
      structuralEditMs: structural.ms,
      startMs,
      warmMs,
      file: target.path,
      fileBytes: target.bytes,
      edits,
      localEdits,
      timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    };
  } finally {
    for (const [path, text] of originals) writeFileSync(join(root, path), text);
    await session.close();
    if (tempCache) rmSync(tempCache, { recursive: true, force: true });
  }
}
