import { contains, firstDate, type Check } from './context.js';
import type { Interval, UserRef } from '../model/corpus.js';
import { userInterval } from './users.js';

/** A definition in force that nothing else in force uses: dead text, or a term whose users were lost. */
export const unusedDefinition: Check = {
  code: 'unused-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    // One entry per (term, user): a clause that uses a term ten times is one user of it.
    const usersByTerm = new Map<string, Map<UserRef, { interval: Interval; self?: string }>>();
    for (const use of corpus.uses) {
      let users = usersByTerm.get(use.term);
      if (!users) usersByTerm.set(use.term, (users = new Map()));
      if (users.has(use.user)) continue;
      const interval = userInterval(corpus, use.user);
      if (interval) users.set(use.user, { interval, ...(use.user.kind === 'definition' && use.user.term === use.term ? { self: use.user.doc } : {}) });
    }
    for (const [term, homes] of corpus.definitions) {
      const users = [...(usersByTerm.get(term)?.values() ?? [])];
      for (const home of homes) {
        const day = firstDate(dates, (d) => contains(home.inForce, d) && !users.some((u) => u.self !== home.home && contains(u.interval, d)));
        if (!day) continue;
        ctx.report({ code: 'unused-definition', file: home.file, offset: home.record.offset, date: day, message: `"${term}" (defined in ${home.home}) is not used by any clause or other definition in force on ${day}` });
      }
    }
  },
};
