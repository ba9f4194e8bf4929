/**
 * Worker-thread entry of the render pool: draws the jobs it is sent one after another, in order, each unless the
 * caller has taken it back (its claim flag, shared with the caller, is already set). One at a time, so that the jobs
 * it holds wait unstarted: the caller can take them back, and the next is begun the moment one ends, without waiting
 * for the caller to answer. Each answer carries the words the thread shaped for it (handedWords.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderOne, type RenderJob } from './renderPool.js';
import { handOnShapedWords, takeShapedWords } from './pdf/handedWords.js';

const claims = new Int32Array((workerData as { claims: SharedArrayBuffer }).claims);
// The words this thread shapes go back with its answers, for the calling thread's own PDFs.
handOnShapedWords();

async function draw(message: { id: number; job: RenderJob }): Promise<void> {
  const { id, job } = message;
  if (id < claims.length && Atomics.compareExchange(claims, id, 0, 1) !== 0) return parentPort!.postMessage({ id, skipped: true });
  try {
    const output = await renderOne(job);
    // A file that owns its whole buffer is handed over, not copied; a view into a shared pool is copied.
    const owned = [output.bytes, output.zipped?.bytes].filter((b): b is Uint8Array => b !== undefined && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer);
    const shaped = takeShapedWords();
    parentPort!.postMessage({ id, output, ...(shaped ? { shaped } : {}) }, [...new Set(owned.map((b) => b.buffer as ArrayBuffer))]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message ?? String(error) });
  }
}

let queue = Promise.resolve();
parentPort?.on('message', (message: { id: number; job: RenderJob }) => {
  queue = queue.then(() => draw(message));
});
