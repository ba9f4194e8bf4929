/** "Did you mean …": the known names closest to a misspelt one (attributes, clause numbers, terms, document codes). */

/** Edit distance with transpositions (optimal string alignment), compared without case. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) rows.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[s.length]![t.length]!;
}

/**
 * The candidates nearest to `input`: those within a small distance (a quarter of its length, at least 1, at most 3),
 * closest first, at most `limit`. Names that differ only in case come first.
 */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const budget = Math.min(3, Math.max(1, Math.floor(input.length / 4)));
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    if (c === input || Math.abs(c.length - input.length) > budget) continue;
    const d = editDistance(input, c);
    if (d <= budget) scored.push([c, d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([c]) => c);
}

/** "; did you mean `from`?" or "" — for the end of a message. */
export function didYouMean(input: string, candidates: Iterable<string>, quote: (s: string) => string = (s) => `\`${s}\``): string {
  const near = nearest(input, candidates);
  return near.length ? `; did you mean ${near.map(quote).join(', ')}?` : '';
}
