import { reportParsed, type Check } from './context.js';

/** `[[…]]` that names nothing, is not a reference at all, or is never closed. */
export const unresolvedReference: Check = {
  code: 'unresolved-reference',
  occurrences: true,
  run(ctx) {
    reportParsed(ctx, 'unresolved-reference');
    for (const ref of ctx.corpus.references) {
      if (ref.problem?.code === 'unresolved-reference') ctx.report({ code: 'unresolved-reference', file: ref.file, offset: ref.record.offset, message: ref.problem.message });
    }
  },
};
