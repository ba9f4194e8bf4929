/** `regmark fmt`: rewrites sources into the one canonical form, or with --check lists the files that are not in it. */
import { EXIT } from '../diagnostics/catalogue.js';
import { createTwoFilesPatch } from 'diff';
import { FMT_HELP } from './help.js';
import { formatFiles, NotASourceError, selectSources } from '../format/formatFiles.js';
import { parse, UsageError } from './args.js';
import { rootDir } from './commonOptions.js';
import type { Io } from './io.js';


export async function fmtCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    root: { type: 'string' },
    check: { type: 'boolean' },
    diff: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return io.out(FMT_HELP), 0;
  const root = rootDir(values.root);
  let refs;
  try {
    refs = await selectSources(root, positionals);
  } catch (error) {
    if (error instanceof NotASourceError) throw new UsageError(error.message);
    throw error;
  }
  const check = Boolean(values.check);
  const results = await formatFiles(root, refs, { check });
  const changed = results.filter((r) => r.status === 'changed');
  const skipped = results.filter((r) => r.status === 'skipped');
  for (const r of changed) {
    io.out(`${check ? 'would reformat' : 'formatted'} ${r.path}`);
    if (values.diff) io.out(createTwoFilesPatch(`a/${r.path}`, `b/${r.path}`, r.before!, r.after!, '', '', { context: 3 }).replace(/^=+\n/m, '').trimEnd());
  }
  for (const r of skipped) io.err(`${r.path}${r.line ? `:${r.line}:${r.column}` : ''}  not formatted: ${r.reason}`);
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const tail = skipped.length ? `, ${files(skipped.length)} left untouched (fix the errors above, then run fmt again)` : '';
  if (check) io.out(changed.length ? `fmt --check: ${files(changed.length)} of ${results.length} would be reformatted${tail}` : `fmt --check: ${files(results.length)} already canonical${tail}`);
  else io.out(`fmt: ${files(changed.length)} formatted, ${results.length - changed.length - skipped.length} already canonical${tail}`);
  return (changed.length && check) || skipped.length ? EXIT.failed : EXIT.ok;
}
