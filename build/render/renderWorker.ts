/** Worker-thread entry: renders one model to one format, so a pack's annexes render on every core. */
import { parentPort } from 'node:worker_threads';
import { rendererFor } from './registry.js';
import type { RenderJob } from './renderPool.js';

parentPort?.on('message', async (job: RenderJob & { id: number }) => {
  try {
    const result = await rendererFor(job.format)!.render(job.model, { theme: job.theme, fileFor: (doc) => job.files[doc] });
    parentPort!.postMessage({ id: job.id, bytes: result.bytes, warnings: result.warnings });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message ?? String(error) });
  }
});
