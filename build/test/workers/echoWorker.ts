/** A worker for the pool's own tests: doubles a number, says which thread did it, and fails when asked to. */
import { parentPort, threadId } from 'node:worker_threads';

parentPort?.on('message', (job: { id: number; n: number; fail?: boolean }) => {
  if (job.fail) parentPort!.postMessage({ id: job.id, error: `job ${job.id} was asked to fail` });
  else parentPort!.postMessage({ id: job.id, doubled: job.n * 2, thread: threadId });
});
