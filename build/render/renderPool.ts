/**
 * Renders many (model, format) jobs, in worker threads when there is enough work to pay for starting them.
 * Renderers are pure functions of their input, so a file is the same bytes whichever thread drew it.
 */
import { availableParallelism } from 'node:os';
import { runInWorkers, workerEntry, type WorkerReply } from '../workerPool.js';
import type { RenderDocument } from '../model/document.js';
import { rendererFor } from './registry.js';
import type { RenderResult } from './renderer.js';
import type { Theme } from '../theme/theme.js';

export interface RenderJob {
  format: string;
  model: RenderDocument;
  theme: Theme;
  /** Output file name of each other document of the build in this format, for cross-document links. */
  files: Record<string, string>;
}

/** Below this many clauses in all, a thread starts slower than the work it would take over. */
const PARALLEL_THRESHOLD = 1500;
/** Relative cost of drawing a clause in each format (measured on the generated S corpus): a PDF is set and shaped. */
const FORMAT_COST: Record<string, number> = { pdf: 1.7, docx: 1 };
/** Young-generation size of a render thread: drawing allocates many short-lived objects, which a small one collects over and over. */
const RENDER_YOUNG_GENERATION_MB = 64;

function size(model: RenderDocument): number {
  let count = 0;
  const walk = (blocks: readonly { kind: string; children?: unknown }[]) => {
    for (const b of blocks) {
      if (b.kind === 'clause') count++;
      if (Array.isArray(b.children)) walk(b.children as { kind: string }[]);
    }
  };
  walk(model.body);
  return count;
}

export function renderOne(job: RenderJob): Promise<RenderResult> {
  return rendererFor(job.format)!.render(job.model, { theme: job.theme, fileFor: (doc) => job.files[doc] });
}

/**
 * Jobs that must go to one thread together: the Word files of one text, clean and redlined, whose page estimates
 * (a whole layout each) are one and the same. A message to a worker keeps shared objects shared, so the worker finds
 * the redline's new side to be the clean model it has just laid out.
 */
function units(jobs: readonly RenderJob[]): number[][] {
  const groups = new Map<RenderDocument, number[]>();
  const out: number[][] = [];
  jobs.forEach((job, i) => {
    if (job.format !== 'docx') return void out.push([i]);
    const text = (job.model as RenderDocument & { redline?: { sides?: { next?: RenderDocument } } }).redline?.sides?.next ?? job.model;
    const group = groups.get(text);
    if (group) group.push(i);
    else {
      const fresh = [i];
      groups.set(text, fresh);
      out.push(fresh);
    }
  });
  return out;
}

export async function renderAll(jobs: RenderJob[], onDone?: (index: number) => void, options: { workers?: number } = {}): Promise<RenderResult[]> {
  const total = jobs.reduce((n, j) => n + size(j.model), 0);
  const forced = process.env.REGMARK_RENDER_WORKERS;
  const work = units(jobs);
  const count = options.workers ?? (forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined) ?? (total >= PARALLEL_THRESHOLD && work.length > 1 ? Math.min(availableParallelism(), work.length) : 0);
  const results = new Array<RenderResult>(jobs.length);
  if (count < 2) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = await renderOne(jobs[i]!);
      onDone?.(i);
    }
    return results;
  }
  const done = await runInWorkers(
    workerEntry(import.meta.url, 'renderWorker'),
    work,
    {
      count,
      weight: (unit) => unit.reduce((n, i) => n + size(jobs[i]!.model) * (FORMAT_COST[jobs[i]!.format] ?? 1), 0),
      message: (unit, id) => ({ id, jobs: unit.map((i) => jobs[i]!) }),
      result: (reply) => (reply as WorkerReply & { results: Array<{ bytes: Uint8Array; warnings?: string[] }> }).results.map((r) => ({ bytes: new Uint8Array(r.bytes), warnings: r.warnings ?? [] })),
      ...(onDone ? { onDone: (id: number) => work[id]!.forEach((i) => onDone(i)) } : {}),
    },
    { resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_GENERATION_MB } },
  );
  work.forEach((unit, u) => unit.forEach((i, k) => (results[i] = done[u]![k]!)));
  return results;
}
