import { contains, datesWhere, describeInterval, type Check } from './context.js';
import type { Corpus, Interval, ReferenceTargetSymbol, ResolvedReference, VersionSymbol } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { Timeline } from './timeline.js';
import { describeUser } from './users.js';

interface TargetInfo {
  /** The target's identity for memoising: its symbol. */
  key: object;
  name: string;
  doc: string;
  inForce: Interval;
  file: string;
  offset: number;
  holds(day: IsoDate, ref: ResolvedReference): boolean;
}

function targetInfo(corpus: Corpus, timeline: Timeline, target: ReferenceTargetSymbol, from: ResolvedReference): TargetInfo | undefined {
  if (target.kind === 'document') {
    const doc = corpus.documents.get(target.doc);
    return doc && { key: doc, name: `document ${target.doc}`, doc: target.doc, inForce: doc.inForce, file: doc.manifestPath, offset: doc.manifest.offset, holds: (d) => timeline.documentInForce(target.doc, d) };
  }
  const p = timeline.provisionFor(target.id, from.from);
  return p && { key: p, name: target.id, doc: p.doc, inForce: p.inForce, file: p.file, offset: p.record.offset, holds: (d, r) => timeline.provisionInForce(p, d, r.from) };
}

/** A reference from something in force to a clause or document that is not in force on that day. */
export const expiredReference: Check = {
  code: 'expired-reference',
  run(ctx) {
    const { corpus, dates, timeline } = ctx;
    // The days a target is not certainly in force, per target and reader (its version, or its document): many
    // references share a target, and the answer does not depend on which clause of the reader makes them.
    const gaps = new Map<object, Map<VersionSymbol | string, Set<IsoDate>>>();
    const gapsOf = (t: TargetInfo, ref: ResolvedReference) => {
      let byReader = gaps.get(t.key);
      if (!byReader) gaps.set(t.key, (byReader = new Map()));
      const reader = ref.from.version ?? ref.from.doc;
      let days = byReader.get(reader);
      if (!days) byReader.set(reader, (days = new Set(dates.filter((d) => !t.holds(d, ref)))));
      return days;
    };
    const check = (ref: ResolvedReference) => {
      if (!ref.targets.length) return;
      const targets = ref.targets.map((t) => targetInfo(corpus, timeline, t, ref)).filter((t) => t !== undefined);
      const missing = targets.map((t) => gapsOf(t, ref));
      const failing = datesWhere(dates, (d) => contains(ref.fromInForce, d) && missing.some((m) => m.has(d)));
      const day = failing[0];
      if (!day) return;
      const gone = targets.filter((t) => !t.holds(day, ref));
      ctx.report({
        code: 'expired-reference',
        file: ref.file,
        offset: ref.record.offset,
        date: day,
        failing,
        subject: { ...(ref.from.kind === 'provision' ? { clause: ref.from.id } : {}), references: [ref.record.raw.trim(), ...gone.map((t) => t.name.replace(/^document /, ''))] },
        message: `${timeline.userContext(ref.from, day)}${describeUser(ref.from)} refers to ${gone.map((t) => t.name).join(' and ')} ([[${ref.record.raw}]]), which is not in force on ${day}`,
        related: [...gone.map((t) => ({ file: t.file, offset: t.offset, message: `${t.name}: ${describeInterval(t.inForce)}` })), ...timeline.windowNotes(gone.map((t) => t.doc), day)],
      });
    };
    for (const ref of corpus.references) check(ref);
    for (const ref of corpus.history.references) check(ref);
  },
};
