import { contains, describeInterval, firstDate, type Check } from './context.js';
import type { Corpus, Interval, ReferenceTargetSymbol } from '../model/corpus.js';
import { describeUser } from './users.js';

function targetInfo(corpus: Corpus, target: ReferenceTargetSymbol): { name: string; inForce: Interval; file: string; offset: number } | undefined {
  if (target.kind === 'document') {
    const doc = corpus.documents.get(target.doc);
    return doc && { name: `document ${target.doc}`, inForce: doc.inForce, file: doc.manifestPath, offset: doc.manifest.offset };
  }
  const p = corpus.provisions.get(target.id);
  return p && { name: target.id, inForce: p.inForce, file: p.file, offset: p.record.offset };
}

/** A reference from something in force to a clause or document that is not in force on that day. */
export const expiredReference: Check = {
  code: 'expired-reference',
  run(ctx) {
    const { corpus, dates } = ctx;
    for (const ref of corpus.references) {
      if (!ref.targets.length) continue;
      const targets = ref.targets.map((t) => targetInfo(corpus, t)).filter((t) => t !== undefined);
      const day = firstDate(dates, (d) => contains(ref.fromInForce, d) && targets.some((t) => !contains(t.inForce, d)));
      if (!day) continue;
      const gone = targets.filter((t) => !contains(t.inForce, day));
      ctx.report({
        code: 'expired-reference',
        file: ref.file,
        offset: ref.record.offset,
        date: day,
        message: `${describeUser(ref.from)} refers to ${gone.map((t) => t.name).join(' and ')} ([[${ref.record.raw}]]), which is not in force on ${day}`,
        related: gone.map((t) => ({ file: t.file, offset: t.offset, message: `${t.name}: ${describeInterval(t.inForce)}` })),
      });
    }
  },
};
