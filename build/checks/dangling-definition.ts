import type { IsoDate } from '../model/dates.js';
import { contains, describeInterval, firstDate, type Check } from './context.js';
import { describeUser, intervalKey, userInterval } from './users.js';

/** A term used by something in force on a day when none of the term's homes is: the seed-001 failure. */
export const danglingDefinition: Check = {
  code: 'dangling-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    // Many uses share a term and a user interval; decide each pair once.
    const memo = new Map<string, IsoDate | undefined>();
    for (const use of corpus.uses) {
      const homes = corpus.definitions.get(use.term) ?? [];
      const interval = userInterval(corpus, use.user);
      if (!interval || !homes.length) continue;
      const key = `${use.term}\0${intervalKey(interval)}`;
      let day = memo.get(key);
      if (!memo.has(key)) {
        day = firstDate(dates, (d) => contains(interval, d) && !homes.some((h) => contains(h.inForce, d)));
        memo.set(key, day);
      }
      if (!day) continue;
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
