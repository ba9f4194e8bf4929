/**
 * Two versions of a device matrix → one table with every change marked. Rows are aligned by device model
 * (manufacturer, device type, model, firmware, as duplicate-device compares them), columns by name; a row that
 * the new version drops stays in the table, marked deleted, where the baseline had it.
 */
import type { MatrixRecord, MatrixRow } from '../model/corpus.js';
import { columnNames, deviceLabel, matrixTable, type MatrixChange, type MatrixColumn, type MatrixTable, type MatrixTableRow } from '../model/matrixTable.js';
import { deviceKey } from '../parse/matrix.js';

const normal = (name: string) => name.trim().toLowerCase();

export function diffMatrix(base: MatrixRecord | undefined, next: MatrixRecord | undefined): MatrixTable {
  if (!next && !base) throw new Error('diffMatrix: neither side has a matrix');
  if (!base) {
    const table = matrixTable(next!);
    table.rows.forEach((r) => (r.change = 'inserted'));
    table.changes = table.rows.map((r, row) => ({ kind: 'row inserted', device: r.device, row }));
    return table;
  }
  const nextNames = next ? columnNames(next) : [];
  const baseNames = columnNames(base);
  const columns: MatrixColumn[] = nextNames.map((name) => ({ name, ...(baseNames.some((b) => normal(b) === normal(name)) ? {} : { change: 'inserted' as const }) }));
  for (const name of baseNames) if (!nextNames.some((n) => normal(n) === normal(name))) columns.push({ name, change: 'deleted' });
  const index = (record: MatrixRecord, names: string[]) => columns.map((c) => names.findIndex((n) => normal(n) === normal(c.name))).map((i) => (i < 0 ? undefined : i));
  const nextAt = next ? index(next, nextNames) : [];
  const baseAt = index(base, baseNames);
  const texts = (row: MatrixRow, at: Array<number | undefined>) => at.map((i) => (i === undefined ? '' : row.cells[i]!.text.trim()));

  const baseKeys = new Map<string, number>();
  base.rows.forEach((r, i) => baseKeys.has(deviceKey(base, r)) || baseKeys.set(deviceKey(base, r), i));
  const rows: MatrixTableRow[] = [];
  const emitted = new Set<number>();
  const deleted = (i: number) => {
    const cells = texts(base.rows[i]!, baseAt);
    rows.push({ device: deviceLabel(base, base.rows[i]!.cells.map((c) => c.text)), cells: cells.map((text) => ({ text })), change: 'deleted' });
    emitted.add(i);
  };
  for (const row of next?.rows ?? []) {
    const match = baseKeys.get(deviceKey(next!, row));
    const device = deviceLabel(next!, row.cells.map((c) => c.text));
    const now = texts(row, nextAt);
    if (match === undefined || emitted.has(match)) {
      rows.push({ device, cells: now.map((text) => ({ text })), change: 'inserted' });
      continue;
    }
    for (let i = 0; i < match; i++) if (!emitted.has(i) && !matchedLater(i)) deleted(i);
    emitted.add(match);
    const was = texts(base.rows[match]!, baseAt);
    const cells = now.map((text, c) => (text === was[c] || columns[c]!.change ? { text } : { text, was: was[c]! }));
    rows.push({ device, cells, ...(cells.some((c) => c.was !== undefined) ? { change: 'changed' as const } : {}) });
    // Rows the baseline had right after this one and the new version drops stay right after it.
    for (let i = match + 1; i < base.rows.length && !emitted.has(i) && !matchedLater(i); i++) deleted(i);
  }
  for (let i = 0; i < base.rows.length; i++) if (!emitted.has(i) && !matchedLater(i)) deleted(i);

  function matchedLater(i: number): boolean {
    const key = deviceKey(base!, base!.rows[i]!);
    return baseKeys.get(key) === i && (next?.rows ?? []).some((r) => deviceKey(next!, r) === key);
  }

  const changes: MatrixChange[] = [];
  columns.forEach((c, col) => c.change && changes.push({ kind: c.change === 'inserted' ? 'column inserted' : 'column deleted', device: '', column: c.name, row: -1, col }));
  rows.forEach((r, row) => {
    if (r.change === 'inserted' || r.change === 'deleted') changes.push({ kind: r.change === 'inserted' ? 'row inserted' : 'row deleted', device: r.device, row });
    else r.cells.forEach((cell, col) => cell.was !== undefined && changes.push({ kind: 'cell changed', device: r.device, column: columns[col]!.name, before: cell.was, after: cell.text, row, col }));
  });
  return { annex: (next ?? base).annex, columns, rows, changes };
}
