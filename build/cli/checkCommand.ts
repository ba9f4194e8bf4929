/** `regmark check`: the corpus on the as-at date and every later lifecycle date. */
import { EXIT } from '../diagnostics/catalogue.js';
import { packageVersion } from './version.js';
import { CHECK_HELP } from './help.js';
import { checkRoot } from '../pipeline.js';
import { fails, formatGithub, formatSarif, formatText, summarise } from '../diagnostics/index.js';
import { allTexts, type Corpus } from '../model/corpus.js';
import { lineSource } from '../parse/lines.js';
import { dateOption, oneOf, parse, today, UsageError } from './args.js';
import { cacheFor, rootDir, ROOT_OPTIONS } from './commonOptions.js';
import type { Io } from './io.js';


export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { ...ROOT_OPTIONS, 'as-at': { type: 'string' }, strict: { type: 'boolean' }, summary: { type: 'boolean' }, watch: { type: 'boolean' } }, false);
  if (values.help) return io.out(CHECK_HELP), 0;
  const root = rootDir(values.root);
  const format = oneOf(values.format, ['text', 'json', 'sarif', 'github'] as const, 'format', 'text');
  const asAt = dateOption(values['as-at'], 'as-at') ?? today();
  if (values.watch) {
    if (format !== 'text' && format !== 'json') throw new UsageError(`--watch prints text or json, not ${format}`);
    const { watchCheck } = await import('./watchCheck.js');
    return watchCheck(root, io, { asAt, format, ...cacheFor(root, values['no-cache']), signal: interrupted(), now: clockTime });
  }
  const { corpus, diagnostics } = await checkRoot(root, { asAt, ...cacheFor(root, values['no-cache']) });
  const failed = diagnostics.some((d) => fails(d, values.strict));
  if (format === 'json') io.out(JSON.stringify(diagnostics, null, 2));
  else if (format === 'sarif') io.out(formatSarif(diagnostics, packageVersion()));
  else if (format === 'github') {
    if (diagnostics.length) io.out(formatGithub(diagnostics));
  } else {
    if (diagnostics.length) io.out(formatText(diagnostics, lineSource(allTexts(corpus)), { color: io.color }));
    const timeline = describeTimeline(corpus);
    if (timeline) io.out(timeline);
    const clauses = [...corpus.provisions.values()].filter((p) => p.record.kind === 'clause').length;
    const terms = [...corpus.definitions.values()].reduce((n, homes) => n + homes.length, 0);
    for (const note of emptinessNotes(corpus)) io.out(`note: ${note}`);
    io.out(`checked ${plural(corpus.documents.size, 'document')}, ${clauses} clauses, ${terms} definitions, ${corpus.uses.length} term uses, ${corpus.references.length} references as at ${asAt}: ${summarise(diagnostics)}`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}

/** Aborts on Ctrl-C (or SIGTERM), so that `check --watch` closes its watchers and exits 0. */
function interrupted(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** Wall-clock time for the watch log; only the CLI reads the clock. */
function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** One line per document with earlier versions: which version takes over when, so a reader sees the windows checked. */
function describeTimeline(corpus: Corpus): string | undefined {
  const lines: string[] = [];
  for (const doc of [...corpus.documents.values()].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (doc.versions.length < 2) continue;
    const steps = doc.versions.slice(1).map((v, i) => {
      const before = doc.versions[i]!;
      const when = v.effective === undefined ? 'undated' : v.effectiveBy && v.effectiveBy !== v.effective ? `on ${v.effective} (as late as ${v.effectiveBy})` : `on ${v.effective}`;
      return `v${before.manifest.version ?? '?'} (${before.ref}) → v${v.manifest.version ?? '?'} ${when}`;
    });
    lines.push(`  ${doc.code}: ${steps.join(', ')}`);
  }
  return lines.length ? `versions:\n${lines.join('\n')}` : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What an author may have expected to be there: no manifest at all, or source files that hold nothing. */
export function emptinessNotes(corpus: Corpus): string[] {
  const notes: string[] = [];
  if (!corpus.documents.size) notes.push('no documents: put one manifest per document in documents/<DOC>.md (docs/format.md: document manifests)');
  for (const file of corpus.files) {
    if (file.role === 'manifest' || file.diagnostics.length) continue;
    if (file.role === 'clauses' && !file.provisions.length) notes.push(`${file.path} holds no section or clause (a section is a heading that starts with its number, a clause a paragraph that starts with a bold number)`);
    if (file.role === 'definitions' && !file.definitions.length) notes.push(`${file.path} defines no term (a definition is a paragraph that starts with the bold term)`);
  }
  return notes;
}
