import { causeOf, contains, describeInterval, type Check } from './context.js';
import type { DocumentSymbol, Interval, ProvisionSymbol, ReferenceTargetSymbol, ResolvedReference } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { describeUser } from './users.js';

const NONE: IsoDate[] = [];

/** A target not in force on the day, as the message and its notes describe it. */
interface Gone {
  name: string;
  doc: string;
  inForce: Interval;
  file: string;
  offset: number;
  own: Record<string, string> | undefined;
}

/** A reference from something in force to a clause or document that is not in force on that day. */
export const expiredReference: Check = {
  code: 'expired-reference',
  occurrences: true,
  run(ctx) {
    const { corpus, dates, timeline } = ctx;
    // The days a target is not certainly in force, per target and reader (its version, or its document): many
    // references share a target, and the answer does not depend on which clause of the reader makes them.
    // The days a target is not certainly in force. A clause of the reader's own text, or of a document with one
    // version, is in force exactly in its window, and clauses share a few windows. Another document's clause with
    // versions is judged across them, whoever reads it: one answer per ID. A whole document: one per code.
    const byWindow = new Map<Interval, IsoDate[]>();
    const byId = new Map<string, IsoDate[]>();
    const memo = <K>(map: Map<K, IsoDate[]>, key: K, holds: (d: IsoDate) => boolean) => {
      let days = map.get(key);
      if (!days) {
        days = dates.filter((d) => !holds(d));
        map.set(key, days.length ? days : NONE);
      }
      return days;
    };
    const gapsOf = (symbol: DocumentSymbol | ProvisionSymbol, ref: ResolvedReference): IsoDate[] => {
      if ('code' in symbol) return memo(byId, symbol.code, (d) => timeline.documentInForce(symbol.code, d));
      if (symbol.doc === ref.from.doc || corpus.documents.get(symbol.doc)?.versions.length === 1) return memo(byWindow, symbol.inForce, (d) => contains(symbol.inForce, d));
      return memo(byId, symbol.id, (d) => timeline.provisionInForce(symbol, d, ref.from));
    };
    const symbolOf = (target: ReferenceTargetSymbol, ref: ResolvedReference) => (target.kind === 'document' ? corpus.documents.get(target.doc) : timeline.provisionFor(target.id, ref.from));
    const check = (ref: ResolvedReference) => {
      // A consultation paper discusses provisions that are leaving force; it is not in force itself.
      if (ref.from.kind === 'paper') return;
      let missing: IsoDate[][] | undefined;
      for (const target of ref.targets) {
        const symbol = symbolOf(target, ref);
        const days = symbol ? gapsOf(symbol, ref) : NONE;
        if (days.length) (missing ??= []).push(days);
      }
      if (!missing) return;
      const failing = dates.filter((d) => contains(ref.fromInForce, d) && missing!.some((m) => m.includes(d)));
      const day = failing[0];
      if (!day) return;
      const gone = ref.targets.flatMap((target): Gone[] => {
        const symbol = symbolOf(target, ref);
        if (!symbol || !gapsOf(symbol, ref).includes(day)) return [];
        return 'code' in symbol
          ? [{ name: `document ${symbol.code}`, doc: symbol.code, inForce: symbol.inForce, file: symbol.manifestPath, offset: symbol.manifest.offset, own: undefined }]
          : [{ name: symbol.id, doc: symbol.doc, inForce: symbol.inForce, file: symbol.file, offset: symbol.record.offset, own: symbol.record.attributes }];
      });
      const first = gone[0];
      const cause = first && causeOf(corpus, first.doc, first.inForce, first.own, first, day, first.name);
      ctx.report({
        code: 'expired-reference',
        file: ref.file,
        offset: ref.record.offset,
        date: day,
        failing,
        ...(cause ? { cause } : {}),
        subject: { ...(ref.from.kind === 'provision' ? { clause: ref.from.id } : {}), references: [ref.record.raw.trim(), ...gone.map((t) => t.name.replace(/^document /, ''))] },
        message: `${timeline.userContext(ref.from, day)}${describeUser(ref.from)} refers to ${gone.map((t) => t.name).join(' and ')} ([[${ref.record.raw}]]), which ${gone.length > 1 ? 'are' : 'is'} not in force on ${day}; retain ${gone.length > 1 ? 'them' : 'it'} into a document that stays in force, cite a provision that does, or accept the risk until a later version (\`accepted:\`)`,
        related: [...gone.map((t) => ({ file: t.file, offset: t.offset, message: `${t.name}: ${describeInterval(t.inForce)}` })), ...timeline.windowNotes(gone.map((t) => t.doc), day)],
      });
    };
    // A consultation cites the code as it is and as proposed; only whether its citations resolve is checked.
    for (const ref of corpus.references) if (!corpus.consultations.has(ref.from.doc)) check(ref);
    for (const ref of corpus.history.references) check(ref);
  },
};
