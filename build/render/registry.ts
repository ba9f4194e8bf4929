/** The renderers, keyed by format and sorted by name, as Pandoc keeps its writers. Add a format here and nowhere else. */
import type { Renderer } from './renderer.js';

/**
 * A renderer whose module loads when it first renders: a PDF build never loads the Word writer (nor a Word build
 * pdfkit and its fonts), and naming a format or its extension loads neither.
 */
function onDemand(format: string, extension: string, description: string, load: () => Promise<Renderer['render']>): Renderer {
  let loading: Promise<Renderer['render']> | undefined;
  return { format, extension, description, render: async (model, context) => (await (loading ??= load()))(model, context) };
}

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  docx: onDemand('docx', 'docx', 'Word document (Office Open XML), via the docx package', async () => (await import('./docx/renderDocx.js')).renderDocx),
  pdf: onDemand('pdf', 'pdf', 'PDF (tagged, fonts embedded), via pdfkit', async () => (await import('./pdf/renderPdf.js')).renderPdf),
};

// The names live apart from the renderers so that help and option parsing need not load them; a test keeps the two equal.
export { FORMATS, OUTPUT_FORMATS, WORKBOOK } from './formats.js';

export function rendererFor(format: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
}
