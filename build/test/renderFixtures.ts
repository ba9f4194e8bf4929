/**
 * The builds the renderer tests read back, in one format: the before-retention fixture (four SEC-like documents with
 * cross-document references and footnotes) and the render-edge fixture (every kind of content).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../model/dates.js';
import { buildDocuments, type BuildReport } from '../commands/build.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import type { RenderDocument } from '../model/document.js';

export const REPO = join(import.meta.dirname, '../..');
export const EDGE = join(REPO, 'build/test/fixtures/render-edge');
export const SEC = join(REPO, 'build/test/fixtures/before-retention');
export const SOURCE_DATE = new Date(Date.UTC(2025, 0, 2, 3, 4, 6));
export const AS_AT = '2025-06-01' as IsoDate;

export interface FixtureBuilds {
  out: string;
  /** The before-retention fixture's build. */
  example: BuildReport;
  edge: BuildReport;
  /** Every written file. */
  files: string[];
  /** The render model of each built document, to compare outputs against. */
  models: Map<string, RenderDocument>;
}

export async function buildFixtures(format: 'docx' | 'pdf'): Promise<FixtureBuilds> {
  const out = mkdtempSync(join(tmpdir(), `regmark-${format}-`));
  const build = (root: string, dir: string) => buildDocuments({ root, docs: [], asAt: AS_AT, formats: [format], outDir: join(out, dir), sourceDate: SOURCE_DATE, workers: 0 });
  const example = await build(SEC, 'example');
  const edge = await build(EDGE, 'edge');
  const files: string[] = [];
  const models = new Map<string, RenderDocument>();
  for (const report of [example, edge]) {
    // A device matrix's annex pages are read back by their own tests (render/matrix).
    for (const f of report.files.filter((x) => !x.annex)) {
      files.push(f.path);
      models.set(f.doc, buildRenderModel({ corpus: report.corpus, doc: f.doc, asAt: AS_AT, style: report.style, linkable: new Set(report.files.map((x) => x.doc)), sourceDate: SOURCE_DATE }));
    }
  }
  return { out, example, edge, files, models };
}
