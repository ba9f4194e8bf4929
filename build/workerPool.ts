/**
 * Runs jobs on a pool of worker threads, heaviest first so that no big job starts last on an idle pool.
 * A worker answers each message with `{ id, … }`, or `{ id, error }` when its job failed.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';

/** Loaded when a worker first starts: a check that parses on its own thread never loads it (some 2 ms of start-up). */
const workerThreads = () => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

/**
 * The worker entry `name` beside the calling module, of the caller's own kind: the compiled `.js` when the caller is
 * compiled, the bundled `.cjs` when it is a bundle, and the `.ts` source when the caller is the source itself (under
 * the test runner), so that tests exercise the code they read and never an older build.
 */
export function workerEntry(callerUrl: string, name: string): string {
  const kind = /\.(ts|cjs)$/.exec(callerUrl)?.[0] ?? '.js';
  return fileURLToPath(new URL(`./${name}${kind}`, callerUrl));
}

export function startWorker(script: string, options: WorkerOptions): Worker {
  const { Worker } = workerThreads();
  if (!script.endsWith('.ts')) return new Worker(script, options);
  // Node 20 cannot load TypeScript by itself: a source entry is imported through tsx, the development dependency
  // that is present wherever the sources (rather than dist/) are run.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(pathToFileURL(script).href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(boot, { ...options, eval: true });
}

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

export async function runInWorkers<J, R>(script: string, jobs: readonly J[], options: PoolOptions<J, R>, workerOptions: WorkerOptions = {}): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const order = jobs.map((_, i) => i).sort((a, b) => options.weight(jobs[b]!) - options.weight(jobs[a]!) || a - b);
  let next = 0;
  const pool = Array.from({ length: options.count }, () => startWorker(script, workerOptions));
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
