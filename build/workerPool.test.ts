/** The pool starts real worker threads from the entry beside its caller: under vitest, the TypeScript source. */
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runInWorkers, workerEntry, type WorkerReply } from './workerPool.js';

type Job = { n: number; fail?: boolean };
type Reply = WorkerReply & { doubled: number; thread: number };

const echo = workerEntry(import.meta.url, 'test/workers/echoWorker');
const options = (count: number) => ({
  count,
  weight: (job: Job) => job.n,
  message: (job: Job, id: number) => ({ ...job, id }),
  result: (reply: WorkerReply) => reply as Reply,
});

describe('runInWorkers', () => {
  it('names the source entry for source callers and the compiled one for compiled callers', () => {
    expect(echo).toMatch(/build\/test\/workers\/echoWorker\.ts$/);
    expect(workerEntry('file:///app/dist/render/renderPool.js', 'renderWorker')).toBe('/app/dist/render/renderWorker.js');
    expect(workerEntry('file:///app/build/render/renderPool.ts', 'renderWorker')).toBe('/app/build/render/renderWorker.ts');
  });

  it('runs TypeScript entries in two threads and returns the results in job order', async () => {
    const jobs = Array.from({ length: 12 }, (_, i) => ({ n: i + 1 }));
    const replies = await runInWorkers(echo, jobs, options(2));
    expect(replies.map((r) => r.doubled)).toEqual(jobs.map((j) => j.n * 2));
    const threads = new Set(replies.map((r) => r.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
  }, 60_000);

  it('rejects with the message of a job that failed', async () => {
    await expect(runInWorkers(echo, [{ n: 1 }, { n: 2, fail: true }, { n: 3 }], options(2))).rejects.toThrow('job 1 was asked to fail');
  }, 60_000);
});
