/** The renderers, keyed by format and sorted by name, as Pandoc keeps its writers. Add a format here and nowhere else. */
import { docxRenderer } from './docx/renderDocx.js';
import { pdfRenderer } from './pdf/renderPdf.js';
import type { Renderer } from './renderer.js';

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  docx: docxRenderer,
  pdf: pdfRenderer,
};

// The names live apart from the renderers so that help and option parsing need not load them; a test keeps the two equal.
export { FORMATS, OUTPUT_FORMATS, WORKBOOK } from './formats.js';

export function rendererFor(format: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
}
