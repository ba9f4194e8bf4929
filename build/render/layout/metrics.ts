/**
 * House layout numbers shared by both renderers, so the DOCX styles and the PDF layout (and the DOCX page-number
 * estimate made with it) space things alike. Points unless said otherwise.
 */
import type { Theme } from '../../theme/theme.js';

export const MM = 72 / 25.4;

export const SPACING = {
  heading1: { before: 18, after: 8 },
  heading2: { before: 12, after: 6 },
  heading3: { before: 10, after: 5 },
  /** Table cell padding. */
  cellX: 4.25,
  cellY: 2.85,
  /** Space after a footnote's paragraph. */
  footnoteAfter: 3,
  /** Hanging indent of footnote text after its number. */
  footnoteIndent: 11.35,
  /** Distance of the running header and footer text from the page edge. */
  runningFromEdge: 10 * MM,
  /** Label column of the cover's fact table. */
  coverLabelWidth: 35 * MM,
} as const;

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Text column width. */
  textWidth: number;
  clauseIndent: number;
  subIndent: number;
}

export function pageGeometry(theme: Theme): PageGeometry {
  const [w, h] = theme.page.size === 'A4' ? [595.28, 841.89] : [612, 792];
  const left = theme.page.marginLeft * MM;
  const right = w - theme.page.marginRight * MM;
  return {
    width: w,
    height: h,
    top: theme.page.marginTop * MM,
    bottom: h - theme.page.marginBottom * MM,
    left,
    right,
    textWidth: right - left,
    clauseIndent: theme.indents.clauseNumber * MM,
    subIndent: theme.indents.subParagraph * MM,
  };
}
