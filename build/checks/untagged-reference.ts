import type { Check } from './context.js';

/** Prose such as "Clause 7.2" that a reader takes for a reference, but that nobody checks or links. */
export const untaggedReference: Check = {
  code: 'untagged-reference',
  run(ctx) {
    for (const file of ctx.corpus.files) {
      for (const u of file.untagged) {
        const number = u.text.replace(/^\S+\s+/, '');
        ctx.report({ code: 'untagged-reference', file: file.path, offset: u.offset, message: `"${u.text.replace(/\s+/g, ' ')}" is not a checked reference; write [[${number}]] (or [[DOC ${number}]] for another document)` });
      }
    }
  },
};
