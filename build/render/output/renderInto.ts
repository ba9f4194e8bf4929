/**
 * Renders documents in every asked format into one folder, all or nothing: each file is staged and the set renamed
 * into place at the end, so an interrupted run leaves the folder as it was. The clean build and the redline both
 * write through this.
 */
import { join, resolve } from 'node:path';
import { ArgumentError, InputError } from '../../diagnostics/catalogue.js';
import { didYouMean } from '../../model/suggest.js';
import type { RenderDocument } from '../../model/document.js';
import type { Theme } from '../../theme/theme.js';
import { OUTPUT_FORMATS, rendererFor } from '../registry.js';
import { ensureWritableDir } from '../../files/atomicWrite.js';
import { releaseMemory } from './memory.js';
import { StagedFiles } from './staging.js';
import { renderThroughCache, trimRendered } from './renderedFiles.js';

export interface RenderedFile {
  doc: string;
  format: string;
  path: string;
  bytes: number;
  ms: number;
  /** Set for a file of a document's annex (a device matrix), by its letter. */
  annex?: string;
}

/** A file a job makes beside its rendered formats (a device matrix workbook or annex pages). */
export interface ExtraFile {
  name: string;
  format: string;
  bytes: Uint8Array;
  warnings: string[];
  annex?: string;
}

export interface RenderJob {
  doc: string;
  /** The output's name without extension; other jobs' links to this document point at it. */
  stem: string;
  /** Made when its turn comes, so that only one document's model is alive at a time. */
  model(): RenderDocument;
  /** Files written with the job's own, into the same staging (so they too appear all or nothing). */
  extra?(): Promise<ExtraFile[]>;
}

/**
 * The asked formats (all when none is asked), each one regmark writes: a renderer's, or the matrix workbook.
 * `written`: the `--format` value as the user typed it, named in the message.
 */
export function knownFormats(asked: readonly string[], written?: string): string[] {
  const formats = asked.length ? [...asked] : [...OUTPUT_FORMATS];
  const where = written === undefined ? '' : `--format ${written}: `;
  for (const f of formats) if (!OUTPUT_FORMATS.includes(f)) throw new ArgumentError(`${where}unknown format \`${f}\` (known: ${OUTPUT_FORMATS.join(', ')})${didYouMean(f, OUTPUT_FORMATS)}`);
  return formats;
}

/** The `--out` folder, made and proved writable before any work is done. */
export async function writableOut(option: string): Promise<string> {
  const dir = resolve(option);
  try {
    await ensureWritableDir(dir);
  } catch (error) {
    throw new InputError(`--out ${option}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return dir;
}

/**
 * `cacheDir`: where renderers may keep what outlives a build (the PDF renderer's shaped words), and where the files
 * drawn are kept by what they were drawn from (renderedFiles.ts); none without a cache.
 */
export async function renderInto(outDir: string, formats: readonly string[], theme: Theme, jobs: readonly RenderJob[], timings: Record<string, number>, cacheDir?: string): Promise<{ files: RenderedFile[]; warnings: string[] }> {
  const stems = new Map(jobs.map((j) => [j.doc, j.stem]));
  const files: RenderedFile[] = [];
  const warnings: string[] = [];
  const staging = await StagedFiles.open(outDir);
  const used = new Set<string>();
  const stage = async (name: string, bytes: Uint8Array): Promise<string> => {
    try {
      return await staging.write(name, bytes);
    } catch (error) {
      throw new InputError(`${join(outDir, name)}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  try {
    for (const [j, job] of jobs.entries()) {
      const model = job.model();
      for (const [k, format] of formats.entries()) {
        const renderer = rendererFor(format)!;
        const started = performance.now();
        const names = Object.fromEntries([...stems].map(([d, stem]) => [d, `${stem}.${renderer.extension}`]));
        const result = await renderThroughCache(cacheDir, { format, model, theme, files: names }, () => renderer.render(model, { theme, fileFor: (d) => (stems.has(d) ? names[d] : undefined), ...(cacheDir ? { cacheDir } : {}) }));
        if (result.key) used.add(result.key);
        const name = `${job.stem}.${renderer.extension}`;
        const path = await stage(name, result.bytes);
        const ms = performance.now() - started;
        timings[format] = (timings[format] ?? 0) + ms;
        files.push({ doc: job.doc, format, path, bytes: result.bytes.length, ms });
        for (const w of result.warnings) warnings.push(`${name}: ${w}`);
        // Only between files: after the last one the process has nothing left to make room for.
        if (j < jobs.length - 1 || k < formats.length - 1) releaseMemory();
      }
      let started = performance.now();
      for (const f of (await job.extra?.()) ?? []) {
        files.push({ doc: job.doc, format: f.format, path: await stage(f.name, f.bytes), bytes: f.bytes.length, ms: performance.now() - started, ...(f.annex !== undefined ? { annex: f.annex } : {}) });
        for (const w of f.warnings) warnings.push(`${f.name}: ${w}`);
        started = performance.now();
      }
    }
    await staging.commit();
  } finally {
    await staging.abort();
  }
  if (cacheDir && used.size) await trimRendered(cacheDir, used);
  return { files, warnings };
}
