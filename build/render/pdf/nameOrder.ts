/**
 * The order of a PDF's named destinations. pdfkit sorts a name tree's keys with localeCompare: the order then rests on
 * the collation data of the Node that drew the file, so the same sources could give other bytes on another machine;
 * it is not the order a name tree's keys are to be in (by their bytes, ISO 32000-1, 7.9.6), which a reader may search
 * the tree by; and it took some 15–25 ms of each PDF. Anchors (anchors.ts) are ASCII, so their UTF-16 code units
 * are their bytes.
 */

interface NameTree {
  _compareKeys(a: string, b: string): number;
}

/** The parts of pdfkit's document this reaches into (pdfkit exposes no option for the order). */
export interface WithNameTree {
  _root: { data: { Names: { data: { Dests: NameTree } } } };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `doc`'s named destinations by code unit. */
export function destinationsInByteOrder(doc: WithNameTree): void {
  doc._root.data.Names.data.Dests._compareKeys = byCodeUnits;
}
