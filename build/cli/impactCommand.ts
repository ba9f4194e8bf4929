/** `regmark impact DOC`: what would dangle if DOC left force. */
import { addDays } from '../model/dates.js';
import { IMPACT_HELP } from './help.js';
import { corpusAt, loadCorpus, plannedVersion } from '../pipeline.js';
import { Timeline } from '../checks/timeline.js';
import { didYouMean } from '../model/suggest.js';
import { formatImpactText, impactOf } from '../query/impact.js';
import { dateOption, oneOf, parse, today, UsageError } from './args.js';
import { cacheFor, rootDir, ROOT_OPTIONS } from './commonOptions.js';
import type { Io } from './io.js';


export async function impactCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ...ROOT_OPTIONS, on: { type: 'string' } });
  if (values.help) return io.out(IMPACT_HELP), 0;
  if (positionals.length !== 1) throw new UsageError('impact takes one document code, e.g. `regmark impact AL`');
  const doc = positionals[0]!;
  const root = rootDir(values.root);
  const format = oneOf(values.format, ['text', 'json'] as const, 'format', 'text');
  const corpus = await loadCorpus(root, cacheFor(root, values['no-cache']));
  const symbol = corpus.documents.get(doc);
  if (!symbol) {
    const known = [...corpus.documents.keys()].sort();
    throw new UsageError(known.length ? `no document ${doc}; known: ${known.join(', ')}${didYouMean(doc, known)}` : `no document ${doc}: ${root} has no manifests in documents/ yet`);
  }
  const on = dateOption(values.on, 'on') ?? (symbol.inForce.until ? addDays(symbol.inForce.until, 1) : addDays(today(), 1));
  // What stays in force is read in the versions that apply on that day (FORMAT.md: Versions).
  const report = impactOf(corpusAt(corpus, on), doc, on);
  // Inside a designation window the planned version is read; the earlier one may still apply, as check weighs.
  const timeline = new Timeline(corpus);
  const windows = [...corpus.documents.values()].flatMap((d) => {
    const possible = timeline.versionsOn(d, on);
    if (possible.length < 2) return [];
    const planned = plannedVersion(d, on);
    const others = possible.filter((v) => v !== planned).map((v) => `v${v.manifest.version ?? '?'}`);
    return [`${d.code} v${planned.manifest.version ?? '?'} is planned for ${on}, but ${d.code} ${others.join(' or ')} may still apply then (${d.code} v${planned.manifest.version ?? '?'} takes effect as late as ${planned.effectiveBy ?? planned.effective}); this report reads v${planned.manifest.version ?? '?'}, and \`regmark check\` reports what the earlier version would leave dangling`];
  });
  if (format === 'json') io.out(JSON.stringify({ ...report, designationWindows: windows }, null, 2));
  else io.out([formatImpactText(report), ...windows.map((w) => `note: ${w}`)].join('\n'));
  return 0;
}
