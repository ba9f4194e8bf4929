/**
 * Column widths for a table, as a browser's automatic table layout would choose them, from character counts (so
 * both renderers size columns alike, without measuring fonts): every column gets room for its longest word, and
 * what is left goes to the columns that want more room to keep their text on fewer lines.
 */
import { inlineText } from '../../model/inlineText.js';
import type { TableBlock } from '../../model/document.js';

/**
 * Fractions of the table width, summing to 1. `charsPerLine` is how many average characters fit across the whole
 * table at its font size.
 */
export function columnFractions(table: TableBlock, charsPerLine: number): number[] {
  const columns = table.header.length;
  if (columns === 0) return [];
  const rows = [table.header, ...table.rows];
  const min: number[] = [];
  const natural: number[] = [];
  for (let c = 0; c < columns; c++) {
    let longestWord = 0;
    let longestCell = 0;
    for (const row of rows) {
      const text = inlineText(row[c]?.content ?? []);
      longestCell = Math.max(longestCell, text.length);
      for (const word of text.split(/\s+/)) longestWord = Math.max(longestWord, word.length);
    }
    // Three characters of room stand for the cell's padding and bold headings.
    min.push((Math.min(longestWord, charsPerLine / columns) + 3) / charsPerLine);
    natural.push((longestCell + 3) / charsPerLine);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= 1) return natural.map((n) => n / sum(natural));
  if (sum(min) >= 1) return min.map((m) => m / sum(min));
  const slack = 1 - sum(min);
  const wants = natural.map((n, i) => n - min[i]!);
  const totalWant = sum(wants);
  return min.map((m, i) => m + (totalWant > 0 ? (slack * wants[i]!) / totalWant : slack / columns));
}

/** Characters across a width at a font size, counting generously (0.6 em each) so short codes and digits fit. */
export function charsAcross(widthPoints: number, fontSize: number): number {
  return widthPoints / (fontSize * 0.6);
}
