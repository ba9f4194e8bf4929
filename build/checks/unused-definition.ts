import { contains, firstDate, type Check } from './context.js';
import type { Corpus, TermUse, TermUsers } from '../model/corpus.js';
import { addTermUser, type IntervalPool } from './users.js';

/** What follows the quoted term in the message; nothing after it in the message repeats it. */
const DEFINED_IN = '" (defined in ';

/** The term an unused-definition diagnostic is about, read back from its message (a re-check keeps those of terms it did not judge). */
export function unusedTerm(message: string): string | undefined {
  const end = message.lastIndexOf(DEFINED_IN);
  return message.startsWith('"') && end > 0 ? message.slice(1, end) : undefined;
}

/** A definition in force that nothing else in force uses: dead text, or a term whose users were lost. */
export const unusedDefinition: Check = {
  code: 'unused-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    // Per term, the distinct (window, self) pairs of its users: a thousand clauses in one window are one user here.
    // A re-check hands them in already grouped from its digest (useDigest.ts), which holds no earlier versions.
    const usersByTerm = corpus.termUsers ?? groupUsers(corpus, ctx.intervals);
    const judged = corpus.termsToJudge;
    for (const [term, homes] of corpus.definitions) {
      if (judged && !judged.has(term)) continue;
      const users = [...(usersByTerm.get(term) ?? [])].flatMap(([interval, selves]) => [...selves].map((self) => ({ interval, self })));
      for (const home of homes) {
        const day = firstDate(dates, (d) => contains(home.inForce, d) && !users.some((u) => u.self !== home.home && contains(u.interval, d)));
        if (!day) continue;
        ctx.report({ code: 'unused-definition', file: home.file, offset: home.record.offset, date: day, message: `"${term}${DEFINED_IN}${home.home}) is not used by any clause or other definition in force on ${day}` });
      }
    }
  },
};

function groupUsers(corpus: Corpus, intervals: IntervalPool): TermUsers {
  const users: TermUsers = new Map();
  const count = (use: TermUse) => {
    const interval = intervals.of(use.user);
    if (!interval) return;
    // An earlier version's text uses another document's definitions, never its own document's current ones.
    const self = use.user.version || (use.user.kind === 'definition' && use.user.term === use.term) ? use.user.doc : '';
    addTermUser(users, use.term, interval, self);
  };
  for (const use of corpus.uses) count(use);
  for (const use of corpus.history.uses) count(use);
  return users;
}
