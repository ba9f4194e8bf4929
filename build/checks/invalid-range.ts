import type { Check } from './context.js';

/** A range whose ends do not both exist, or run backwards. */
export const invalidRange: Check = {
  code: 'invalid-range',
  occurrences: true,
  run(ctx) {
    for (const ref of ctx.corpus.references) {
      if (ref.problem?.code === 'invalid-range') ctx.report({ code: 'invalid-range', file: ref.file, offset: ref.record.offset, message: ref.problem.message });
    }
  },
};
