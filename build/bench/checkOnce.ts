/**
 * One `check` of a content root in a fresh process, for figures that the benchmark process would pollute
 * (peak memory above all). Prints one JSON object on stdout.
 *
 *   node dist/bench/checkOnce.js <root> [--as-at YYYY-MM-DD] [--workers N] [--cache DIR]
 */
import { checkRoot } from '../pipeline.js';
import type { IsoDate } from '../model/dates.js';
import { BENCH_AS_AT } from './generateCorpus.js';

export interface CheckOnceResult {
  root: string;
  wallMs: number;
  timings: Record<string, number>;
  /** process.resourceUsage().maxRSS: kilobytes, whole process (worker threads included). */
  maxRssKB: number;
  heapUsedMB: number;
  documents: number;
  provisions: number;
  definitions: number;
  uses: number;
  references: number;
  errors: number;
  warnings: number;
  byCode: Record<string, number>;
  sample: string[];
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args[0];
  if (!root || root.startsWith('--')) {
    console.error('usage: node dist/bench/checkOnce.js <root> [--as-at YYYY-MM-DD] [--workers N] [--cache DIR]');
    process.exit(2);
  }
  const asAt = (option(args, '--as-at') ?? BENCH_AS_AT) as IsoDate;
  const workers = option(args, '--workers');
  const cacheDir = option(args, '--cache');
  const timings: Record<string, number> = {};
  const t = performance.now();
  const { corpus, diagnostics } = await checkRoot(root, { asAt, timings, ...(workers !== undefined ? { workers: Number(workers) } : {}), ...(cacheDir ? { cacheDir } : {}) });
  const wallMs = performance.now() - t;
  const byCode: Record<string, number> = {};
  for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  const result: CheckOnceResult = {
    root,
    wallMs,
    timings,
    maxRssKB: process.resourceUsage().maxRSS,
    heapUsedMB: process.memoryUsage().heapUsed / 1048576,
    documents: corpus.documents.size,
    provisions: corpus.provisions.size,
    definitions: [...corpus.definitions.values()].reduce((n, homes) => n + homes.length, 0),
    uses: corpus.uses.length,
    references: corpus.references.length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    byCode,
    sample: diagnostics.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
