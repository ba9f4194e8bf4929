import type { Check } from './context.js';
import { describeEntry } from './acceptances.js';

/**
 * An `accepted:` entry that matches no diagnostic: the risk it names is gone, or the entry has a typo. An entry
 * whose `until` is already past has done its work and is not reported: it matches nothing because it has lapsed.
 */
export const unusedAcceptance: Check = {
  code: 'unused-acceptance',
  late: true,
  run(ctx) {
    for (const a of ctx.acceptances) {
      if (a.used || a.entry.until < ctx.asAt) continue;
      ctx.report({ code: 'unused-acceptance', file: a.file, offset: a.entry.offset, message: `nothing to accept: no ${a.entry.code} diagnostic about ${describeEntry(a.entry)}; remove the entry (or correct its code, term, clause or reference)` });
    }
  },
};
