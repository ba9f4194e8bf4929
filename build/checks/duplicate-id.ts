import type { Check } from './context.js';

/** Two provisions with one ID (or one term defined twice in a document): the number is the identity, so it must be unique. */
export const duplicateId: Check = {
  code: 'duplicate-id',
  run(ctx) {
    for (const dup of ctx.corpus.duplicates) {
      ctx.report({ code: 'duplicate-id', file: dup.file, offset: dup.offset, message: `${dup.what} is already defined`, related: [{ ...dup.first, message: 'first defined here' }] });
    }
  },
};
