import { DOC_CODE, CLAUSE_NUMBER_SOURCE } from '../model/ids.js';
import { reportParsed, type Check } from './context.js';

const PROVENANCE = new RegExp(`^[A-Z][A-Z0-9]*(?: ${CLAUSE_NUMBER_SOURCE}(?:\\([a-zA-Z0-9]+\\))*)?$`);

/** Unknown or malformed `{…}` attributes. `from` need not resolve (it is a record), but must have the shape of an ID. */
export const invalidAttribute: Check = {
  code: 'invalid-attribute',
  run(ctx) {
    reportParsed(ctx, 'invalid-attribute');
    for (const file of ctx.corpus.files) {
      const records = [...file.provisions.map((p) => ({ what: `clause ${p.local}`, offset: p.offset, attributes: p.attributes })), ...file.definitions.map((d) => ({ what: `definition of ${d.term}`, offset: d.offset, attributes: d.attributes }))];
      for (const r of records) {
        const from = r.attributes.from;
        if (from !== undefined && !PROVENANCE.test(from) && !DOC_CODE.test(from)) {
          ctx.report({ code: 'invalid-attribute', file: file.path, offset: r.offset, message: `${r.what}: \`from="${from}"\` must name a document or clause, like "AL" or "AL 7.9A"` });
        }
      }
    }
  },
};
