/**
 * The files a document's device matrices add to a build or a redline: for each annex, a workbook, and its annex
 * pages in every requested format (DOCX, PDF). A redline compares each annex with the baseline's annex of the same
 * letter; an annex only one side has is shown wholly inserted or wholly deleted.
 */
import type { Corpus, MatrixRecord } from '../../model/corpus.js';
import type { IsoDate } from '../../model/dates.js';
import { matrixTable, type MatrixTable } from '../../model/matrixTable.js';
import { diffMatrix } from '../../diff/diffMatrix.js';
import type { HouseStyle } from '../../theme/houseStyle.js';
import type { RedlineInfo } from '../../model/document.js';
import { rendererFor } from '../registry.js';
import { matrixDocument } from './matrixDocument.js';

/** The matrices of a document in a corpus (one version's text), by annex letter. */
export function matricesOf(corpus: Corpus, doc: string): Map<string, MatrixRecord> {
  const out = new Map<string, MatrixRecord>();
  for (const f of corpus.documents.get(doc)?.files ?? []) if (f.matrix && !out.has(f.matrix.annex)) out.set(f.matrix.annex, f.matrix);
  return out;
}

export interface MatrixFile {
  annex: string;
  /** `xlsx`, or a renderer's format. */
  format: string;
  name: string;
  bytes: Uint8Array;
  warnings: string[];
  table: MatrixTable;
}

export interface MatrixFilesInput {
  corpus: Corpus;
  doc: string;
  asAt: IsoDate;
  style: HouseStyle;
  sourceDate: Date;
  formats: string[];
  /** Write the workbook too (`--format` includes xlsx). */
  workbook: boolean;
  /** File name before the extension, per annex: `AM-annex-A`. */
  name(annex: string): string;
  /** For a redline: the baseline's text, and who and when. */
  base?: { corpus: Corpus | undefined; info: RedlineInfo };
}

export async function matrixFiles(input: MatrixFilesInput): Promise<MatrixFile[]> {
  const next = matricesOf(input.corpus, input.doc);
  const before = input.base?.corpus ? matricesOf(input.base.corpus, input.doc) : new Map<string, MatrixRecord>();
  const annexes = [...new Set([...next.keys(), ...(input.base ? before.keys() : [])])].sort();
  const symbol = input.corpus.documents.get(input.doc)!;
  const files: MatrixFile[] = [];
  for (const annex of annexes) {
    const table = input.base ? diffMatrix(before.get(annex), next.get(annex)) : matrixTable(next.get(annex)!);
    const name = input.name(annex);
    if (input.workbook) {
      const reference = symbol.manifest.reference ?? input.doc;
      const version = symbol.manifest.version;
      // The workbook library (and its zip and stream libraries) loads only for a build that writes a workbook.
      const { renderXlsx } = await import('./renderXlsx.js');
      const bytes = await renderXlsx(table, {
        title: `${symbol.manifest.shortTitle ?? symbol.manifest.title ?? input.doc} Annex ${annex}`,
        subject: `Annex ${annex} to ${reference}${version ? `, version ${version}` : ''}`,
        author: input.style.theme.organisation,
        sourceDate: input.sourceDate,
        ...(input.base ? { against: input.base.info.baseVersion ? `version ${input.base.info.baseVersion}` : input.base.info.baseLabel } : {}),
      });
      files.push({ annex, format: 'xlsx', name: `${name}.xlsx`, bytes, warnings: [], table });
    }
    const model = matrixDocument({ corpus: input.corpus, doc: input.doc, asAt: input.asAt, style: input.style, sourceDate: input.sourceDate, table, ...(input.base ? { redline: input.base.info } : {}) });
    for (const format of input.formats) {
      const renderer = rendererFor(format);
      if (!renderer) continue;
      const result = await renderer.render(model, { theme: input.style.theme, fileFor: () => undefined });
      files.push({ annex, format, name: `${name}.${renderer.extension}`, bytes: result.bytes, warnings: result.warnings, table });
    }
  }
  return files;
}
