/**
 * A device matrix as its outputs show it: columns by name, rows of cell texts, and — in a redline — how each row
 * and cell changed against the baseline. The workbook writer and the annex pages read this one shape.
 */
import type { MatrixRecord } from './corpus.js';

export type MatrixRowChange = 'inserted' | 'deleted' | 'changed';

export interface MatrixTableCell {
  text: string;
  /** Redlines: the baseline's text of a cell that changed (absent when unchanged, or when the whole row is new or gone). */
  was?: string;
}

export interface MatrixTableRow {
  /** Manufacturer, device type, model and firmware, for lists of changes: "Itron ESME ACE9000 SMETS1 03.70". */
  device: string;
  cells: MatrixTableCell[];
  change?: MatrixRowChange;
}

export interface MatrixColumn {
  name: string;
  /** Redlines: a column only one side has. */
  change?: 'inserted' | 'deleted';
}

export interface MatrixChange {
  kind: 'row inserted' | 'row deleted' | 'cell changed' | 'column inserted' | 'column deleted';
  device: string;
  column?: string;
  before?: string;
  after?: string;
  /** Position in the table (0-based body row, column): where the change is marked. */
  row: number;
  col?: number;
}

export interface MatrixTable {
  annex: string;
  columns: MatrixColumn[];
  rows: MatrixTableRow[];
  /** Present in a redline (empty when nothing changed). */
  changes?: MatrixChange[];
}

/** The header as written, cells trimmed: `Device Type` stays as the author capitalised it. */
export function columnNames(record: MatrixRecord): string[] {
  return record.header.map((c) => c.text.trim());
}

export function deviceLabel(record: MatrixRecord, cells: string[]): string {
  const { manufacturer, deviceType, model, firmware } = record.columns;
  return [manufacturer, deviceType, model, firmware].map((i) => cells[i]!.trim()).filter(Boolean).join(' ');
}

/** The clean table of one matrix. */
export function matrixTable(record: MatrixRecord): MatrixTable {
  return {
    annex: record.annex,
    columns: columnNames(record).map((name) => ({ name })),
    rows: record.rows.map((r) => {
      const cells = r.cells.map((c) => c.text.trim());
      return { device: deviceLabel(record, cells), cells: cells.map((text) => ({ text })) };
    }),
  };
}
