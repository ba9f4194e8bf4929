/** `regmark pack`: a consultation paper, its annexes clean and redlined, a manifest, optionally a zip. */
import { EXIT } from '../diagnostics/catalogue.js';
import { relative } from 'node:path';
import { PACK_HELP } from './help.js';
import { fails, formatText, summarise } from '../diagnostics/index.js';
import { LineIndex } from '../parse/lines.js';
import { resolveSourceDate } from '../render/output/sourceDate.js';
import { acceptedRisks, buildPack, type PackReport, type ProgressEvent } from '../commands/pack.js';
import { parse, UsageError } from './args.js';
import { packageVersion } from './version.js';
import { cacheFor, rootDir } from './commonOptions.js';
import type { Io } from './io.js';


function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** A one-line spinner with a count, on a terminal only (never in CI or when piped). */
function progressLine(io: Io, enabled: boolean): { update(e: ProgressEvent): void; done(): void } {
  if (!enabled) return { update() {}, done() {} };
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let n = 0;
  return {
    update(e) {
      const width = 20;
      const filled = Math.round((e.done / Math.max(1, e.total)) * width);
      process.stderr.write(`\r\u001b[2K${frames[n++ % frames.length]} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.done}/${e.total} ${e.step}`);
    },
    done() {
      process.stderr.write('\r\u001b[2K');
    },
  };
}

export function formatPackTable(report: PackReport, cwd = process.cwd()): string {
  const rows = report.files.map((f) => [f.name, size(f.bytes), f.sha256.slice(0, 12)]);
  const widths = [0, 1, 2].map((i) => Math.max(['file', 'size', 'sha256'][i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const shown = relative(cwd, report.dir) || '.';
  const out = [`regmark pack ${report.id} → ${shown.startsWith('..') ? report.dir : shown}/`, '  ' + line(['file', 'size', 'sha256']), ...rows.map((r) => '  ' + line(r))];
  const total = report.files.filter((f) => f.kind !== 'zip').reduce((n, f) => n + f.bytes, 0);
  out.push(`  ${report.files.length} files, ${size(total)}${report.counts ? `; paper: ${report.counts.paragraphs} paragraphs, ${report.counts.questions} questions, ${report.counts.tables} tables` : ''}`);
  if (report.warnings.length) {
    out.push(`  ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`);
    for (const w of report.warnings) out.push(`    ${w}`);
  } else out.push('  no warnings');
  const risks = acceptedRisks(report.check);
  if (risks.length) {
    out.push(`  ${risks.length} accepted risk${risks.length === 1 ? '' : 's'} (listed in manifest.json):`);
    for (const r of risks) out.push(`    ${r.code}: ${r.about}, until ${r.until} (${r.acceptedIn}), ${r.occurrences.length} occurrence${r.occurrences.length === 1 ? '' : 's'}`);
  }
  return out.join('\n');
}

export async function packCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    root: { type: 'string' },
    'no-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    base: { type: 'string' },
    out: { type: 'string' },
    zip: { type: 'boolean' },
    force: { type: 'boolean' },
    templates: { type: 'string' },
    quiet: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) return io.out(PACK_HELP), 0;
  if (positionals.length !== 1) throw new UsageError(`expected one consultation ID, e.g. \`regmark pack CON-2025-10-RETENTION\` (got ${positionals.length})`);
  const started = performance.now();
  const json = Boolean(values.json);
  const quiet = Boolean(values.quiet) || json;
  const tty = Boolean(process.stderr.isTTY) && !process.env.CI && !quiet && io.color !== undefined && process.env.TERM !== 'dumb';
  const progress = progressLine(io, tty);
  try {
    const root = rootDir(values.root);
    const source = resolveSourceDate(root);
    const report = await buildPack({
      root,
      id: positionals[0]!,
      ...(values.base !== undefined ? { base: values.base } : {}),
      outDir: values.out ?? 'out',
      zip: Boolean(values.zip),
      force: Boolean(values.force),
      ...(values.templates !== undefined ? { templates: values.templates } : {}),
      sourceDate: source.date,
      regmarkVersion: packageVersion(),
      onProgress: (e) => progress.update(e),
      ...cacheFor(root, values['no-cache']),
    });
    progress.done();
    const lineOf = (file: string, line: number) => {
      const text = report.corpus.texts.get(file);
      return text === undefined ? undefined : new LineIndex(text).lineText(line);
    };
    const checkErrors = report.check.filter((d) => fails(d));
    if (json) {
      io.out(
        JSON.stringify(
          {
            id: report.id,
            dir: report.dir,
            refused: report.refused,
            files: report.files.map((f) => ({ name: f.name, path: f.path, kind: f.kind, ...(f.doc ? { document: f.doc } : {}), format: f.format, bytes: f.bytes, sha256: f.sha256 })),
            warnings: report.warnings,
            diagnostics: [...report.paper, ...report.check],
            counts: report.counts ?? null,
            seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
          },
          null,
          2,
        ),
      );
      return report.refused ? EXIT.failed : EXIT.ok;
    }
    const shown = [...report.paper.filter((d) => d.severity === 'error'), ...checkErrors];
    if (shown.length) io.err(formatText(shown, lineOf, { color: io.color }));
    if (report.refused) {
      const paperErrors = report.paper.filter((d) => d.severity === 'error').length;
      const why = paperErrors ? `${paperErrors} problem${paperErrors === 1 ? '' : 's'} in the consultation paper` : `check finds ${summarise(checkErrors)} on ${report.facts?.date ?? '?'} or later (fix them, or pass --force)`;
      io.err(`regmark pack: not packed: ${why}`);
      return EXIT.failed;
    }
    if (!quiet) {
      io.out(formatPackTable(report));
      io.out(`packed in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    } else for (const w of report.warnings) io.err(`warning: ${w}`);
    return 0;
  } finally {
    // The progress line is cleared however the pack ends; input errors are printed by the CLI's one handler.
    progress.done();
  }
}

