/**
 * The named Word styles of a regmark document. Authors restyle in Word by changing these, so each has a plain name:
 * Heading 1–3, Clause (hanging number), Clause Text, Sub-paragraph 1–4, Definition, Table Text, Table Heading, …
 */
import { AlignmentType, BorderStyle, LevelFormat, LineRuleType, type INumberingOptions, type IStylesOptions } from 'docx';
import type { Theme } from '../../theme/theme.js';

export const MAX_SUB_LEVEL = 4;

export function twips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Half-points, as Word sizes fonts. */
const hp = (pt: number) => Math.round(pt * 2);

export interface Geometry {
  pageWidth: number;
  pageHeight: number;
  /** Width of the text column, twips. */
  textWidth: number;
  /** Where clause text starts (the hanging number's room). */
  clauseIndent: number;
  /** Extra indent per sub-paragraph level. */
  subIndent: number;
}

export function geometry(theme: Theme): Geometry {
  const [w, h] = theme.page.size === 'A4' ? [210, 297] : [215.9, 279.4];
  return {
    pageWidth: twips(w),
    pageHeight: twips(h),
    textWidth: twips(w - theme.page.marginLeft - theme.page.marginRight),
    clauseIndent: twips(theme.indents.clauseNumber),
    subIndent: twips(theme.indents.subParagraph),
  };
}

/** Left indent of sub-paragraph text at `depth` (1 = `(a)`). */
export function subParagraphIndent(g: Geometry, depth: number): number {
  return g.clauseIndent + g.subIndent * depth;
}

/**
 * The table style, written as Word writes one (the docx API has no table styles of its own). It goes in as the
 * document's "external" styles, which docx merges with its default styles and the ones given in `styles`.
 */
export function externalStyles(theme: Theme): string {
  const c = theme.colours;
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${c.tableBorder}"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">` +
    `<w:style w:type="table" w:styleId="RegmarkTable"><w:name w:val="Regmark Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
      `<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr><w:sz w:val="${hp(theme.sizes.table)}"/></w:rPr>` +
      `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
      `<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
      `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${c.tableHeader}"/></w:tcPr></w:tblStylePr>` +
      `</w:style></w:styles>`
  );
}

export function documentStyles(theme: Theme, g: Geometry): IStylesOptions {
  const c = theme.colours;
  const s = theme.sizes;
  const after = Math.round(theme.spacing.paragraphAfter * 20);
  const line = Math.round(theme.spacing.lineHeight * 240);
  const subStyles = Array.from({ length: MAX_SUB_LEVEL }, (_, i) => ({
    id: `SubParagraph${i + 1}`,
    name: `Sub-paragraph ${i + 1}`,
    basedOn: 'Normal',
    next: `SubParagraph${i + 1}`,
    quickFormat: true,
    paragraph: { indent: { left: subParagraphIndent(g, i + 1), hanging: g.subIndent }, leftTabStop: subParagraphIndent(g, i + 1) },
  }));
  // Widow and orphan control for every paragraph: Word leaves no single line of a paragraph alone at a page's foot or
  // head. docx writes `widowControl` in the defaults, though its style option type does not list it.
  const defaultParagraph = { spacing: { after, line, lineRule: LineRuleType.AUTO }, widowControl: true };
  return {
    default: {
      document: {
        run: { font: theme.fonts.docx, size: hp(s.body), color: c.text },
        paragraph: defaultParagraph,
      },
      title: { run: { font: theme.fonts.docx, size: hp(s.title), bold: true, color: c.heading }, paragraph: { spacing: { before: 240, after: 360 } } },
      heading1: {
        run: { font: theme.fonts.docx, size: hp(s.heading1), bold: true, color: c.heading },
        paragraph: { spacing: { before: 360, after: 160 }, outlineLevel: 0, keepNext: true, keepLines: true, indent: { left: g.clauseIndent, hanging: g.clauseIndent }, leftTabStop: g.clauseIndent },
      },
      heading2: { run: { font: theme.fonts.docx, size: hp(s.heading2), bold: true, color: c.heading }, paragraph: { spacing: { before: 240, after: 120 }, outlineLevel: 1, keepNext: true, keepLines: true, indent: { left: g.clauseIndent } } },
      heading3: { run: { font: theme.fonts.docx, size: hp(s.heading3), bold: true, italics: true, color: c.heading }, paragraph: { spacing: { before: 200, after: 100 }, outlineLevel: 2, keepNext: true, keepLines: true, indent: { left: g.clauseIndent } } },
      hyperlink: { run: { color: c.link, underline: {} } },
      footnoteText: { run: { size: hp(s.footnote) }, paragraph: { spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO }, indent: { left: 227, hanging: 227 } } },
      footnoteReference: { run: { superScript: true } },
    },
    paragraphStyles: [
      { id: 'CoverReference', name: 'Cover Reference', basedOn: 'Normal', next: 'Title', run: { size: hp(s.heading1), bold: true, color: c.accent }, paragraph: { spacing: { before: 1800, after: 120 } } },
      { id: 'CoverText', name: 'Cover Text', basedOn: 'Normal', run: { size: hp(s.body), color: c.muted } },
      {
        id: 'Notice',
        name: 'Notice',
        basedOn: 'Normal',
        paragraph: {
          spacing: { before: 240, after: 240 },
          indent: { left: 113, right: 113 },
          shading: { type: 'clear', color: 'auto', fill: c.tableHeader },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: c.accent, space: 4 } },
        },
      },
      { id: 'ContentsHeading', name: 'Contents Heading', basedOn: 'Normal', next: 'Normal', run: { size: hp(s.heading1), bold: true, color: c.heading }, paragraph: { spacing: { after: 240 }, keepNext: true } },
      {
        id: 'Clause',
        name: 'Clause',
        basedOn: 'Normal',
        next: 'Clause',
        quickFormat: true,
        paragraph: { indent: { left: g.clauseIndent, hanging: g.clauseIndent }, leftTabStop: g.clauseIndent },
      },
      { id: 'ClauseText', name: 'Clause Text', basedOn: 'Normal', next: 'ClauseText', quickFormat: true, paragraph: { indent: { left: g.clauseIndent } } },
      ...subStyles,
      { id: 'Definition', name: 'Definition', basedOn: 'Normal', next: 'Definition', quickFormat: true, paragraph: { indent: { left: g.clauseIndent } } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', next: 'TableText', run: { size: hp(s.table) }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: 'TableHeading', name: 'Table Heading', basedOn: 'TableText', next: 'TableText', run: { bold: true } },
      { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: g.clauseIndent + 567, right: 567 } } },
      { id: 'Code', name: 'Code', basedOn: 'Normal', run: { font: 'Courier New', size: hp(s.table) }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO }, indent: { left: g.clauseIndent } } },
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: hp(s.small), color: c.muted }, paragraph: { spacing: { after: 0 }, rightTabStop: g.textWidth } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: hp(s.small), color: c.muted }, paragraph: { spacing: { after: 0 }, rightTabStop: g.textWidth } },
    ],
    characterStyles: [
      { id: 'CrossReference', name: 'Cross Reference', basedOn: 'DefaultParagraphFont', run: { color: c.link } },
      { id: 'DefinedTerm', name: 'Defined Term', basedOn: 'DefaultParagraphFont', run: { bold: true } },
      { id: 'ClauseNumber', name: 'Clause Number', basedOn: 'DefaultParagraphFont', run: {} },
      // Word's own name for the runs of a contents entry; the TOC field's cached entries use it, so it must exist.
      { id: 'IndexLink', name: 'Index Link', basedOn: 'DefaultParagraphFont', run: {} },
    ],
  };
}

/** Bullets and numbers for ordinary (unlabelled) lists, indented under the clause text. */
export function documentNumbering(g: Geometry): INumberingOptions {
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) =>
    Array.from({ length: 6 }, (_, level) => ({
      level,
      format,
      text: text(level),
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: g.clauseIndent + g.subIndent * (level + 1), hanging: g.subIndent } } },
    }));
  return {
    config: [
      { reference: 'regmark-bullet', levels: levels(LevelFormat.BULLET, (l) => ['\u2022', '\u2013', '\u2022', '\u2013', '\u2022', '\u2013'][l]!) },
      { reference: 'regmark-number', levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
    ],
  };
}
