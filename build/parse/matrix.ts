/**
 * A device matrix annex (`clauses/<DOC>/annex-<x>.csv`): RFC 4180 CSV, one row per device model. The header
 * names the columns; `variations` lists the document's clauses that apply, separated by `;`. Every cell keeps
 * the offset of its first character so that diagnostics point at the cell.
 */
import type { MatrixCell, MatrixRecord, MatrixRow, OffsetDiagnostic, ReferenceRecord } from '../model/corpus.js';
import { parseReferenceBody } from '../model/ids.js';
import { nearest } from '../model/suggest.js';

export const MATRIX_COLUMNS = ['manufacturer', 'device type', 'model', 'firmware', 'variations'] as const;

/** The annex label a matrix file's name gives: `annex-a.csv`, `annex-a-dmvesm.csv` → `A`. */
export function annexOfPath(path: string): string | undefined {
  const m = /(?:^|\/)annex-([a-z0-9]+)(?:-[^/]*)?\.csv$/i.exec(path);
  return m ? m[1]!.toUpperCase() : undefined;
}

interface RawRow {
  offset: number;
  cells: MatrixCell[];
}

/** Splits CSV text into rows of cells; a quoted cell's offset is that of its first character inside the quotes. */
export function readCsv(text: string, diagnostics: OffsetDiagnostic[]): RawRow[] {
  const rows: RawRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const row: RawRow = { offset: i, cells: [] };
    for (;;) {
      let value = '';
      let offset = i;
      if (text[i] === '"') {
        offset = i + 1;
        i++;
        for (;;) {
          if (i >= text.length) {
            diagnostics.push({ code: 'invalid-matrix', offset: offset - 1, message: 'a quoted cell is never closed (a `"` is missing)' });
            break;
          }
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value += text[i++];
        }
        let stray = -1;
        for (; i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r'; i++) if (text[i] !== ' ' && stray < 0) stray = i;
        if (stray >= 0) diagnostics.push({ code: 'invalid-matrix', offset: stray, message: 'text after a quoted cell\'s closing `"`; quote the whole cell' });
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
      row.cells.push({ text: value, offset });
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    // A blank line separates nothing: it is skipped, as spreadsheet programs do.
    if (!(row.cells.length === 1 && row.cells[0]!.text.trim() === '')) rows.push(row);
  }
  return rows;
}

/** Turns the variations cell into references: `18.17a; 18.17p` or a range `18.17a-18.17d`, local to `doc`. */
function clausesOf(cell: MatrixCell, doc: string, diagnostics: OffsetDiagnostic[]): ReferenceRecord[] {
  const out: ReferenceRecord[] = [];
  let at = 0;
  for (const part of cell.text.split(';')) {
    const lead = part.length - part.trimStart().length;
    const raw = part.trim();
    const offset = cell.offset + at + lead;
    at += part.length + 1;
    if (!raw) continue;
    const target = parseReferenceBody(raw);
    if (!target || target.start === undefined || target.text !== undefined) {
      diagnostics.push({ code: 'invalid-matrix', offset, message: `\`${raw}\` is not a clause number or range of ${doc} (write e.g. \`18.17p\` or \`18.17a-18.17d\`, separated by \`;\`)` });
      continue;
    }
    if (target.doc !== undefined && target.doc !== doc) {
      diagnostics.push({ code: 'invalid-matrix', offset, message: `\`${raw}\` names a clause of ${target.doc}; a matrix of ${doc} names ${doc}'s own clauses` });
      continue;
    }
    out.push({ raw, target, offset });
  }
  return out;
}

export function parseMatrix(text: string, doc: string, path: string, diagnostics: OffsetDiagnostic[]): MatrixRecord | undefined {
  const annex = annexOfPath(path);
  if (annex === undefined) {
    diagnostics.push({ code: 'invalid-matrix', offset: 0, message: `a device matrix file is named annex-<letter>.csv or annex-<letter>-<name>.csv (e.g. annex-a.csv); it is not read` });
    return undefined;
  }
  const rows = readCsv(text, diagnostics);
  const head = rows.shift();
  if (!head) {
    diagnostics.push({ code: 'invalid-matrix', offset: 0, message: `the matrix is empty; its first line names the columns: ${MATRIX_COLUMNS.join(', ')}` });
    return undefined;
  }
  const names = head.cells.map((c) => c.text.trim().toLowerCase());
  const index = (name: string) => names.indexOf(name);
  const missing = MATRIX_COLUMNS.filter((c) => index(c) < 0);
  if (missing.length) {
    // A misspelt column is the usual cause: point at the header cell nearest to a missing name.
    const spare = head.cells.filter((c) => !(MATRIX_COLUMNS as readonly string[]).includes(c.text.trim().toLowerCase()));
    const guesses = missing.map((m) => ({ m, cell: spare.find((c) => nearest(c.text.trim(), [m], 1).length > 0) }));
    const first = guesses.find((g) => g.cell)?.cell;
    const hints = guesses.filter((g) => g.cell).map((g) => `\`${g.m}\` for \`${g.cell!.text.trim()}\``);
    diagnostics.push({
      code: 'invalid-matrix',
      offset: first?.offset ?? head.offset,
      message: `the header has no column ${missing.map((m) => `\`${m}\``).join(', ')} (columns needed: ${MATRIX_COLUMNS.join(', ')}); the matrix is not read${hints.length ? `; did you mean ${hints.join(', ')}?` : ''}`,
    });
    return undefined;
  }
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) diagnostics.push({ code: 'invalid-matrix', offset: head.cells[i]!.offset, message: `column \`${n}\` is named twice` });
  });
  const columns = { manufacturer: index('manufacturer'), deviceType: index('device type'), model: index('model'), firmware: index('firmware'), variations: index('variations') };
  const out: MatrixRow[] = [];
  for (const row of rows) {
    if (row.cells.length !== head.cells.length) {
      diagnostics.push({ code: 'invalid-matrix', offset: row.offset, message: `this row has ${row.cells.length} cells; the header has ${head.cells.length}` });
      continue;
    }
    for (const key of ['manufacturer', 'deviceType', 'model'] as const) {
      const cell = row.cells[columns[key]]!;
      if (!cell.text.trim()) diagnostics.push({ code: 'invalid-matrix', offset: cell.offset, message: `the ${MATRIX_COLUMNS[Object.keys(columns).indexOf(key)]} cell is empty` });
    }
    out.push({ offset: row.offset, cells: row.cells, clauses: clausesOf(row.cells[columns.variations]!, doc, diagnostics) });
  }
  return { annex, header: head.cells, columns, rows: out };
}

/** The identity of a device model: manufacturer, device type, model and firmware, compared without case or outer spaces. */
export function deviceKey(matrix: MatrixRecord, row: MatrixRow): string {
  const { manufacturer, deviceType, model, firmware } = matrix.columns;
  return [manufacturer, deviceType, model, firmware].map((c) => row.cells[c]!.text.trim().toLowerCase().replace(/\s+/g, ' ')).join('\0');
}
