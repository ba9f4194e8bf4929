/**
 * Renders many (model, format) jobs on the calling thread and on worker threads together. Jobs are handed in as
 * their models are built, so the workers draw the first annexes while the caller is still diffing the rest; when the
 * caller has built everything it renders too, and at the end takes over any job a worker has been sent but not yet
 * started. Renderers are pure functions of their input, so a file is the same bytes whichever thread drew it.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../workerPool.js';
import type { RenderDocument } from '../model/document.js';
import { rendererFor } from './registry.js';
import type { Theme } from '../theme/theme.js';
import { adoptShapedWords, type ShapedWords } from './pdf/handedWords.js';
import { keptFile, renderedKey, renderThroughCache, type DrawnFile } from './output/renderedFiles.js';

export interface RenderJob {
  format: string;
  model: RenderDocument;
  theme: Theme;
  /** Output file name of each other document of the build in this format, for cross-document links. */
  files: Record<string, string>;
  /** Also deflate the file as a zip entry (where it is drawn, so that the zip only copies). */
  zip?: boolean;
  /** The cache folder, when caching is on (RenderContext.cacheDir). */
  cacheDir?: string;
  /** Its cache entry's key, once the pool has looked it up. */
  key?: string;
}

/** A file as the pack takes it: bytes, warnings, SHA-256, zip entry and cache key (renderedFiles.ts). */
export type RenderOutput = DrawnFile;

/** Young-generation size of a render thread: drawing allocates many short-lived objects, which a small one collects over and over. */
const RENDER_YOUNG_GENERATION_MB = 64;
/**
 * Jobs a worker holds at once: the one it draws and two more. Its answers wait while the calling thread draws a job
 * of its own (a PDF holds it for a second or two), so one more in hand is not always enough; a job held and not
 * started is taken back at the end (takeBack), so holding more costs no balance.
 */
const WORKER_DEPTH = 3;
/** Jobs that can be taken back from a worker; later ones (a pack of hundreds of files) simply stay where they went. */
const CLAIM_SLOTS = 4096;

/** Below this many clauses in all the files of a pack, a thread starts slower than the work it would take over. */
const PARALLEL_THRESHOLD = 1500;

/**
 * Worker threads for a pack whose annexes have this many clauses (each annex drawn clean and redlined, in two
 * formats): one fewer than the cores, since the calling thread draws too, and none for a small pack.
 * REGMARK_RENDER_WORKERS sets the number.
 */
export function renderWorkers(annexClauses: number): number {
  const forced = process.env.REGMARK_RENDER_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  return 4 * annexClauses >= PARALLEL_THRESHOLD ? Math.max(0, availableParallelism() - 1) : 0;
}

/** Renders one job and makes what the pack needs of its bytes; the same on every thread. */
export async function renderOne(job: RenderJob): Promise<RenderOutput> {
  const renderer = rendererFor(job.format);
  if (!renderer) throw new Error(`no renderer for the format ${job.format}`);
  return renderThroughCache(job.cacheDir, job, () => renderer.render(job.model, { theme: job.theme, fileFor: (doc) => job.files[doc], ...(job.cacheDir ? { cacheDir: job.cacheDir } : {}) }), {
    ...(job.zip ? { zip: true } : {}),
    ...(job.key ? { key: job.key } : {}),
  });
}

/**
 * The text a job's Word page estimate lays out (a whole layout): the clean annex and its redline's new side are one
 * text. Jobs of one text are drawn on one thread, so the estimate is made once; the caller's thread draws the Word
 * files unless a worker has nothing else to do.
 */
function textOf(job: RenderJob): RenderDocument | undefined {
  if (job.format !== 'docx') return undefined;
  return (job.model as RenderDocument & { redline?: { sides?: { next?: RenderDocument } } }).redline?.sides?.next ?? job.model;
}

/** A slot's thread while the calling thread looks its file up in the cache. */
const LOOKING = -2;

interface Slot {
  job: RenderJob;
  /** Where it went: the caller (-1), a worker, nowhere yet, or nowhere while it is looked up (LOOKING). */
  thread?: number;
  output?: RenderOutput;
  error?: Error;
}

interface WorkerState {
  worker: Worker;
  /** Jobs sent and not answered. */
  held: number[];
}

type Reply = { id: number; error?: string; skipped?: boolean; output?: RenderOutput; shaped?: ShapedWords };

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly workers: WorkerState[] = [];
  /** One flag per job: set by whichever thread starts drawing it, so a job sent to a worker can be taken back. */
  private readonly claims = new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * 4));
  /** Which thread draws each text's Word files. */
  private readonly textThread = new Map<RenderDocument, number>();
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private closed = false;

  /** `workers` threads are started now, so that loading the renderers overlaps the caller's own work. */
  constructor(workers: number) {
    for (let i = 0; i < workers; i++) {
      const worker = startWorker(workerEntry(import.meta.url, 'renderWorker'), { workerData: { claims: this.claims.buffer }, resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_GENERATION_MB } });
      const state: WorkerState = { worker, held: [] };
      worker.on('message', (reply: Reply) => this.answered(i, reply));
      worker.on('error', (error: Error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a render thread stopped (exit code ${code}) before its work was done`));
      });
      this.workers.push(state);
    }
  }

  /**
   * Hands in a job; returns its index, by which finish() gives its output. With the cache on, the file is looked up
   * here first: one drawn before takes no thread's turn, and its model is never copied to a worker.
   */
  submit(job: RenderJob): number {
    const id = this.slots.push({ job }) - 1;
    if (job.cacheDir) this.lookUp(id, job.cacheDir);
    else this.feed();
    return id;
  }

  private lookUp(id: number, cacheDir: string): void {
    const slot = this.slots[id]!;
    slot.thread = LOOKING;
    const key = renderedKey(slot.job);
    slot.job = { ...slot.job, key };
    keptFile(cacheDir, key, slot.job.zip ?? false).then(
      (kept) => {
        if (kept) slot.output = kept;
        else slot.thread = undefined;
        this.feed();
        this.wake?.();
      },
      (error: Error) => this.fail(error),
    );
  }

  /**
   * Draws on the calling thread whatever the workers have not taken, takes back jobs they hold but have not started,
   * and waits for the rest. `onDone` is told of every job as it completes (jobs done before the call first).
   */
  async finish(onDone?: (index: number) => void): Promise<RenderOutput[]> {
    const told = new Set<number>();
    const tell = () => {
      this.slots.forEach((s, i) => {
        if (s.output && !told.has(i)) {
          told.add(i);
          onDone?.(i);
        }
      });
    };
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        tell();
        if (this.slots.every((s) => s.output)) break;
        const mine = this.pick(-1) ?? this.takeBack();
        if (mine !== undefined) {
          await this.drawHere(mine);
          // Let the workers' answers in before choosing again (a job drawn here holds the thread for its whole length).
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      await this.close();
    }
    return this.slots.map((s) => s.output!);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private async drawHere(id: number): Promise<void> {
    const slot = this.slots[id]!;
    slot.thread = -1;
    try {
      slot.output = await renderOne(slot.job);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /**
   * The next job for a thread (-1: the caller): the Word files of a text it has begun first, then its own kind of
   * work (the caller's Word files, which share its page estimates; a worker's PDFs), then anything not bound elsewhere.
   */
  private pick(thread: number): number | undefined {
    let fallback: number | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.thread !== undefined) continue;
      const text = textOf(slot.job);
      const bound = text ? this.textThread.get(text) : undefined;
      if (bound !== undefined) {
        if (bound === thread) return this.assign(i, thread);
        continue;
      }
      const preferred = thread < 0 ? slot.job.format === 'docx' : slot.job.format !== 'docx';
      if (preferred) return this.assign(i, thread);
      fallback ??= i;
    }
    return fallback === undefined ? undefined : this.assign(fallback, thread);
  }

  private assign(id: number, thread: number): number {
    const slot = this.slots[id]!;
    slot.thread = thread;
    const text = textOf(slot.job);
    if (text && !this.textThread.has(text)) this.textThread.set(text, thread);
    return id;
  }

  /** A job a worker holds but has not started, taken back for the caller (its claim flag decides the race). */
  private takeBack(): number | undefined {
    for (const state of this.workers) {
      for (const id of state.held.slice(1).reverse()) {
        if (id < CLAIM_SLOTS && Atomics.compareExchange(this.claims, id, 0, 1) === 0) return id;
      }
    }
    return undefined;
  }

  private feed(): void {
    if (this.closed) return;
    this.workers.forEach((state, w) => {
      while (state.held.length < WORKER_DEPTH) {
        const id = this.pick(w);
        if (id === undefined) return;
        state.held.push(id);
        state.worker.postMessage({ id, job: this.slots[id]!.job });
      }
    });
  }

  private answered(w: number, reply: Reply): void {
    const state = this.workers[w]!;
    state.held = state.held.filter((id) => id !== reply.id);
    if (reply.shaped) adoptShapedWords(reply.shaped);
    if (reply.error !== undefined) this.fail(new Error(reply.error));
    else if (!reply.skipped) {
      this.slots[reply.id]!.output = reply.output!;
    }
    this.feed();
    this.wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
