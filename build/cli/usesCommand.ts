/** `regmark uses "TERM"`: every use of a term, with its homes. */
import { EXIT } from '../diagnostics/catalogue.js';
import { loadCorpus } from '../pipeline.js';
import { USES_HELP } from './help.js';
import { formatUsesText, similarTerms, termOfForm, usesOf } from '../query/uses.js';
import { oneOf, parse, UsageError } from './args.js';
import { cacheFor, rootDir, ROOT_OPTIONS } from './commonOptions.js';
import type { Io } from './io.js';


export async function usesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, ROOT_OPTIONS);
  if (values.help) return io.out(USES_HELP), 0;
  if (positionals.length !== 1) throw new UsageError('uses takes one term in quotes, e.g. `regmark uses "Requesting Party"`');
  const term = positionals[0]!;
  const root = rootDir(values.root);
  const format = oneOf(values.format, ['text', 'json'] as const, 'format', 'text');
  const corpus = await loadCorpus(root, cacheFor(root, values['no-cache']));
  let report = usesOf(corpus, term);
  const meant = report ? undefined : termOfForm(corpus, term);
  if (meant) {
    // "DIRF" written for its term: its uses are the term's, so they are the answer.
    io.err(`regmark: "${term}" is a written form of "${meant}" (its plural= or also=); showing the uses of "${meant}"`);
    report = usesOf(corpus, meant);
  }
  if (!report) {
    const near = similarTerms(corpus, term);
    const none = corpus.definitions.size ? '' : ' (no document defines any term yet: definitions/<DOC>.md holds them)';
    io.err(`regmark: "${term}" is not a defined term${none}${near.length ? `; did you mean ${near.map((t) => `"${t}"`).join(', ')}?` : ''}`);
    return EXIT.failed;
  }
  io.out(format === 'json' ? JSON.stringify(report, null, 2) : formatUsesText(report));
  return 0;
}
