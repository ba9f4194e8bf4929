/** `regmark build`: clean DOCX and PDF of the code's documents as at a date. */
import { EXIT } from '../diagnostics/catalogue.js';
import { relative } from 'node:path';
import { BUILD_HELP } from './help.js';
import { formatText, summarise } from '../diagnostics/index.js';
import { lineSource } from '../parse/lines.js';
import { allTexts } from '../model/corpus.js';
import { buildDocuments, parseFormats, type BuildReport } from '../commands/build.js';
import { longDate } from '../document/dates.js';
import { resolveSourceDate } from '../render/output/sourceDate.js';
import { dateOption, parse, today } from './args.js';
import { cacheFor, rootDir, ROOT_OPTIONS } from './commonOptions.js';
import type { Io } from './io.js';


function kilobytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`;
}

function printDiagnostics(report: BuildReport, list: BuildReport['blocking'], io: Io): void {
  io.err(formatText(list, lineSource(allTexts(report.timeline)), { color: io.color }));
}

export async function buildCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...ROOT_OPTIONS,
    'as-at': { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'working-tree': { type: 'boolean' },
    templates: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (values.help) return io.out(BUILD_HELP), 0;
  const started = performance.now();
  const root = rootDir(values.root);
  const asAt = dateOption(values['as-at'], 'as-at') ?? today();
  const formats = parseFormats(values.format);
  const source = resolveSourceDate(root);
  const outDir = values.out ?? 'out';
  const report = await buildDocuments({
    root,
    docs: positionals,
    asAt,
    formats,
    outDir,
    force: Boolean(values.force),
    workingTree: Boolean(values['working-tree']),
    ...(values.templates !== undefined ? { templates: values.templates } : {}),
    sourceDate: source.date,
    ...cacheFor(root, values['no-cache']),
  });
  if (report.blocking.length) {
    printDiagnostics(report, report.blocking, io);
    if (report.refused) {
      io.err(`regmark build: not built: check finds ${summarise(report.blocking)} on ${asAt} (fix them, or pass --force to build anyway)`);
      return EXIT.failed;
    }
    io.err(`regmark build: --force: building despite ${summarise(report.blocking)} on ${asAt}`);
  }
  const quiet = Boolean(values.quiet);
  const say = (line: string) => {
    if (!quiet) io.out(line);
  };
  const shown = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };
  say(`regmark build: as at ${longDate(asAt)}; dates in files from ${source.from === 'git' ? 'the last commit' : source.from === 'fixed' ? 'the fixed epoch (no git history, no SOURCE_DATE_EPOCH)' : 'SOURCE_DATE_EPOCH'} (${source.date.toISOString()}); house style ${shown(report.style.dir)}`);
  for (const s of report.skipped) say(`  skipped ${s.doc}: ${s.reason}`);
  const byDoc = new Map<string, string[]>();
  for (const f of report.files) byDoc.set(f.doc, [...(byDoc.get(f.doc) ?? []), `${shown(f.path)} (${kilobytes(f.bytes)})`]);
  for (const [doc, files] of byDoc) say(`  ${doc}: ${files.join(', ')}`);
  for (const v of report.versions) say(`  ${v.doc}: version ${v.version}, the version that applies on ${asAt} (read from ${v.ref}); the working tree's version takes effect later`);
  for (const o of report.omitted) say(`  ${o.doc}: left out, not in force on ${asAt}: ${o.omissions.map((x) => x.id).join(', ')}`);
  if (report.problems.length) io.err(formatText(report.problems, lineSource(allTexts(report.timeline)), { color: io.color }));
  for (const w of report.warnings) io.err(`warning: ${w}`);
  if (report.later.length) say(`  note: check finds ${summarise(report.later)} on later dates (run \`regmark check --as-at ${asAt}\`)`);
  if (!report.timeline.documents.size) io.err('note: nothing to build: there are no manifests in documents/ (docs/format.md: document manifests)');
  say(`built ${byDoc.size} document${byDoc.size === 1 ? '' : 's'}, ${report.files.length} file${report.files.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return 0;
}

