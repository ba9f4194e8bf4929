/**
 * The PDF renderer alone, in a fresh process: the corpus is read and the document's render model built first
 * (untimed), then one render is timed, as a build's single render would run — cold, in a new process. Prints one
 * JSON object: the render's wall time and CPU time, and the PDF's size.
 *
 * `--mode pdfkit` times the baseline instead: pdfkit on its own setting the same words (each block's text, in the
 * same DejaVu fonts, flowed and wrapped by pdfkit, untagged, no outline or links). The ratio of the two says what
 * regmark's page layout and tagging cost over drawing the same text; both move together with the machine's load.
 *
 *   node dist/bench/pdfRenderOnce.js <root> <doc> [--as-at YYYY-MM-DD] [--mode regmark|pdfkit]
 */
import PDFDocument from 'pdfkit';
import { corpusAt, loadCorpus } from '../pipeline.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import { flattenBlock } from '../render/layout/layoutDocument.js';
import { inlineText } from '../model/inlineText.js';
import { renderPdf } from '../render/pdf/renderPdf.js';
import { fontFiles } from '../render/pdf/fonts.js';
import { houseStyleFor } from '../theme/houseStyle.js';
import type { IsoDate } from '../model/dates.js';
import type { Block, RenderDocument } from '../model/document.js';
import type { Theme } from '../theme/theme.js';
import { BENCH_AS_AT } from './generateCorpus.js';

export interface PdfRenderOnceResult {
  mode: 'regmark' | 'pdfkit';
  ms: number;
  cpuMs: number;
  bytes: number;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** pdfkit's own text flow of the model's words: headings in bold, everything else as plain paragraphs. */
function pdfkitAlone(model: RenderDocument, theme: Theme): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', compress: true, margins: { top: 72, bottom: 72, left: 72, right: 72 } });
  const fonts = fontFiles(theme.fonts.pdf);
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const body = (blocks: readonly Block[]): void => {
    for (const block of blocks) {
      if (block.kind === 'section') {
        doc.font('bold').fontSize(theme.sizes.heading1).text(`${block.number} ${block.titleText}`);
        body(block.children);
      } else doc.font('regular').fontSize(theme.sizes.body).text(inlineText(flattenBlock(block)), { paragraphGap: 4 });
    }
  };
  body(model.body);
  doc.end();
  return done;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [root, code] = args;
  const mode = option(args, '--mode') ?? 'regmark';
  if (!root || !code || (mode !== 'regmark' && mode !== 'pdfkit')) {
    console.error('usage: node dist/bench/pdfRenderOnce.js <root> <doc> [--as-at YYYY-MM-DD] [--mode regmark|pdfkit]');
    process.exit(2);
  }
  const asAt = (option(args, '--as-at') ?? BENCH_AS_AT) as IsoDate;
  const corpus = corpusAt(await loadCorpus(root, { workers: 0 }), asAt);
  const style = houseStyleFor(root, undefined);
  const model = buildRenderModel({ corpus, doc: code, asAt, style, linkable: new Set([code]), sourceDate: new Date(0) });
  const cpu = process.cpuUsage();
  const t = performance.now();
  const bytes = mode === 'regmark' ? (await renderPdf(model, { theme: style.theme, fileFor: () => undefined })).bytes : await pdfkitAlone(model, style.theme);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const result: PdfRenderOnceResult = { mode, ms, cpuMs: (used.user + used.system) / 1000, bytes: bytes.length };
  console.log(JSON.stringify(result));
}

await main();
