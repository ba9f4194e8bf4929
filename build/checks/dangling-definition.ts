import type { IsoDate } from '../model/dates.js';
import type { DefinitionSymbol, Interval, TermUse, VersionSymbol } from '../model/corpus.js';
import { causeOf, contains, describeInterval, type Check } from './context.js';
import { describeUser } from './users.js';

/** A term used by something in force on a day when none of the term's homes is: the seed-001 failure. */
export const danglingDefinition: Check = {
  code: 'dangling-definition',
  occurrences: true,
  run(ctx) {
    const { corpus, dates, timeline } = ctx;
    // Decide each (window, reader's version, term) once: there are few distinct windows, however many uses.
    const { intervals } = ctx;
    // The days on which a term has a home depend only on the reader (an earlier version, or a document of the
    // working tree) and the term; a use then fails on the days its own window holds and those do not.
    const homeDays = new Map<VersionSymbol | string, Map<string, boolean[]>>();
    const memo = new Map<Interval, Map<boolean[], IsoDate[]>>();
    // One array per distinct answer, so that answers for different terms meet in the memo above.
    const answers = new Map<number | string, boolean[]>();
    const sameHoused = (housed: boolean[]) => {
      // A bit per date while they fit in a small integer (they nearly always do), else one character per date.
      let key: number | string = 0;
      if (housed.length <= 30) for (let i = 0; i < housed.length; i++) key |= housed[i] ? 1 << i : 0;
      else key = housed.map((h) => (h ? '1' : '0')).join('');
      return answers.get(key) ?? answers.set(key, housed).get(key)!;
    };
    const everyDay = sameHoused(dates.map(() => true));
    // Uses come in runs that share one reader object: its window and tables are looked up once per run.
    let lastUser: TermUse['user'] | undefined;
    let interval: Interval | undefined;
    let byTerm: Map<string, boolean[]> | undefined;
    let byHoused: Map<boolean[], IsoDate[]> | undefined;
    const check = (use: TermUse) => {
      if (use.user !== lastUser) {
        lastUser = use.user;
        interval = intervals.of(use.user);
        if (!interval) return;
        const reader = use.user.version ?? use.user.doc;
        byTerm = homeDays.get(reader);
        if (!byTerm) homeDays.set(reader, (byTerm = new Map()));
        byHoused = memo.get(interval);
        if (!byHoused) memo.set(interval, (byHoused = new Map()));
      }
      if (!interval) return;
      let housed = byTerm!.get(use.term);
      if (!housed) byTerm!.set(use.term, (housed = sameHoused(timeline.housedOn(use.term, use.user, dates))));
      // Most terms have a home on every date, whoever reads them: nothing to look up per use.
      if (housed === everyDay) return;
      let failing = byHoused!.get(housed);
      if (!failing) byHoused!.set(housed, (failing = dates.filter((d, i) => !housed![i] && contains(interval!, d))));
      const day = failing[0];
      if (!day) return;
      const homes = timeline.homes(use.term);
      const userVersion = timeline.versionOf(use.user.doc, use.user.version);
      // The homes this reader can lean on: other documents' (any version), and its own version's.
      const own = (h: DefinitionSymbol) => h.home === use.user.doc;
      const relevant = homes.filter((h) => !own(h) || timeline.versionOf(h.home, h.version) === userVersion);
      const byDoc = new Map<string, DefinitionSymbol>();
      for (const h of relevant) if (!byDoc.has(h.home) || !h.version) byDoc.set(h.home, h);
      const status = [...byDoc.values()].map((h) => `${h.home} (${contains(h.inForce, day) ? `whose version in force on ${day} is not certain` : describeInterval(h.inForce)})`);
      const later = homes.find((h) => own(h) && timeline.versionOf(h.home, h.version) !== userVersion && !h.version);
      const defined = status.length ? `defined only in ${status.join(', ')}` : 'defined in no other document';
      const message = timeline.versioned
        ? `${timeline.userContext(use.user, day)}${describeUser(use.user)} uses "${use.term}", ${defined}${later ? `; ${later.home} v${corpus.documents.get(later.home)?.manifest.version ?? '?'} defines it only once it takes effect` : ''}; keep a definition in a document that stays in force`
        : `${describeUser(use.user)} uses "${use.term}", but on ${day} none of its homes is in force (defined only in ${homes.map((h) => h.home).join(', ')}); keep a definition in a document that stays in force`;
      // The home that left force most recently is what an author changed, or must look at.
      const ended = homes.filter((h) => !contains(h.inForce, day)).sort((a, b) => ((a.inForce.until ?? '') < (b.inForce.until ?? '') ? 1 : -1))[0];
      const cause = ended && causeOf(corpus, ended.home, ended.inForce, ended.record.attributes, { file: ended.file, offset: ended.record.offset }, day, `"${use.term}" in ${ended.home}`);
      ctx.report({
        code: 'dangling-definition',
        file: use.file,
        offset: use.offset,
        date: day,
        failing,
        subject: { term: use.term, ...(use.user.kind === 'provision' ? { clause: use.user.id } : {}) },
        ...(cause ? { cause } : {}),
        message,
        related: [
          ...homes.map((h) => ({ file: h.file, offset: h.record.offset, message: `"${h.term}" defined in ${h.home}${h.version ? ` v${h.version.manifest.version ?? '?'}` : ''}, ${describeInterval(h.inForce)}` })),
          ...timeline.windowNotes([use.user.doc, ...homes.map((h) => h.home)], day),
        ],
      });
    };
    for (const use of corpus.uses) check(use);
    for (const use of corpus.history.uses) check(use);
  },
};
