/**
 * The `regmark lsp` figures for `npm run bench`, on a generated corpus, through the built server over stdio as
 * an editor drives it:
 *   - baseline: a cold `regmark check --no-cache` of the same root in a child process (wall time), and the same
 *     check with the parse cache;
 *   - start to first diagnostics: the server spawned, initialised and publishing, without and with the parse cache
 *     (which the cached check fills first, as an author's earlier `check` would); baselines and starts alternate
 *     over a few rounds and the medians are reported;
 *   - hover on term uses and go to definition on references of the largest clause file (round trips, median, p90);
 *   - an edit in that file that breaks a reference, and the edit that repairs it: from didChange sent to the
 *     file's new diagnostics received.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '../model/dates.js';
import { LspClient } from '../lsp/lspClient.js';
import { BENCH_AS_AT } from './generateCorpus.js';

export interface LspBenchResult {
  /** Medians over `rounds`: a cold check, a check with the parse cache, and the server's start without and with it. */
  checkMs: number;
  cachedCheckMs: number;
  rounds: number;
  coldStartMs: number;
  startMs: number;
  hover: { medianMs: number; p90Ms: number; count: number };
  definition: { medianMs: number; p90Ms: number; count: number };
  edit: { medianMs: number; p90Ms: number; count: number };
  file: string;
  fileBytes: number;
}

export const LSP_TARGETS = { hoverMs: 50, definitionMs: 50, editMs: 200, startMs: 2000 };

const BIN = fileURLToPath(new URL('../../bin/regmark.js', import.meta.url));

function stats(values: number[]): { medianMs: number; p90Ms: number; count: number } {
  const s = [...values].sort((a, b) => a - b);
  return { medianMs: s[Math.floor(s.length / 2)]!, p90Ms: s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]!, count: s.length };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function startToDiagnostics(root: string, args: string[]): Promise<{ ms: number; client: LspClient }> {
  const t = performance.now();
  const client = await LspClient.start(root, args);
  await client.waitFor((d) => d.size > 0, 120_000);
  return { ms: performance.now() - t, client };
}

export async function benchLsp(root: string, options: { asAt?: IsoDate; samples?: number; edits?: number; rounds?: number } = {}): Promise<LspBenchResult> {
  const asAt = options.asAt ?? (BENCH_AS_AT as IsoDate);
  const samples = options.samples ?? 25;
  const edits = options.edits ?? 8;
  const rounds = options.rounds ?? 3;
  const check = (extra: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'check', '--root', root, '--as-at', asAt, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr}`);
    return performance.now() - t;
  };
  // Baselines and starts alternate, so that each pair sees the same background load; medians are reported.
  const checkRuns: number[] = [];
  const cachedCheckRuns: number[] = [];
  const coldRuns: number[] = [];
  const startRuns: number[] = [];
  let client: LspClient | undefined;
  for (let i = 0; i < rounds; i++) {
    checkRuns.push(check(['--no-cache']));
    const cold = await startToDiagnostics(root, ['--as-at', asAt, '--no-cache']);
    coldRuns.push(cold.ms);
    await cold.client.stop();
    // A check with the parse cache fills it, as an author's earlier `check` in the same root does.
    cachedCheckRuns.push(check([]));
    const warm = await startToDiagnostics(root, ['--as-at', asAt]);
    startRuns.push(warm.ms);
    if (i < rounds - 1) await warm.client.stop();
    else client = warm.client;
  }
  const median = (values: number[]) => stats(values).medianMs;
  const [checkMs, cachedCheckMs, coldStartMs, startMs] = [median(checkRuns), median(cachedCheckRuns), median(coldRuns), median(startRuns)];
  if (!client) throw new Error('no rounds');
  try {
    const clauseFiles = readdirSync(join(root, 'clauses'), { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.md'))
      .map((p) => ({ path: `clauses/${p.split('\\').join('/')}`, bytes: statSync(join(root, 'clauses', p)).size }))
      .sort((a, b) => b.bytes - a.bytes);
    const file = clauseFiles[0]!;
    const text = readFileSync(join(root, file.path), 'utf8');
    await client.open(file.path, text);
    const uri = client.uri(file.path);
    // Term uses: terms of the definitions files, where the file's prose mentions them.
    const terms = readdirSync(join(root, 'definitions'))
      .flatMap((f) => [...readFileSync(join(root, 'definitions', f), 'utf8').matchAll(/^\*\*([^*\n]+)\*\*/gm)].map((m) => m[1]!))
      .sort((a, b) => b.length - a.length);
    const termAt: number[] = [];
    for (const term of terms) {
      const at = text.indexOf(` ${term} `, Math.floor((text.length * termAt.length) / samples));
      if (at >= 0) termAt.push(at + 2);
      if (termAt.length >= samples) break;
    }
    const refAt: number[] = [];
    for (let i = 0; i < samples; i++) {
      const at = text.indexOf('[[', Math.floor((text.length * i) / samples));
      if (at >= 0) refAt.push(at + 3);
    }
    const timeRequests = async (method: string, offsets: number[]) => {
      const times: number[] = [];
      for (const offset of offsets) {
        const t = performance.now();
        const answer = await client.connection.sendRequest(method, { textDocument: { uri }, position: positionAt(text, offset) });
        times.push(performance.now() - t);
        if (answer === null) throw new Error(`${method} had no answer at ${file.path}:${JSON.stringify(positionAt(text, offset))}`);
      }
      return stats(times);
    };
    // One request of each first: the server builds its symbol index once per checked corpus.
    await timeRequests('textDocument/hover', termAt.slice(0, 1));
    const hover = await timeRequests('textDocument/hover', termAt);
    const definition = await timeRequests('textDocument/definition', refAt);

    // Edits inside a clause paragraph in the middle of the file: a broken reference typed, then taken out.
    let at = text.indexOf('. ', Math.floor(text.length / 2));
    while (at >= 0 && /^[|#[-]/.test(text.slice(text.lastIndexOf('\n', at) + 1))) at = text.indexOf('. ', at + 2);
    const where = positionAt(text, at + 1);
    const insert = ' See [[ZZ 9.9]].';
    const editTimes: number[] = [];
    for (let i = 0; i < edits + 1; i++) {
      const t0 = performance.now();
      await client.change(file.path, { start: where, end: where }, insert);
      await client.waitFor((d) => (d.get(uri) ?? []).some((x) => String(x.message).includes('ZZ 9.9')), 60_000);
      const t1 = performance.now();
      await client.change(file.path, { start: where, end: { line: where.line, character: where.character + insert.length } }, '');
      await client.waitFor((d) => !(d.get(uri) ?? []).some((x) => String(x.message).includes('ZZ 9.9')), 60_000);
      const t2 = performance.now();
      // The first round parses the file into chunks; the rest are what an author typing meets.
      if (i > 0) editTimes.push(t1 - t0, t2 - t1);
    }
    return { checkMs, cachedCheckMs, coldStartMs, startMs, rounds, hover, definition, edit: stats(editTimes), file: file.path, fileBytes: file.bytes };
  } finally {
    await client.stop();
  }
}

export function formatLspBench(r: LspBenchResult, fmtMs: (ms: number) => string, verdict: (ok: boolean) => string): string {
  const ratio = (ms: number) => `${(ms / r.checkMs).toPrecision(2)}× cold check`;
  const row = (label: string, s: { medianMs: number; p90Ms: number; count: number }, target: number) =>
    `  ${label.padEnd(38)} ${fmtMs(s.medianMs)} median, p90 ${fmtMs(s.p90Ms)} (${s.count})  ${ratio(s.medianMs)}  ${verdict(s.medianMs <= target)}`;
  return [
    `  baseline: cold \`check --no-cache\`        ${fmtMs(r.checkMs)}  (with the parse cache ${fmtMs(r.cachedCheckMs)}; medians of ${r.rounds} rounds)`,
    `  start → first diagnostics, parse cache ${fmtMs(r.startMs)}  ${ratio(r.startMs)}, ${(r.startMs / r.cachedCheckMs).toPrecision(2)}× cached check  ${verdict(r.startMs <= LSP_TARGETS.startMs)}`,
    `  start → first diagnostics, no cache    ${fmtMs(r.coldStartMs)}  ${ratio(r.coldStartMs)}`,
    row('hover on a term use', r.hover, LSP_TARGETS.hoverMs),
    row('go to definition of a reference', r.definition, LSP_TARGETS.definitionMs),
    row('diagnostics after a one-file edit', r.edit, LSP_TARGETS.editMs),
    `  file: ${r.file} (${(r.fileBytes / 1e6).toFixed(2)} MB)`,
  ].join('\n');
}
