/**
 * The PDF renderer alone (render model → PDF bytes: page layout, tagging, drawing, fonts, compression), each run
 * in a new process as a build's one render runs, on the largest document of each generated corpus — next to pdfkit
 * on its own setting the same words in the same fonts, run the same way and alternated with it (pdfRenderOnce.ts).
 * The ratio is the figure to compare between runs; the times move with the machine's load.
 *
 *   node dist/bench/pdfRenderBench.js [--out .bench] [--runs 3] [--sizes S,L]
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus, type SizeName } from './generateCorpus.js';
import { median } from './buildBench.js';
import { largestDocument, standaloneOptions, type Figure } from './processBench.js';
import type { PdfRenderOnceResult } from './pdfRenderOnce.js';

const SCRIPT = fileURLToPath(new URL('./pdfRenderOnce.js', import.meta.url));

function renderOnce(root: string, doc: string, mode: 'regmark' | 'pdfkit'): PdfRenderOnceResult {
  const out = execFileSync(process.execPath, [SCRIPT, root, doc, '--mode', mode], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PdfRenderOnceResult;
}

export async function benchPdfRender(options: { outDir: string; sizes: SizeName[]; runs?: number; log?: (line: string) => void }): Promise<Figure[]> {
  const runs = options.runs ?? 3;
  const figures: Figure[] = [];
  for (const size of options.sizes) {
    const corpus = generateCorpus(size, join(options.outDir, `corpus-${size}`));
    const root = corpus.root;
    const doc = largestDocument(root, corpus.files);
    options.log?.(`${size}: the PDF renderer alone on ${doc}, against pdfkit setting the same words`);
    // One unmeasured run of each, then baseline and subject alternately.
    renderOnce(root, doc, 'regmark');
    renderOnce(root, doc, 'pdfkit');
    const subject: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(renderOnce(root, doc, 'pdfkit').ms);
      subject.push(renderOnce(root, doc, 'regmark').ms);
    }
    const ms = median(subject);
    const base = median(baseline);
    figures.push({
      name: `${size}: PDF renderer alone, ${doc} (render model → tagged PDF, new process)`,
      ms,
      runs: subject,
      baseline: { name: `pdfkit alone setting ${doc}'s words, same fonts, untagged`, ms: base, runs: baseline },
      ratio: ms / base,
    });
  }
  return figures;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

export function formatPdfRenderBench(figures: Figure[]): string {
  return figures
    .map((f) => `  ${f.name}\n    ${ms(f.ms)} against ${ms(f.baseline!.ms)} for ${f.baseline!.name}: ${f.ratio!.toFixed(2)}× (runs ${f.runs.map((r) => r.toFixed(0)).join(', ')} / ${f.baseline!.runs.map((r) => r.toFixed(0)).join(', ')} ms)`)
    .join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(formatPdfRenderBench(await benchPdfRender(standaloneOptions(process.argv.slice(2)))));
}
