/** `regmark check`: the corpus on the as-at date and every later lifecycle date. */
import { EXIT } from '../diagnostics/catalogue.js';
import { packageVersion } from './version.js';
import { CHECK_HELP } from './help.js';
import { fails, formatGithub, formatSarif, formatText, summarise } from '../diagnostics/index.js';
import { checkWithIndex, checkWithoutIndex } from '../watch/checkIndex.js';
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
  const { cacheDir } = cacheFor(root, values['no-cache']);
  const { diagnostics, summary, lineOf } = cacheDir ? await checkWithIndex(root, { asAt, cacheDir }) : await checkWithoutIndex(root, asAt);
  const failed = diagnostics.some((d) => fails(d, values.strict));
  if (format === 'json') io.out(JSON.stringify(diagnostics, null, 2));
  else if (format === 'sarif') io.out(formatSarif(diagnostics, packageVersion()));
  else if (format === 'github') {
    if (diagnostics.length) io.out(formatGithub(diagnostics));
  } else {
    if (diagnostics.length) io.out(formatText(diagnostics, lineOf, { color: io.color }));
    if (summary.timeline) io.out(summary.timeline);
    for (const note of summary.notes) io.out(`note: ${note}`);
    io.out(`checked ${plural(summary.documents, 'document')}, ${summary.clauses} clauses, ${summary.definitions} definitions, ${summary.uses} term uses, ${summary.references} references as at ${asAt}: ${summarise(diagnostics)}`);
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
