import { reportParsed, type Check } from './context.js';

/** Manifests and definition files with malformed or unknown front matter, and `sections:` entries that name no file. */
export const invalidFrontMatter: Check = {
  code: 'invalid-front-matter',
  run(ctx) {
    reportParsed(ctx, 'invalid-front-matter');
    for (const doc of ctx.corpus.documents.values()) {
      for (const entry of doc.manifest.sections ?? []) {
        if (!doc.files.some((f) => f.path === `clauses/${doc.code}/${entry}`)) {
          ctx.report({ code: 'invalid-front-matter', file: doc.manifestPath, offset: doc.manifest.keyOffsets.sections ?? 0, message: `\`sections\` names clauses/${doc.code}/${entry}, which does not exist` });
        }
      }
    }
  },
};
