import { lacksEffectiveDate } from '../bind/bindVersions.js';
import type { Check } from './context.js';

/** A draft or consultation version without `effective`: nothing says when its text would apply. */
export const missingEffectiveDate: Check = {
  code: 'missing-effective-date',
  run(ctx) {
    for (const doc of ctx.corpus.documents.values()) {
      if (!lacksEffectiveDate(doc)) continue;
      const m = doc.manifest;
      ctx.report({
        code: 'missing-effective-date',
        file: doc.manifestPath,
        offset: m.keyOffsets.status ?? m.offset,
        message: `${doc.code} v${m.version ?? '?'} is a ${m.status} version without \`effective\`; it is checked as if it took effect on ${ctx.asAt}. Add \`effective:\` (and \`effective-by:\` if designation may slip)`,
      });
    }
  },
};
