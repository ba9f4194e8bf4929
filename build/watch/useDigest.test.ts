import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus } from '../pipeline.js';
import { CorpusDigest, StoredDigest, storedDigestOf, type UseDigest } from './useDigest.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/before-retention');
const AS_AT = '2025-10-17' as IsoDate;

describe('use digest', () => {
  it('names, of an edited file, only the terms whose users changed', async () => {
    const corpus = await loadCorpus(FIXTURE, { workers: 0, asAt: AS_AT });
    const files = corpus.files.map((f) => f.path);
    const digests: Array<[string, () => UseDigest]> = [
      ['in memory', () => new CorpusDigest(corpus)],
      ['stored', () => new StoredDigest(storedDigestOf(corpus, files), files)],
    ];
    // The clause file with the most uses, and a term it uses.
    const counts = new Map<string, number>();
    for (const use of corpus.uses) counts.set(use.file, (counts.get(use.file) ?? 0) + 1);
    const file = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const uses = corpus.uses.filter((u) => u.file === file);
    const term = uses[0]!.term;
    for (const [what, make] of digests) {
      // The same uses again, or in another order and twice over: no term's users changed.
      expect(make().replace(corpus, file, uses), what).toEqual(new Set());
      expect(make().replace(corpus, file, [...uses].reverse().concat(uses)), what).toEqual(new Set());
      // Every use of one term taken out: that term alone.
      expect(make().replace(corpus, file, uses.filter((u) => u.term !== term)), what).toEqual(new Set([term]));
      // A use of a term the file did not use, by one of its clauses: that term alone.
      const other = [...corpus.definitions.keys()].find((t) => !uses.some((u) => u.term === t))!;
      expect(make().replace(corpus, file, [...uses, { ...uses[0]!, term: other }]), what).toEqual(new Set([other]));
      // Replaced twice: the second edit is judged against the first.
      const twice = make();
      twice.replace(corpus, file, []);
      expect(twice.replace(corpus, file, []), what).toEqual(new Set());
      expect(twice.termUsers(corpus, new Set()), what).toEqual(new Map());
    }
  });
});
