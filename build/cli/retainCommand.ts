/** `regmark retain`: copy (or move) a clause or a range into another document, with the definitions it needs. */
import { EXIT } from '../diagnostics/catalogue.js';
import { createTwoFilesPatch } from 'diff';
import { RETAIN_HELP } from './help.js';
import { loadCorpus } from '../pipeline.js';
import { summarise } from '../diagnostics/index.js';
import { formatText } from '../diagnostics/formatText.js';
import { lineSource } from '../parse/lines.js';
import { retain } from '../retain/applyRetention.js';
import { RetainRefusal, UnknownDocumentRefusal } from '../retain/planRetention.js';
import { dateOption, parse, today, UsageError } from './args.js';
import { cacheFor, rootDir } from './commonOptions.js';
import type { Io } from './io.js';


export async function retainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    root: { type: 'string' },
    'no-cache': { type: 'boolean' },
    to: { type: 'string' },
    move: { type: 'boolean' },
    'with-definitions': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'section-title': { type: 'string' },
    'as-at': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return io.out(RETAIN_HELP), 0;
  if (positionals.length !== 1) throw new UsageError('retain takes one source: a clause ("AL 7.9A"), a range ("AL 7.9A-7.9D") or a term ("AL GroupID")');
  if (!values.to) throw new UsageError('--to is required: the ID of the first copy ("AM 2B.1.1"), or a document for a term ("AM")');
  const root = rootDir(values.root);
  const asAt = dateOption(values['as-at'], 'as-at') ?? today();
  const corpus = await loadCorpus(root, cacheFor(root, values['no-cache']));
  const dryRun = Boolean(values['dry-run']);
  let result;
  try {
    result = await retain(
      corpus,
      {
        source: positionals[0]!,
        to: values.to,
        move: Boolean(values.move),
        withDefinitions: Boolean(values['with-definitions']),
        ...(values['section-title'] !== undefined ? { sectionTitle: values['section-title'] } : {}),
      },
      { asAt, dryRun },
    );
  } catch (error) {
    if (error instanceof RetainRefusal) {
      io.err(`regmark retain: ${error.message}`);
      return error instanceof UnknownDocumentRefusal ? EXIT.usage : EXIT.failed;
    }
    throw error;
  }
  const { plan, check } = result;
  if (dryRun) {
    for (const c of plan.changes) {
      const patch = createTwoFilesPatch(c.before === undefined ? '/dev/null' : `a/${c.path}`, `b/${c.path}`, c.before ?? '', c.after, '', '', { context: 3 });
      io.out(patch.replace(/^=+\n/m, '').replace(/^Index: .*\n/m, '').trimEnd());
    }
  }
  const verb = plan.copies.length ? (positionals[0]!.includes('-') ? 'range' : 'clause') : 'definition';
  if (plan.copies.length) {
    const first = plan.copies[0]!;
    const last = plan.copies[plan.copies.length - 1]!;
    io.out(`${dryRun ? 'would retain' : 'retained'} ${verb} ${positionals[0]} as ${first.to}${plan.copies.length > 1 ? `-${last.to.split(' ')[1]}` : ''}`);
    for (const c of plan.copies) io.out(`  ${c.to}  from=${c.from}`);
  }
  else if (plan.definitions.length) {
    const asked = plan.definitions.find((d) => d.neededBy === 'the request') ?? plan.definitions[0]!;
    io.out(`${dryRun ? 'would retain' : 'retained'} the definition of "${asked.term}" from ${asked.from} into ${asked.to}`);
  }
  if (plan.createdSection) io.out(`  new section ${plan.createdSection.number} "${plan.createdSection.title}" in ${plan.createdSection.path}`);
  if (plan.references.length) {
    io.out(`  references rewritten (${plan.references.length}):`);
    for (const r of plan.references) io.out(`    ${r.where}: ${r.before} → ${r.after}`);
  }
  if (plan.definitions.length) {
    io.out(`  definitions ${dryRun ? 'to carry' : 'carried'} into definitions/${plan.definitions[0]!.to}.md (${plan.definitions.length}):`);
    for (const d of plan.definitions) io.out(`    ${d.term}  from=${d.from}  (needed by ${d.neededBy})`);
  }
  for (const note of plan.notes) io.out(`  note: ${note}`);
  io.out(`${dryRun ? 'would write' : 'wrote'} ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'}: ${plan.changes.map((c) => c.path + (c.before === undefined ? ' (new)' : '')).join(', ')}`);
  const fixed = check.fixed.length ? `; ${check.fixed.length} fixed` : '';
  if (check.added.length) {
    io.out(`check as at ${check.asAt} after retention: ${check.added.length} new (${summarise(check.added)})${fixed}:`);
    io.out(formatText(check.added, lineSource(check.corpus.texts), { color: io.color }));
  } else io.out(`check as at ${check.asAt} after retention: nothing new${fixed}; now ${summarise(check.after)}`);
  return 0;
}
