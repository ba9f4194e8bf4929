/**
 * `check --watch` without the watching: a session holds the parsed records of every file in memory and, when
 * told which files changed, re-reads only those, re-parses only the chunks of them that changed (or takes the
 * record from the parse cache), binds the corpus again, re-scans only the text runs that are new, runs the
 * checks and reports what changed in the diagnostics. The benchmark times `recheck` directly.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Corpus, ParsedFile } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { runChecks } from '../checks/index.js';
import { bindParsedFiles, termUsesThroughCache } from '../pipeline.js';
import { loadSources, MAX_FILE_BYTES, realSource, tooLarge, unreadFile } from '../parse/loadSources.js';
import { loadHistory, type LoadedHistory } from '../parse/loadVersions.js';
import { ParseCache, cacheKey } from '../parse/cache.js';
import { decodeUtf8, encodingDiagnostics } from '../parse/decode.js';
import { discoveryOrder, refOfPath } from '../format/sourcePaths.js';
import { diagnosticChange } from './diagnosticChange.js';
import { ChunkedFile } from '../parse/chunkedParse.js';
import { TermUseFinder } from './termUses.js';
import type { TermTrie } from '../bind/termTrie.js';
import { applyLocalEdit, type FileChange } from './localEdit.js';
import { CorpusDigest } from './useDigest.js';

export interface WatchSessionOptions {
  asAt: IsoDate;
  /** Parse cache folder (as `check` uses); none when undefined. */
  cacheDir?: string;
  /** Worker threads for the first load (see loadSources). */
  workers?: number;
}

export interface RecheckResult {
  /** Source files whose content changed (added, edited or deleted), relative to the root. */
  changed: string[];
  /** Files parsed again (the rest of `changed` came from the parse cache or were deleted). */
  reparsed: string[];
  diagnostics: Diagnostic[];
  added: Diagnostic[];
  fixed: Diagnostic[];
  corpus: Corpus;
  ms: number;
  timings: Record<string, number>;
}

interface Entry {
  file: ParsedFile;
  text: string;
}

export class WatchSession {
  private readonly entries = new Map<string, Entry>();
  private readonly chunked = new Map<string, ChunkedFile>();
  private readonly finder = new TermUseFinder();
  /** Built after each full bind, in the background (see rebuild). */
  private digest: CorpusDigest | undefined;
  private digestReady: Promise<void> = Promise.resolve();
  private readonly cache: ParseCache | undefined;
  private readonly pendingWrites = new Set<Promise<void>>();
  corpus!: Corpus;
  diagnostics: Diagnostic[] = [];
  /** Which path the last re-check took: only the changed text ('local'), or a full re-bind. */
  lastPath: 'local' | 'full' | undefined;
  asAt: IsoDate;
  private history: LoadedHistory | undefined;
  /** Texts an editor holds for files it has open: they are checked instead of what is on disk (see setOverlay). */
  private readonly overlays = new Map<string, string>();

  private constructor(
    readonly root: string,
    private readonly options: WatchSessionOptions,
  ) {
    this.cache = options.cacheDir ? new ParseCache(options.cacheDir) : undefined;
    this.asAt = options.asAt;
  }

  static async create(root: string, options: WatchSessionOptions): Promise<WatchSession> {
    const session = new WatchSession(root, options);
    const loaded = await loadSources(root, { ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}), ...(options.workers !== undefined ? { workers: options.workers } : {}) });
    for (const file of loaded.files) session.entries.set(file.path, { file, text: loaded.texts.get(file.path) ?? '' });
    await session.loadHistory();
    // The first bind takes the term matches `check` cached (the same uses, in the same order); the finder learns
    // each run's matches when it first scans it.
    session.rebuild({}, options.cacheDir ? termUsesThroughCache(options.cacheDir, loaded.keys) : undefined);
    return session;
  }

  /** Reads the chains of earlier versions that the manifests in memory name (again after a manifest changes). */
  private async loadHistory(): Promise<void> {
    const files = [...this.entries.values()].map((e) => e.file);
    const texts = new Map([...this.entries].map(([path, e]) => [path, e.text]));
    this.history = await loadHistory(this.root, { files, texts }, this.options.cacheDir ? { cacheDir: this.options.cacheDir } : {});
  }

  /**
   * The fast path knows the working tree's tables only: with earlier versions or accepted risks in play, what an
   * edit changes reaches diagnostics of other text, so the corpus is re-bound in full.
   */
  private timeAware(): boolean {
    const c = this.corpus;
    return c.history.origins.size > 0 || c.history.problems.length > 0 || [...c.documents.values(), ...c.consultations.values()].some((d) => d.manifest.accepted?.length);
  }

  /** Binds and checks what is in memory. */
  private rebuild(timings: Record<string, number>, findUses: (corpus: Corpus) => TermTrie = (c) => this.finder.find(c)): void {
    const files = [...this.entries.values()].map((e) => e.file).sort(discoveryOrder);
    const texts = new Map([...this.entries].map(([path, e]) => [path, e.text]));
    const corpus = (this.corpus = bindParsedFiles(this.root, files, texts, { timings, findUses, asAt: this.asAt, ...(this.history ? { history: this.history } : {}) }));
    const t = performance.now();
    this.diagnostics = runChecks(this.corpus, this.asAt);
    timings.check = performance.now() - t;
    // The digest for fast re-checks is built once the caller has its answer, before the next event.
    this.digest = undefined;
    this.digestReady = new Promise((resolve) =>
      setImmediate(() => {
        if (this.corpus === corpus) this.digest = new CorpusDigest(corpus);
        resolve();
      }),
    );
  }

  /** A path as the session names files: relative to the root, with forward slashes. */
  relativePath(path: string): string {
    return (isAbsolute(path) ? relative(this.root, path) : path).split(sep).join('/');
  }

  /**
   * Checks `text` as the content of `path` until the overlay is removed (undefined), whatever the disk holds: an
   * editor's unsaved buffer. The next `recheck` naming the path picks it up. A path outside the content's layout
   * is ignored; the answer says whether the overlay was taken.
   */
  setOverlay(path: string, text: string | undefined): boolean {
    const relative = this.relativePath(path);
    if (!refOfPath(relative) || relative.startsWith('..')) return false;
    if (text === undefined) this.overlays.delete(relative);
    else this.overlays.set(relative, text);
    return true;
  }

  /** The text the session holds for a file (the editor's, while it has one), if the file is a source. */
  textOf(path: string): string | undefined {
    return this.entries.get(this.relativePath(path))?.text;
  }

  /** Reads one file again; returns what changed (undefined when nothing did). */
  private async refresh(path: string, reparsed: string[]): Promise<{ before?: Entry; after?: Entry } | undefined> {
    const ref = refOfPath(path);
    if (!ref) return undefined;
    const old = this.entries.get(path);
    let bytes: Buffer;
    try {
      const overlay = this.overlays.get(path);
      // A file the editor has not saved yet has no place on disk to check; one that exists must still be inside the root.
      const place = await realSource(await realpath(this.root), join(this.root, path), path).catch((error: unknown) => {
        if (overlay === undefined) throw error;
        return undefined;
      });
      if (place?.unsafe !== undefined) {
        this.entries.set(path, { file: unreadFile({ path, ...ref }, 'unsafe-path', place.unsafe), text: '' });
        return { ...(old ? { before: old } : {}) };
      }
      const info = overlay === undefined ? await stat(place!.real) : undefined;
      if (info && !info.isFile()) throw new Error('not a file');
      const size = info ? info.size : Buffer.byteLength(overlay!);
      if (size > MAX_FILE_BYTES) {
        this.entries.set(path, { file: unreadFile({ path, ...ref }, 'unreadable-file', tooLarge(size)), text: '' });
        return { ...(old ? { before: old } : {}) };
      }
      bytes = overlay === undefined ? await readFile(place!.real) : Buffer.from(overlay);
    } catch {
      if (!old) return undefined;
      this.entries.delete(path);
      this.chunked.delete(path);
      return { before: old };
    }
    const decoded = decodeUtf8(bytes);
    if (old && old.text === decoded.text && decoded.invalidAt === undefined) return undefined;
    const pre = encodingDiagnostics(decoded);
    const key = this.cache ? cacheKey(path, ref.role, bytes) : undefined;
    let file = key ? await this.cache!.get(key, decoded.text) : undefined;
    if (!file) {
      let chunked = this.chunked.get(path);
      if (!chunked) this.chunked.set(path, (chunked = new ChunkedFile(path, ref.role, ref.doc)));
      file = chunked.parse(decoded.text, pre).file;
      reparsed.push(path);
      if (key) {
        // Written in the background: the cache only saves time on a later run.
        const write = this.cache!.put(key, file).finally(() => this.pendingWrites.delete(write));
        this.pendingWrites.add(write);
      }
    }
    const after = { file, text: decoded.text };
    this.entries.set(path, after);
    return { ...(old ? { before: old } : {}), after };
  }

  /** Re-checks after the given files changed (paths relative to the root, or absolute). */
  async recheck(changedPaths: Iterable<string>): Promise<RecheckResult> {
    const start = performance.now();
    const timings: Record<string, number> = {};
    const reparsed: string[] = [];
    const changed: string[] = [];
    const edits: FileChange[] = [];
    let structural = false;
    await this.digestReady;
    for (const path of new Set([...changedPaths].map((p) => this.relativePath(p)))) {
      const change = await this.refresh(path, reparsed);
      if (!change) continue;
      changed.push(path);
      if (change.before && change.after) edits.push({ path, before: change.before.file, after: change.after.file, beforeText: change.before.text, afterText: change.after.text });
      else structural = true;
    }
    timings.parse = performance.now() - start;
    const before = this.diagnostics;
    if (changed.length) {
      this.digest ??= new CorpusDigest(this.corpus);
      if (changed.some((p) => refOfPath(p)?.role === 'manifest')) await this.loadHistory();
      const local = structural || this.timeAware() ? undefined : applyLocalEdit(this.corpus, this.digest, edits, before, this.asAt, this.finder, timings);
      if (local) {
        this.diagnostics = local;
        this.lastPath = 'local';
      } else {
        this.rebuild(timings);
        this.lastPath = 'full';
      }
    }
    const { added, fixed } = changed.length ? diagnosticChange(before, this.diagnostics) : { added: [], fixed: [] };
    return { changed, reparsed, diagnostics: this.diagnostics, added, fixed, corpus: this.corpus, ms: performance.now() - start, timings };
  }

  /**
   * Parses every clause and definitions file into chunks ahead of time, one chunk between events, so that the
   * first edit of a large file re-parses one chunk instead of the whole file. `check --watch` runs it in the
   * background after the first report; the benchmark awaits it.
   */
  async warm(shouldStop: () => boolean = () => false): Promise<void> {
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    for (const [path, entry] of [...this.entries]) {
      if (shouldStop()) return;
      const ref = refOfPath(path);
      if (!ref || ref.role === 'manifest' || ref.role === 'matrix' || this.chunked.has(path)) continue;
      const chunked = new ChunkedFile(path, ref.role, ref.doc);
      this.chunked.set(path, chunked);
      await chunked.warm(entry.text, pause, shouldStop);
    }
  }

  /** Waits for background cache writes. */
  async close(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }
}

export function createWatchSession(root: string, options: WatchSessionOptions): Promise<WatchSession> {
  return WatchSession.create(root, options);
}
