/**
 * The language server's view of a content root: the `check --watch` session, the editor's open buffers laid over
 * the files on disk, re-checks queued as the author types (and as files change on disk), and the diagnostics
 * published per file. Requests that need positions wait until every queued re-check has run, so the text they
 * count in is the text the editor sent.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic, Range } from 'vscode-languageserver';
import { spanLength, toLspDiagnostic, type ConversionSource } from './lspDiagnostics.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { refOfPath } from '../format/sourcePaths.js';
import { createWatchSession, type WatchSession } from '../watch/session.js';
import { storedAnswer, type IndexedCheck } from '../watch/checkIndex.js';
import { SourceTexts } from '../watch/sourceTexts.js';
import { watchSources } from '../watch/watchSources.js';
import { formsOfTerm, SymbolIndex } from '../query/symbolIndex.js';
import { LineMap } from './positions.js';

export interface WorkspaceOptions {
  asAt: IsoDate;
  cacheDir?: string;
  /** Quiet time after the last edit before re-checking. */
  debounceMs?: number;
  publish: (uri: string, diagnostics: LspDiagnostic[]) => void;
  log: (message: string) => void;
}

export class Workspace {
  readonly realRoot: string;
  private generation = 0;
  private indexed: { generation: number; index: SymbolIndex } | undefined;
  private readonly lines = new Map<string, LineMap>();
  private readonly published = new Map<string, string>();
  private readonly converted = new WeakMap<Diagnostic, { text: string | undefined; lsp: LspDiagnostic; uri: string }>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopWatching: (() => void) | undefined;
  private closed = false;

  private constructor(
    readonly root: string,
    readonly session: WatchSession,
    private readonly options: WorkspaceOptions,
  ) {
    this.realRoot = realpathSync(root);
  }

  static async open(root: string, options: WorkspaceOptions): Promise<Workspace> {
    // What `check` left in the index, shown at once while the session reads the corpus; replaced (or cleared) below.
    const stored = options.cacheDir ? await storedAnswer(root, { asAt: options.asAt, cacheDir: options.cacheDir }) : undefined;
    const shown = stored ? publishStored(root, stored, options.publish) : [];
    const session = await createWatchSession(root, { asAt: options.asAt, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
    const ws = new Workspace(root, session, options);
    for (const uri of shown) ws.published.set(uri, '');
    ws.publishAll();
    ws.stopWatching = watchSources(root, (path) => ws.queue(path));
    void session.warm(() => ws.closed);
    return ws;
  }

  get corpus(): Corpus {
    return this.session.corpus;
  }

  get asAt(): IsoDate {
    return this.options.asAt;
  }

  /** The symbol index of the corpus as last checked (built on first use after each re-check). */
  get index(): SymbolIndex {
    if (this.indexed?.generation !== this.generation) this.indexed = { generation: this.generation, index: new SymbolIndex(this.corpus) };
    return this.indexed.index;
  }

  /** The source path (relative to the root) a URI names, or undefined for anything that is not a source of this root. */
  pathOf(uri: string): string | undefined {
    let full: string;
    try {
      full = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    let path = relative(this.root, full);
    if (path.startsWith('..') || isAbsolute(path)) {
      try {
        path = relative(this.realRoot, realpathSync(full));
      } catch {
        path = relative(this.realRoot, full);
      }
    }
    path = path.split(sep).join('/');
    if (path.startsWith('..') || isAbsolute(path)) return undefined;
    return refOfPath(path) ? path : undefined;
  }

  uriOf(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  /** The text of a source as checked, and its line map; undefined for a file the corpus does not hold. */
  text(path: string): { text: string; lines: LineMap } | undefined {
    const text = this.corpus.texts.get(path);
    if (text === undefined) return undefined;
    let lines = this.lines.get(path);
    if (!lines || lines.text !== text) this.lines.set(path, (lines = new LineMap(text)));
    return { text, lines };
  }

  /** An editor's buffer for a source (undefined: back to the disk's text); re-checked shortly. */
  setBuffer(path: string, text: string | undefined): void {
    if (this.session.setOverlay(path, text)) this.queue(path);
  }

  queue(path: string): void {
    if (this.closed) return;
    this.pending.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? 10);
  }

  /** Runs every queued re-check now; resolves when none is left. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.pending.size) await this.flush();
      else return;
    }
  }

  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= (async () => {
      try {
        while (this.pending.size && !this.closed) {
          const paths = [...this.pending];
          this.pending.clear();
          const result = await this.session.recheck(paths);
          if (result.changed.length) {
            this.generation++;
            this.publishAll();
          }
        }
      } catch (error) {
        this.options.log(`regmark: re-check failed: ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Sends the diagnostics of every file whose list changed since it was last sent (an empty list clears a file). */
  publishAll(): void {
    const byUri = new Map<string, LspDiagnostic[]>();
    for (const d of this.session.diagnostics) {
      const converted = this.convert(d);
      if (!converted) continue;
      let list = byUri.get(converted.uri);
      if (!list) byUri.set(converted.uri, (list = []));
      list.push(converted.lsp);
    }
    for (const uri of this.published.keys()) if (!byUri.has(uri)) byUri.set(uri, []);
    for (const [uri, list] of byUri) {
      const key = JSON.stringify(list);
      if (this.published.get(uri) === key) continue;
      if (list.length) this.published.set(uri, key);
      else this.published.delete(uri);
      this.options.publish(uri, list);
    }
  }

  /** What conversion reads: the session's texts, its symbol index and the corpus' term forms. */
  private readonly source: ConversionSource = {
    text: (path) => this.text(path),
    uriOf: (path) => this.uriOf(path),
    symbolAt: (path, start) => {
      const hit = this.indexed?.generation === this.generation ? this.indexed.index.at(path, start) : undefined;
      return hit && hit.start === start ? hit.end - start : undefined;
    },
    formsOf: (term) => formsOfTerm(this.corpus, term),
  };

  private convert(d: Diagnostic): { uri: string; lsp: LspDiagnostic } | undefined {
    let path = d.file;
    let message = d.message;
    let range: Range | undefined;
    if (d.ref !== undefined) {
      // Text of an earlier version has no buffer: the diagnostic is shown on the manifest that names that version.
      const doc = refOfPath(d.file)?.doc;
      const symbol = doc ? this.corpus.documents.get(doc) : undefined;
      if (!symbol) return undefined;
      path = symbol.manifestPath;
      message = `${message} (in ${d.file}:${d.line}:${d.column} of v${d.version ?? '?'}, read from ${d.ref})`;
      const t = this.text(path);
      const at = symbol.manifest.keyOffsets.previous ?? symbol.manifest.offset;
      if (t) range = t.lines.range(at, at + spanLength(this.source, path, t.text, at));
    }
    const text = this.corpus.texts.get(path);
    const cached = this.converted.get(d);
    if (cached && cached.text === text) return cached;
    const lsp = toLspDiagnostic(this.source, d, { path, message, ...(range ? { range } : {}) });
    if (!lsp) return undefined;
    const result = { text, lsp, uri: this.uriOf(path) };
    this.converted.set(d, result);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopWatching?.();
    await this.running;
    await this.session.close();
  }
}

/** Publishes the index's diagnostics, converted with the files' text on disk; returns the files published. */
function publishStored(root: string, stored: IndexedCheck, publish: WorkspaceOptions['publish']): string[] {
  const { diagnostics } = stored;
  const texts = new SourceTexts(root, new Set((stored.sources ?? []).map((s) => s.path)));
  const lines = new Map<string, LineMap>();
  const source: ConversionSource = {
    text: (path) => {
      const text = texts.get(path);
      if (text === undefined) return undefined;
      if (!lines.has(path)) lines.set(path, new LineMap(text));
      return { text, lines: lines.get(path)! };
    },
    uriOf: (path) => pathToFileURL(join(root, path)).href,
  };
  const byUri = new Map<string, LspDiagnostic[]>();
  for (const d of diagnostics) {
    if (d.ref !== undefined) continue;
    const lsp = toLspDiagnostic(source, d, { path: d.file, message: d.message });
    if (!lsp) continue;
    const uri = source.uriOf(d.file);
    (byUri.get(uri) ?? byUri.set(uri, []).get(uri)!).push(lsp);
  }
  for (const [uri, list] of byUri) publish(uri, list);
  return [...byUri.keys()];
}
