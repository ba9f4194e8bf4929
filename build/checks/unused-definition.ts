import { contains, firstDate, type Check } from './context.js';
import type { Interval, TermUse } from '../model/corpus.js';
import { IntervalPool } from './users.js';

/** A definition in force that nothing else in force uses: dead text, or a term whose users were lost. */
export const unusedDefinition: Check = {
  code: 'unused-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    // Per term, the distinct (window, self) pairs of its users: a thousand clauses in one window are one user here.
    const intervals = new IntervalPool(corpus);
    const usersByTerm = new Map<string, Map<Interval, Set<string>>>();
    const count = (use: TermUse) => {
      const interval = intervals.of(use.user);
      if (!interval) return;
      // An earlier version's text uses another document's definitions, never its own document's current ones.
      const self = use.user.version || (use.user.kind === 'definition' && use.user.term === use.term) ? use.user.doc : '';
      let users = usersByTerm.get(use.term);
      if (!users) usersByTerm.set(use.term, (users = new Map()));
      let selves = users.get(interval);
      if (!selves) users.set(interval, (selves = new Set()));
      selves.add(self);
    };
    for (const use of corpus.uses) count(use);
    for (const use of corpus.history.uses) count(use);
    for (const [term, homes] of corpus.definitions) {
      const users = [...(usersByTerm.get(term) ?? [])].flatMap(([interval, selves]) => [...selves].map((self) => ({ interval, self })));
      for (const home of homes) {
        const day = firstDate(dates, (d) => contains(home.inForce, d) && !users.some((u) => u.self !== home.home && contains(u.interval, d)));
        if (!day) continue;
        ctx.report({ code: 'unused-definition', file: home.file, offset: home.record.offset, date: day, message: `"${term}" (defined in ${home.home}) is not used by any clause or other definition in force on ${day}` });
      }
    }
  },
};

