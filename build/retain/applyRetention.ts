/** Retention end to end: plan on the loaded corpus, check the result in memory, write every file atomically. */
import { join } from 'node:path';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { runChecks } from '../checks/index.js';
import { parseSource } from '../parse/parseFile.js';
import { bindParsedFiles } from '../pipeline.js';
import { writeFilesAtomic } from '../files/atomicWrite.js';
import { refOfPath, discoveryOrder } from '../format/sourcePaths.js';
import { diagnosticChange, type DiagnosticChange } from '../watch/diagnosticChange.js';
import { planRetention, type RetainRequest, type RetentionPlan } from './planRetention.js';

/** The corpus as it would be with `changes` applied, bound in memory. */
export function corpusWith(corpus: Corpus, changes: RetentionPlan['changes']): Corpus {
  const texts = new Map(corpus.texts);
  const byPath = new Map(corpus.files.map((f) => [f.path, f]));
  for (const c of changes) {
    const ref = refOfPath(c.path);
    if (!ref) continue;
    texts.set(c.path, c.after);
    byPath.set(c.path, parseSource(c.path, ref.role, ref.doc, c.after).file);
  }
  return bindParsedFiles(corpus.root, [...byPath.values()].sort(discoveryOrder), texts);
}

export interface RetentionResult {
  plan: RetentionPlan;
  check: DiagnosticChange & { asAt: IsoDate; after: Diagnostic[]; corpus: Corpus };
}

export async function retain(corpus: Corpus, request: RetainRequest, options: { asAt: IsoDate; dryRun?: boolean }): Promise<RetentionResult> {
  const plan = planRetention(corpus, request);
  const before = runChecks(corpus, options.asAt);
  const next = corpusWith(corpus, plan.changes);
  const after = runChecks(next, options.asAt);
  if (!options.dryRun) await writeFilesAtomic(plan.changes.map((c) => ({ path: join(corpus.root, c.path), text: c.after })));
  return { plan, check: { ...diagnosticChange(before, after), asAt: options.asAt, after, corpus: next } };
}
