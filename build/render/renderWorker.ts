/** Worker-thread entry: renders the jobs of one message in order, so a pack's annexes render on every core. */
import { parentPort } from 'node:worker_threads';
import { renderOne, type RenderJob } from './renderPool.js';

parentPort?.on('message', async (message: { id: number; jobs: RenderJob[] }) => {
  try {
    const results = [];
    for (const job of message.jobs) {
      const { bytes, warnings } = await renderOne(job);
      results.push({ bytes, warnings });
    }
    // A file that owns its whole buffer is handed over, not copied; a view into a shared pool is copied.
    const owned = results.map((r) => r.bytes).filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer);
    parentPort!.postMessage({ id: message.id, results }, [...new Set(owned.map((b) => b.buffer as ArrayBuffer))]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).message ?? String(error) });
  }
});
