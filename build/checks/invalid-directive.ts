import { directiveArgumentProblems } from '../bind/papers.js';
import { reportParsed, type Check } from './context.js';

/** A paper's `::directive` that is unknown, misplaced, or names what the code does not have. */
export const invalidDirective: Check = {
  code: 'invalid-directive',
  run(ctx) {
    reportParsed(ctx, 'invalid-directive');
    for (const file of ctx.corpus.files) {
      for (const record of file.paper?.directives ?? []) {
        for (const message of directiveArgumentProblems(record, ctx.corpus)) ctx.report({ code: 'invalid-directive', file: file.path, offset: record.offset, message });
      }
    }
  },
};
