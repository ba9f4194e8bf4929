import { contains, type Check } from './context.js';
import { annexOfPath } from '../parse/matrix.js';
import type { ParsedFile, ProvisionSymbol, ResolvedReference, VersionSymbol } from '../model/corpus.js';

/**
 * A `kind=variation` clause that no device model names, on a day it is in force: a variation that applies to no
 * device says nothing. Each version is read with its own matrix (an earlier version with the matrix it shipped).
 */
export const unmatchedVariation: Check = {
  code: 'unmatched-variation',
  run(ctx) {
    const { corpus, dates } = ctx;
    const check = (doc: string, version: VersionSymbol | undefined, provisions: ProvisionSymbol[], files: ParsedFile[], references: ResolvedReference[]) => {
      const variations = provisions.filter((p) => p.record.kind === 'clause' && p.record.attributes.kind === 'variation');
      if (!variations.length) return;
      // An annex matrix that could not be read names nobody: its invalid-matrix error is the cause, and every
      // variation reported as unmatched besides would only bury it. A CSV not named for an annex is no matrix at all.
      if (files.some((f) => f.role === 'matrix' && !f.matrix && annexOfPath(f.path) !== undefined)) return;
      const matrices = files.filter((f) => f.role === 'matrix' && f.matrix);
      const paths = new Set(matrices.map((f) => f.path));
      // A row names a range of the document's provisions, which come in document order: each range is marked at
      // its ends and the marks summed in one pass, however many rows name long ranges.
      const byOrder = [...provisions].sort((a, b) => a.order - b.order);
      const indexOf = new Map(byOrder.map((p, i) => [p.id, i]));
      const marks = new Int32Array(byOrder.length + 1);
      if (paths.size) {
        for (const ref of references) {
          if (!paths.has(ref.file)) continue;
          const [a, b] = ref.targets;
          if (a?.kind !== 'provision') continue;
          const lo = indexOf.get(a.id);
          const hi = b?.kind === 'provision' ? indexOf.get(b.id) : lo;
          if (lo === undefined || hi === undefined || lo > hi) continue;
          marks[lo]!++;
          marks[hi + 1]!--;
        }
      }
      const named = new Set<string>();
      for (let i = 0, depth = 0; i < byOrder.length; i++) if ((depth += marks[i]!) > 0) named.add(byOrder[i]!.id);
      const where = matrices.length ? `the device matrix (${matrices.map((m) => m.path.split('/').pop()).join(', ')})` : `a device matrix (clauses/${doc}/annex-a.csv, which ${doc} does not have)`;
      for (const v of variations) {
        if (named.has(v.id)) continue;
        const day = dates.find((d) => contains(v.inForce, d));
        if (!day) continue;
        ctx.report({
          code: 'unmatched-variation',
          file: v.file,
          offset: v.record.offset,
          date: day,
          subject: { clause: v.id },
          message: `${version ? `${doc} v${version.manifest.version ?? '?'}: ` : ''}${v.id} is a variation, but no device model in ${where} names it; add a row for each device it applies to, or list it in an existing row's variations`,
        });
      }
    };
    const byDoc = new Map<string, ProvisionSymbol[]>();
    for (const p of corpus.provisions.values()) (byDoc.get(p.doc) ?? byDoc.set(p.doc, []).get(p.doc)!).push(p);
    for (const doc of corpus.documents.values()) {
      check(doc.code, undefined, byDoc.get(doc.code) ?? [], doc.files, corpus.references);
      for (const v of doc.versions) {
        if (v.ref === undefined) continue;
        const provisions = corpus.history.provisions.filter((p) => p.version === v);
        if (provisions.length) check(doc.code, v, provisions, v.files, corpus.history.references.filter((r) => r.from.version === v));
      }
    }
  },
};
