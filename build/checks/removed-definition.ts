import { contains, firstDate, type Check } from './context.js';
import { describeUser } from './users.js';

/**
 * A term that an earlier version defined and that no document defines any more, while working-tree text still
 * uses it. Without the history its uses would silently read as prose.
 */
export const removedDefinition: Check = {
  code: 'removed-definition',
  run(ctx) {
    const { corpus, dates } = ctx;
    const { intervals } = ctx;
    for (const use of corpus.history.removedUses) {
      const interval = intervals.of(use.user);
      const day = interval && firstDate(dates, (d) => contains(interval, d));
      if (!day) continue;
      const old = corpus.history.definitions.get(use.term) ?? [];
      const newest = old.reduce((a, b) => ((b.version?.index ?? 0) > (a.version?.index ?? 0) ? b : a), old[0]!);
      const label = (v = newest.version!) => `${v.doc} v${v.manifest.version ?? '?'}`;
      ctx.report({
        code: 'removed-definition',
        file: use.file,
        offset: use.offset,
        date: day,
        subject: { term: use.term, ...(use.user.kind === 'provision' ? { clause: use.user.id } : {}) },
        message: `${describeUser(use.user)} uses "${use.term}", which ${label()} defined but no document defines any more; restore the definition (or retain it elsewhere) or reword the text`,
        related: old.map((h) => ({ file: h.file, offset: h.record.offset, message: `"${h.term}" as ${label(h.version)} defined it` })),
      });
    }
  },
};
