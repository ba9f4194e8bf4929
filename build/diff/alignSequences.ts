/** One pass of jsdiff's diffArrays turned into aligned pairs, shared by every level of the change tree. */
import { diffArrays } from 'diff';

/** [base, next]: both for a match, one side undefined for a removal or an addition. */
export type Pair<T> = [T | undefined, T | undefined];

/**
 * Aligns two sequences by key. With `pairRuns`, a run of removals followed by a run of additions is paired
 * position by position, so a reworded item is diffed word by word instead of shown deleted and re-inserted;
 * `'sameLength'` pairs only runs of equal length (one for one), leaving others as removals and additions.
 */
export function alignSequences<T>(base: readonly T[], next: readonly T[], key: (item: T) => string, options: { pairRuns?: boolean | 'sameLength' } = {}): Array<Pair<T>> {
  const parts = diffArrays(base.map(key), next.map(key));
  const out: Array<Pair<T>> = [];
  let bi = 0;
  let ni = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const count = part.value.length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < count; k++) out.push([base[bi++], next[ni++]]);
    } else if (part.removed && options.pairRuns && parts[p + 1]?.added && (options.pairRuns === true || parts[p + 1]!.value.length === count)) {
      const added = parts[++p]!.value.length;
      for (let k = 0; k < Math.max(count, added); k++) out.push([k < count ? base[bi + k] : undefined, k < added ? next[ni + k] : undefined]);
      bi += count;
      ni += added;
    } else if (part.removed) {
      for (let k = 0; k < count; k++) out.push([base[bi++], undefined]);
    } else {
      for (let k = 0; k < count; k++) out.push([undefined, next[ni++]]);
    }
  }
  return out;
}
