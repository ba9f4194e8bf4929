/** Who a device matrix's references belong to: one reader per row, named for its device model, in force with its document's version. */
import type { Interval, MatrixRecord, MatrixRow, ParsedFile, UserRef, VersionSymbol } from '../model/corpus.js';

/** `AM Annex A (Itron ESME ACE6000 v2.1)`: how a row is named in diagnostics about its variations cell. */
export function matrixRowName(doc: string, matrix: MatrixRecord, row: MatrixRow): string {
  const { manufacturer, deviceType, model, firmware } = matrix.columns;
  const device = [manufacturer, deviceType, model].map((c) => row.cells[c]!.text.trim()).join(' ');
  const fw = row.cells[firmware]!.text.trim();
  return `${doc} Annex ${matrix.annex} (${device}${fw ? ` firmware ${fw}` : ''})`;
}

/** Calls `add` once per row of every matrix file among `files`, with the row's reader. */
export function forEachMatrixRow(doc: string, files: ParsedFile[], inForce: Interval, version: VersionSymbol | undefined, add: (row: MatrixRow, file: ParsedFile, from: UserRef) => void): void {
  for (const file of files) {
    if (!file.matrix) continue;
    for (const row of file.matrix.rows) {
      const id = matrixRowName(doc, file.matrix, row);
      add(row, file, version ? { kind: 'provision', id, doc, version, inForce } : { kind: 'provision', id, doc });
    }
  }
}
