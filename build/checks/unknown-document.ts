import type { Check } from './context.js';

/** Clause or definition files for a document code that has no manifest: their text would belong to nothing. */
export const unknownDocument: Check = {
  code: 'unknown-document',
  run(ctx) {
    for (const file of ctx.corpus.orphans) {
      ctx.report({ code: 'unknown-document', file: file.path, offset: 0, message: `no manifest documents/${file.doc}.md for document \`${file.doc}\`; add one or move this file` });
    }
  },
};
