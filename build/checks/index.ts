/** The registry of checks, sorted by code. A code's file, its key here, its test and its README anchor share one name. */
import type { Corpus } from '../model/corpus.js';
import type { Interval, IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { Reporter, evaluationDates, type Check } from './context.js';
import { IntervalPool } from './users.js';
import { conflictingDefinition } from './conflicting-definition.js';
import { danglingDefinition } from './dangling-definition.js';
import { duplicateDevice } from './duplicate-device.js';
import { duplicateId } from './duplicate-id.js';
import { expiredReference } from './expired-reference.js';
import { invalidAttribute } from './invalid-attribute.js';
import { invalidConsultation } from './invalid-consultation.js';
import { invalidDirective } from './invalid-directive.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import { invalidMatrix } from './invalid-matrix.js';
import { invalidRange } from './invalid-range.js';
import { unmatchedVariation } from './unmatched-variation.js';
import { unknownDocument } from './unknown-document.js';
import { unreadableFile } from './unreadable-file.js';
import { unresolvedReference } from './unresolved-reference.js';
import { untaggedReference } from './untagged-reference.js';
import { unusedDefinition } from './unused-definition.js';
import { missingFootnote } from './missing-footnote.js';
import { orphanText } from './orphan-text.js';
import { invalidPrevious } from './invalid-previous.js';
import { missingEffectiveDate } from './missing-effective-date.js';
import { removedDefinition } from './removed-definition.js';
import { unsafePath } from './unsafe-path.js';
import { unusedAcceptance } from './unused-acceptance.js';
import { Timeline } from './timeline.js';
import { applyAcceptances, collectAcceptances } from './acceptances.js';

export const CHECKS: readonly Check[] = [
  conflictingDefinition,
  danglingDefinition,
  duplicateDevice,
  duplicateId,
  expiredReference,
  invalidAttribute,
  invalidConsultation,
  invalidDirective,
  invalidFrontMatter,
  invalidMatrix,
  invalidPrevious,
  invalidRange,
  missingEffectiveDate,
  missingFootnote,
  orphanText,
  removedDefinition,
  unknownDocument,
  unmatchedVariation,
  unreadableFile,
  unresolvedReference,
  unsafePath,
  untaggedReference,
  unusedAcceptance,
  unusedDefinition,
];

/** `clauses`: the clauses' in-force intervals, when known without walking the provision table (evaluationDates). */
export function runChecks(corpus: Corpus, asAt: IsoDate, only?: readonly Check[], clauses?: Iterable<Interval>): Diagnostic[] {
  const reporter = new Reporter(corpus);
  const ctx = { corpus, asAt, dates: evaluationDates(corpus, asAt, clauses), timeline: new Timeline(corpus), acceptances: collectAcceptances(corpus), intervals: new IntervalPool(corpus), report: reporter.add.bind(reporter) };
  const checks = only ?? CHECKS;
  for (const check of checks) if (!check.late) check.run(ctx);
  applyAcceptances(reporter.reports, ctx.acceptances, asAt, (file, offset) => reporter.locate(file, offset));
  for (const check of checks) if (check.late) check.run(ctx);
  return reporter.diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
