import type { IsoDate } from '../model/dates.js';
import type { Interval } from '../model/corpus.js';
import { contains, describeInterval, firstDate, type Check } from './context.js';
import { describeUser, IntervalPool } from './users.js';

/** A term used by something in force on a day when none of the term's homes is: the seed-001 failure. */
export const danglingDefinition: Check = {
  code: 'dangling-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    // Decide each (window, term) pair once: there are few distinct windows, however many uses.
    const intervals = new IntervalPool(corpus);
    const memo = new Map<Interval, Map<string, IsoDate | undefined>>();
    for (const use of corpus.uses) {
      const interval = intervals.of(use.user);
      if (!interval) continue;
      let byTerm = memo.get(interval);
      if (!byTerm) memo.set(interval, (byTerm = new Map()));
      let day = byTerm.get(use.term);
      if (day === undefined && !byTerm.has(use.term)) {
        const homes = corpus.definitions.get(use.term) ?? [];
        day = homes.length ? firstDate(dates, (d) => contains(interval!, d) && !homes.some((h) => contains(h.inForce, d))) : undefined;
        byTerm.set(use.term, day);
      }
      if (!day) continue;
      const homes = corpus.definitions.get(use.term)!;
      ctx.report({
        code: 'dangling-definition',
        file: use.file,
        offset: use.offset,
        date: day,
        message: `${describeUser(use.user)} uses "${use.term}", but on ${day} none of its homes is in force (defined only in ${homes.map((h) => h.home).join(', ')}); keep a definition in a document that stays in force`,
        related: homes.map((h) => ({ file: h.file, offset: h.record.offset, message: `"${h.term}" defined in ${h.home}, ${describeInterval(h.inForce)}` })),
      });
    }
  },
};
