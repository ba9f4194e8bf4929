import type { Check } from './context.js';

/** An `accepted:` entry that matches no diagnostic: the risk it names is gone (or the entry has a typo). */
export const unusedAcceptance: Check = {
  code: 'unused-acceptance',
  late: true,
  run(ctx) {
    for (const a of ctx.acceptances) {
      if (a.used) continue;
      const what = a.entry.term ?? a.entry.clause ?? a.entry.reference;
      ctx.report({ code: 'unused-acceptance', file: a.file, offset: a.entry.offset, message: `nothing to accept: no ${a.entry.code} diagnostic about ${what}; remove the entry (or correct its code, term, clause or reference)` });
    }
  },
};
