import { contains, firstDate, type Check } from './context.js';
import type { Interval } from '../model/corpus.js';
import { userInterval } from './users.js';

/** A definition in force that nothing else in force uses: dead text, or a term whose users were lost. */
export const unusedDefinition: Check = {
  code: 'unused-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    const usersByTerm = new Map<string, Array<{ interval: Interval; self?: string }>>();
    for (const use of corpus.uses) {
      const interval = userInterval(corpus, use.user);
      if (!interval) continue;
      const list = usersByTerm.get(use.term) ?? [];
      list.push({ interval, ...(use.user.kind === 'definition' && use.user.term === use.term ? { self: use.user.doc } : {}) });
      usersByTerm.set(use.term, list);
    }
    for (const [term, homes] of corpus.definitions) {
      const users = usersByTerm.get(term) ?? [];
      for (const home of homes) {
        const day = firstDate(dates, (d) => contains(home.inForce, d) && !users.some((u) => u.self !== home.home && contains(u.interval, d)));
        if (!day) continue;
        ctx.report({ code: 'unused-definition', file: home.file, offset: home.record.offset, date: day, message: `"${term}" (defined in ${home.home}) is not used by any clause or other definition in force on ${day}` });
      }
    }
  },
};
