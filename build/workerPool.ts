/**
 * Runs jobs on a pool of worker threads, heaviest first so that no big job starts last on an idle pool.
 * A worker answers each message with `{ id, … }`, or `{ id, error }` when its job failed.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerReply {
  id: number;
  error?: string;
}

export interface PoolOptions<J, R> {
  count: number;
  weight(job: J): number;
  message(job: J, id: number): unknown;
  result(reply: WorkerReply): R;
  onDone?(id: number): void;
}

export async function runInWorkers<J, R>(script: string, jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => options.weight(jobs[b]!) - options.weight(jobs[a]!) || a - b);
  let next = 0;
  const pool = Array.from({ length: options.count }, () => new Worker(script));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= order.length) return resolve();
              const id = order[next++]!;
              worker.postMessage(options.message(jobs[id]!, id));
            };
            worker.on('message', (reply: WorkerReply) => {
              if (reply.error !== undefined) return reject(new Error(reply.error));
              results[reply.id] = options.result(reply);
              options.onDone?.(reply.id);
              feed();
            });
            worker.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
