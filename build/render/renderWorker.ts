/**
 * Worker-thread entry of the render pool: draws each job it is sent, in order, unless the caller has taken it back
 * (its claim flag, shared with the caller, is already set).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderOne, type RenderJob } from './renderPool.js';

const claims = new Int32Array((workerData as { claims: SharedArrayBuffer }).claims);

parentPort?.on('message', async (message: { id: number; job: RenderJob }) => {
  const { id, job } = message;
  if (id < claims.length && Atomics.compareExchange(claims, id, 0, 1) !== 0) return parentPort!.postMessage({ id, skipped: true });
  try {
    const output = await renderOne(job);
    // A file that owns its whole buffer is handed over, not copied; a view into a shared pool is copied.
    const owned = [output.bytes, output.zipped?.bytes].filter((b): b is Uint8Array => b !== undefined && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer);
    parentPort!.postMessage({ id, output }, [...new Set(owned.map((b) => b.buffer as ArrayBuffer))]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message ?? String(error) });
  }
});
