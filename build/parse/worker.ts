/** Worker-thread entry: parses files sent by loadSources so large corpora use every core. */
import { parentPort } from 'node:worker_threads';
import { parseRecords, parseSource } from './parseFile.js';
import { compact } from './cache.js';
import type { FileRole, OffsetDiagnostic } from '../model/corpus.js';

export interface ParseJob {
  id: number;
  path: string;
  role: FileRole;
  doc: string;
  text: string;
  pre: OffsetDiagnostic[];
  /** Read with the fast reader where it can (clause and definitions files), as this thread would. */
  fast?: boolean;
}

parentPort?.on('message', (job: ParseJob) => {
  // No tree leaves a worker: a file the fast reader takes is read straight to its records.
  const records = job.fast ? parseRecords(job.path, job.role, job.doc, job.text, job.pre) : undefined;
  const file = records ?? parseSource(job.path, job.role, job.doc, job.text, job.pre, { fast: job.fast === true }).file;
  // Run texts go back as lengths: the calling thread holds the source and slices them again (expand).
  parentPort!.postMessage({ id: job.id, file: compact(file) });
});
