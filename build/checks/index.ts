/** The registry of checks, sorted by code. A code's file, its key here, its test and its README anchor share one name. */
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { Reporter, evaluationDates, type Check } from './context.js';
import { conflictingDefinition } from './conflicting-definition.js';
import { danglingDefinition } from './dangling-definition.js';
import { duplicateId } from './duplicate-id.js';
import { expiredReference } from './expired-reference.js';
import { invalidAttribute } from './invalid-attribute.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import { invalidRange } from './invalid-range.js';
import { unknownDocument } from './unknown-document.js';
import { unreadableFile } from './unreadable-file.js';
import { unresolvedReference } from './unresolved-reference.js';
import { untaggedReference } from './untagged-reference.js';
import { unusedDefinition } from './unused-definition.js';

export const CHECKS: readonly Check[] = [
  conflictingDefinition,
  danglingDefinition,
  duplicateId,
  expiredReference,
  invalidAttribute,
  invalidFrontMatter,
  invalidRange,
  unknownDocument,
  unreadableFile,
  unresolvedReference,
  untaggedReference,
  unusedDefinition,
];

export function runChecks(corpus: Corpus, asAt: IsoDate, only?: readonly Check[]): Diagnostic[] {
  const reporter = new Reporter(corpus);
  const ctx = { corpus, asAt, dates: evaluationDates(corpus, asAt), report: reporter.add.bind(reporter) };
  for (const check of only ?? CHECKS) check.run(ctx);
  return reporter.diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
