/**
 * A device matrix → an Excel workbook (exceljs): one sheet of device models with a header row, frozen panes and
 * filters; in a redline, changed cells and rows highlighted, a Change column, and a "Changes" sheet listing each
 * change. exceljs stamps its zip entries with the clock, so the package is rewritten with the build's source date:
 * the same sources give the same bytes.
 */
import ExcelJS from 'exceljs';
import type { MatrixTable } from '../../model/matrixTable.js';
import { readZip, writeZip } from '../output/zip.js';

export interface WorkbookInfo {
  /** "S1SR Annex A": the sheet's title line and the workbook's title. */
  title: string;
  /** "SEC Appendix AM, version 17.0". */
  subject: string;
  author: string;
  sourceDate: Date;
  /** Redlines: what the changes are against ("version 16.0"). */
  against?: string;
}

const FILL = {
  header: 'FFD9E2F3',
  inserted: 'FFC6EFCE',
  deleted: 'FFFFC7CE',
  changed: 'FFFFEB9C',
} as const;

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** A1-style column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Sheet names may not hold `[]:*?/\` and are at most 31 characters. */
function sheetName(annex: string): string {
  return `Annex ${annex}`.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

export async function renderXlsx(table: MatrixTable, info: WorkbookInfo): Promise<Uint8Array> {
  const redline = table.changes !== undefined;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = info.author;
  workbook.lastModifiedBy = info.author;
  workbook.title = info.title;
  workbook.subject = info.subject;
  workbook.created = info.sourceDate;
  workbook.modified = info.sourceDate;

  const names = [...table.columns.map((c) => c.name), ...(redline ? ['Change'] : [])];
  const sheet = workbook.addWorksheet(sheetName(table.annex), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
  sheet.columns = names.map((name, i) => ({
    header: name,
    key: `c${i}`,
    width: Math.min(60, Math.max(12, name.length + 2, ...table.rows.map((r) => (r.cells[i]?.text.length ?? 0) + 2))),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    const change = table.columns[col - 1]?.change;
    cell.fill = solid(change === 'inserted' ? FILL.inserted : change === 'deleted' ? FILL.deleted : FILL.header);
    if (change === 'deleted') cell.font = { bold: true, strike: true };
  });
  table.rows.forEach((r) => {
    const row = sheet.addRow([...r.cells.map((c) => c.text), ...(redline ? [r.change ? r.change[0]!.toUpperCase() + r.change.slice(1) : ''] : [])]);
    if (r.change === 'inserted' || r.change === 'deleted') {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = solid(FILL[r.change as 'inserted' | 'deleted']);
        if (r.change === 'deleted') cell.font = { strike: true };
      });
    }
    r.cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.was !== undefined) cell.fill = solid(FILL.changed);
      else if (r.change !== 'inserted' && r.change !== 'deleted') {
        const change = table.columns[i]?.change;
        if (change) cell.fill = solid(FILL[change]);
      }
    });
  });
  const last = `${columnLetter(names.length - 1)}${table.rows.length + 1}`;
  sheet.autoFilter = `A1:${last}`;

  if (redline) {
    const changes = workbook.addWorksheet('Changes', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
    changes.columns = [
      { header: 'Change', key: 'kind', width: 16 },
      { header: 'Device model', key: 'device', width: 44 },
      { header: 'Column', key: 'column', width: 16 },
      { header: 'Before', key: 'before', width: 36 },
      { header: 'After', key: 'after', width: 36 },
      { header: 'Cell', key: 'cell', width: 10 },
    ];
    changes.getRow(1).font = { bold: true };
    changes.getRow(1).eachCell((cell) => (cell.fill = solid(FILL.header)));
    for (const c of table.changes!) {
      const at = c.row < 0 ? `${columnLetter(c.col ?? 0)}1` : c.col === undefined ? `A${c.row + 2}:${columnLetter(names.length - 1)}${c.row + 2}` : `${columnLetter(c.col)}${c.row + 2}`;
      changes.addRow([c.kind[0]!.toUpperCase() + c.kind.slice(1), c.device, c.column ?? '', c.before ?? '', c.after ?? '', at]);
    }
    changes.autoFilter = `A1:F${table.changes!.length + 1}`;
    if (!table.changes!.length) changes.addRow([`No changes against ${info.against ?? 'the baseline'}`]);
  }

  const packed = new Uint8Array(await workbook.xlsx.writeBuffer());
  // The parts stay as exceljs wrote them but for the order of font properties (below); their times become the source date.
  return writeZip(
    readZip(packed).map(({ name, data }) => ({ name, data: name === 'xl/styles.xml' ? new TextEncoder().encode(orderFontProperties(new TextDecoder().decode(data))) : data })),
    info.sourceDate,
  );
}

/** CT_Font's children in the order the SpreadsheetML schema requires. */
const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];

/**
 * exceljs writes its default font's properties as color, family, scheme, sz, name, which Excel and LibreOffice
 * accept but the schema (and so the Open XML SDK) rejects; the properties are put in schema order, nothing else
 * changes.
 */
export function orderFontProperties(xml: string): string {
  return xml.replace(/<font>((?:<[A-Za-z]+(?:\s[^<>]*)?\/>)*)<\/font>/g, (_all, inner: string) => {
    const parts = inner.match(/<[A-Za-z]+(?:\s[^<>]*)?\/>/g) ?? [];
    const rank = (p: string) => {
      const i = FONT_ORDER.indexOf(/^<([A-Za-z]+)/.exec(p)![1]!);
      return i < 0 ? FONT_ORDER.length : i;
    };
    return `<font>${[...parts].sort((a, b) => rank(a) - rank(b)).join('')}</font>`;
  });
}
