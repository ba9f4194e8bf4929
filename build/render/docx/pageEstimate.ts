/**
 * Page numbers for the DOCX table of contents, worked out before Word ever opens the file: the document is laid out
 * by the same page layout as the PDF, measured with Helvetica's metrics — the widths Arial (the default DOCX font)
 * was drawn to match — at the DOCX page size, margins and spacing. Word recomputes them when the field is updated;
 * until then the contents read as the pages fall, give or take a line. A redline estimates each side on its own (the
 * new version and the baseline, clean), so its tracked contents accept and reject to each version's numbers.
 */
import PDFDocument from 'pdfkit';
import { layoutDocument } from '../layout/layoutDocument.js';
import type { RenderDocument } from '../../model/document.js';
import { pdfkitMeasurer } from '../pdf/fonts.js';
import type { Theme } from '../../theme/theme.js';
import type { Measurer } from '../layout/lines.js';

const HELVETICA = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', mono: 'Courier' } as const;
const TIMES = { regular: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic', boldItalic: 'Times-BoldItalic', mono: 'Courier' } as const;

/** Measurers are kept for the process: the metrics never change, and their width caches keep paying. */
const measurers = new Map<string, Measurer>();

function measurerFor(metrics: typeof HELVETICA | typeof TIMES): Measurer {
  let m = measurers.get(metrics.regular);
  if (!m) {
    m = pdfkitMeasurer(new PDFDocument({ autoFirstPage: false }) as never, metrics);
    measurers.set(metrics.regular, m);
  }
  return m;
}

/**
 * Estimates already made, by model and theme objects: a pack's clean annex and its redline's new side are one model,
 * laid out once. Models are never changed once built, so an estimate stays right for as long as its model lives.
 */
const estimates = new WeakMap<RenderDocument, WeakMap<Theme, Map<string, ReadonlyMap<string, number>>>>();

/** Anchor → 1-based page number. Serif Word fonts are measured as Times, everything else as Helvetica (Arial). */
export function estimatePages(model: RenderDocument, theme: Theme, wordFont: string): ReadonlyMap<string, number> {
  const metrics = /times|georgia|garamond|cambria|serif/i.test(wordFont) && !/sans/i.test(wordFont) ? TIMES : HELVETICA;
  let byTheme = estimates.get(model);
  if (!byTheme) estimates.set(model, (byTheme = new WeakMap()));
  let byFont = byTheme.get(theme);
  if (!byFont) byTheme.set(theme, (byFont = new Map()));
  const known = byFont.get(metrics.regular);
  if (known) return known;
  const layout = layoutDocument(model, theme, measurerFor(metrics), { placesOnly: true });
  const pages = new Map<string, number>();
  for (const [anchor, at] of layout.anchors) pages.set(anchor, at.page + 1);
  byFont.set(metrics.regular, pages);
  return pages;
}
