/**
 * `check --watch`: a first full report, then on every save a re-check of what changed, printing only the
 * diagnostics that appeared or went away. File events come from fs.watch on documents/, clauses/ (and each
 * clauses/<DOC>/) and definitions/, gathered for a few milliseconds so that one save (or a `git checkout`) is
 * one re-check.
 */
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { formatText, summarise } from '../diagnostics/formatText.js';
import { lineSource } from '../parse/lines.js';
import { allTexts } from '../model/corpus.js';
import type { Io } from './io.js';
import { watchSources, WATCHED_FOLDERS } from '../watch/watchSources.js';
import { createWatchSession, type RecheckResult, type WatchSession } from '../watch/session.js';


export interface WatchCheckOptions {
  asAt: IsoDate;
  cacheDir?: string;
  format: 'text' | 'json';
  /** Quiet time after the last file event before re-checking. */
  debounceMs?: number;
  /** Stops watching; the returned promise then settles. */
  signal?: AbortSignal;
  /** Parse files into chunks in the background after the first report (default true). */
  warm?: boolean;
  /** A clock for the time stamp on each re-check (the CLI passes one; below it nothing reads the clock). */
  now?: () => string;
  /** Called after each re-check (tests wait on it). */
  onRecheck?: (result: RecheckResult) => void;
}


function counts(session: WatchSession) {
  const c = session.corpus;
  const clauses = [...c.provisions.values()].filter((p) => p.record.kind === 'clause').length;
  const terms = [...c.definitions.values()].reduce((n, homes) => n + homes.length, 0);
  return `${c.documents.size} documents, ${clauses} clauses, ${terms} definitions, ${c.uses.length} term uses, ${c.references.length} references`;
}

function report(io: Io, session: WatchSession, result: RecheckResult, options: WatchCheckOptions): void {
  if (options.format === 'json') {
    io.out(JSON.stringify({ changed: result.changed, ms: Math.round(result.ms), added: result.added, fixed: result.fixed, summary: summarise(result.diagnostics) }));
    return;
  }
  const stamp = options.now ? `[${options.now()}] ` : '';
  const files = result.changed.length === 1 ? result.changed[0] : `${result.changed.length} files`;
  const change = result.added.length || result.fixed.length ? `${result.added.length} new, ${result.fixed.length} fixed` : 'no change';
  io.out(`${stamp}${files} changed, re-checked in ${Math.round(result.ms)} ms: ${change}; now ${summarise(result.diagnostics)}`);
  if (result.added.length) io.out(formatText(result.added, lineSource(allTexts(session.corpus)), { color: io.color }));
  for (const d of result.fixed) io.out(`  fixed  ${d.file}:${d.line}:${d.column}  ${d.code}  ${d.message}${d.date ? ` [${d.date}]` : ''}`);
}

export async function watchCheck(root: string, io: Io, options: WatchCheckOptions): Promise<number> {
  const session = await createWatchSession(root, { asAt: options.asAt, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  const first: Diagnostic[] = session.diagnostics;
  if (options.format === 'json') io.out(JSON.stringify({ changed: [], added: first, fixed: [], summary: summarise(first) }));
  else {
    if (first.length) io.out(formatText(first, lineSource(allTexts(session.corpus)), { color: io.color }));
    io.out(`checked ${counts(session)} as at ${options.asAt}: ${summarise(first)}`);
    io.out(`watching ${WATCHED_FOLDERS.map((f) => f + '/').join(', ')} for changes (Ctrl-C to stop)`);
  }
  if (options.signal?.aborted) return 0;

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async (): Promise<void> => {
    while (pending.size && !stopped) {
      const paths = [...pending];
      pending.clear();
      const result = await session.recheck(paths);
      if (result.changed.length && !stopped) {
        report(io, session, result, options);
        options.onRecheck?.(result);
      }
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running ??= run().finally(() => {
        running = undefined;
        if (pending.size && !stopped) schedule();
      });
    }, options.debounceMs ?? 30);
  };
  const stopWatching = watchSources(root, (path) => {
    pending.add(path);
    schedule();
  });

  if (options.warm !== false) void session.warm(() => stopped);

  await new Promise<void>((resolve) => {
    if (!options.signal) return;
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  stopped = true;
  if (timer) clearTimeout(timer);
  stopWatching();
  await running;
  await session.close();
  return 0;
}
