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

export async function renderAll(jobs: RenderJob[], onDone?: (index: number) => void, options: { workers?: number } = {}): Promise<RenderResult[]> {
  const total = jobs.reduce((n, j) => n + size(j.model), 0);
  const forced = process.env.REGMARK_RENDER_WORKERS;
  const count = options.workers ?? (forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined) ?? (total >= PARALLEL_THRESHOLD && jobs.length > 1 ? Math.min(availableParallelism(), jobs.length) : 0);
  const results = new Array<RenderResult>(jobs.length);
  if (count < 2) {
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i]!;
      results[i] = await rendererFor(job.format)!.render(job.model, { theme: job.theme, fileFor: (doc) => job.files[doc] });
      onDone?.(i);
    }
    return results;
  }
  return runInWorkers(workerEntry(import.meta.url, 'renderWorker'), jobs, {
    count,
    weight: (job) => size(job.model),
    message: (job, id) => ({ ...job, id }),
    result: (reply) => {
      const r = reply as WorkerReply & { bytes: Uint8Array; warnings?: string[] };
      return { bytes: new Uint8Array(r.bytes), warnings: r.warnings ?? [] };
    },
    ...(onDone ? { onDone } : {}),
  });
}
