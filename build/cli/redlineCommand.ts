/** `regmark redline`: Word tracked changes and a marked-up PDF of documents against a baseline (git ref or folder). */
import { formatText } from '../diagnostics/formatText.js';
import { execFileSync } from 'node:child_process';
import { REDLINE_HELP } from './help.js';
import { relative } from 'node:path';
import { countsText } from '../render/redline/coverText.js';
import { parseFormats } from '../commands/build.js';
import { longDate } from '../document/dates.js';
import { resolveSourceDate } from '../render/output/sourceDate.js';
import { redlineDocuments } from '../commands/redline.js';
import { dateOption, parse, today, UsageError } from './args.js';
import { cacheFor, rootDir, ROOT_OPTIONS } from './commonOptions.js';
import type { Io } from './io.js';


function gitUserName(root: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

function changeDate(value: string | undefined, fallback: Date): string {
  if (value === undefined) return fallback.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    dateOption(value, 'date');
    return `${value}T00:00:00Z`;
  }
  const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new UsageError(`--date ${value}: expected YYYY-MM-DD or an ISO date-time such as 2025-10-17T09:00:00Z`);
  return parsed.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function redlineCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...ROOT_OPTIONS,
    base: { type: 'string' },
    'as-at': { type: 'string' },
    out: { type: 'string' },
    author: { type: 'string' },
    date: { type: 'string' },
    'changes-only': { type: 'boolean' },
    templates: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (values.help) return io.out(REDLINE_HELP), 0;
  const started = performance.now();
  if (values.base === '') throw new UsageError('--base needs a value: a git ref (a tag, branch or commit) or a folder with the content layout');
  if (!positionals.length) throw new UsageError('name at least one document to redline, e.g. `regmark redline AM --base v16.0`');
  const root = rootDir(values.root);
  const asAt = dateOption(values['as-at'], 'as-at') ?? today();
  const formats = parseFormats(values.format);
  const source = resolveSourceDate(root);
  const report = await redlineDocuments({
    root,
    docs: [...new Set(positionals)],
    ...(values.base !== undefined ? { base: values.base } : {}),
    asAt,
    formats,
    outDir: values.out ?? 'out',
    author: values.author ?? gitUserName(root) ?? 'regmark',
    date: changeDate(values.date, source.date),
    sourceDate: source.date,
    changesOnly: Boolean(values['changes-only']),
    ...(values.templates !== undefined ? { templates: values.templates } : {}),
    ...cacheFor(root, values['no-cache']),
  });
  const say = (line: string) => {
    if (!values.quiet) io.out(line);
  };
  const shown = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };
  say(`regmark redline: against ${report.baseLabel}, as at ${longDate(asAt)}`);
  for (const n of report.notes) io.err(`note: ${n}`);
  for (const { doc, summary } of report.summaries) {
    const files = report.files.filter((f) => f.doc === doc).map((f) => `"${shown(f.path)}"`);
    say(`  ${doc}: ${countsText(summary)}${summary.metadata.length ? ` Cover: ${summary.metadata.map((m) => `${m.field} ${m.from} → ${m.to}`).join('; ')}.` : ''}`);
    say(`    ${files.join(', ')}`);
  }
  if (report.problems.length) io.err(formatText(report.problems, () => undefined, { color: io.color }));
  for (const w of report.warnings) io.err(`warning: ${w}`);
  say(`redlined ${report.summaries.length} document${report.summaries.length === 1 ? '' : 's'}, ${report.files.length} file${report.files.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return 0;
}

