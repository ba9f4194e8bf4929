/**
 * Render model → DOCX through the `docx` package: named styles, a cover, a real TOC field filled in with its
 * entries and page numbers, running header and "Page X of Y" footer, bookmarks on every provision with internal
 * hyperlinks to them, real footnotes, and tables whose header row repeats. The zip is then rewritten so the bytes
 * depend only on the model (see deterministic.ts).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  InternalHyperlink,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { charsAcross, columnFractions } from '../layout/columns.js';
import type { Block, ClauseBlock, DefinitionsBlock, Inline, LinkTarget, RenderDocument, SubParagraphBlock, TableBlock } from '../model/types.js';
import type { RenderContext, Renderer, RenderResult } from '../renderer.js';
import { makeDeterministic } from './deterministic.js';
import { estimatePages } from './pageEstimate.js';
import { flattenBlock } from '../layout/layoutDocument.js';

/** A block's text as lines of inlines, split where flattenBlock puts breaks. */
function flattenLines(block: Block): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const inline of flattenBlock(block)) {
    if (inline.kind === 'break') lines.push([]);
    else lines.at(-1)!.push(inline);
  }
  return lines.filter((l) => l.length);
}
import { documentAnchor } from '../model/anchors.js';
import { documentNumbering, documentStyles, externalStyles, geometry, MAX_SUB_LEVEL, subParagraphIndent, twips, type Geometry } from './styles.js';

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  style?: string;
}

class DocxWriter {
  private readonly g: Geometry;
  private readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private listInstance = 0;
  readonly warnings: string[] = [];

  constructor(
    private readonly model: RenderDocument,
    private readonly context: RenderContext,
  ) {
    this.g = geometry(context.theme);
    for (const f of model.footnotes) this.footnotes[String(f.number)] = { children: this.noteParagraphs(f.number, f.children) };
  }

  // ------------------------------------------------------------ inlines → runs

  private runs(inlines: readonly Inline[], format: RunFormat = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      switch (inline.kind) {
        case 'text':
          out.push(this.text(inline.text, format));
          break;
        case 'strong':
          out.push(...this.runs(inline.children, { ...format, bold: true }));
          break;
        case 'emphasis':
          out.push(...this.runs(inline.children, { ...format, italics: true }));
          break;
        case 'delete':
          out.push(...this.runs(inline.children, { ...format, strike: true }));
          break;
        case 'code':
          out.push(new TextRun({ text: inline.text, font: 'Courier New', ...this.runOptions(format) }));
          break;
        case 'break':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'footnoteRef':
          // A second mark of one footnote repeats its number: Word gives every footnote one mark.
          out.push(inline.first ? new FootnoteReferenceRun(inline.number) : new TextRun({ text: String(inline.number), superScript: true }));
          break;
        case 'reference':
          out.push(...this.linked(inline.target, [this.text(inline.text, { ...format, style: 'CrossReference' })]));
          break;
        case 'link':
          out.push(...this.linked(inline.target, this.runs(inline.children, { ...format, style: 'Hyperlink' })));
          break;
      }
    }
    return out;
  }

  private runOptions(format: RunFormat): IRunOptions {
    return {
      ...(format.bold ? { bold: true } : {}),
      ...(format.italics ? { italics: true } : {}),
      ...(format.strike ? { strike: true } : {}),
      ...(format.style ? { style: format.style } : {}),
    };
  }

  private text(text: string, format: RunFormat): TextRun {
    return new TextRun({ text, ...this.runOptions(format) });
  }

  /** The runs inside a hyperlink to the target, or as they are when there is nothing to link to. */
  private linked(target: LinkTarget | undefined, children: ParagraphChild[]): ParagraphChild[] {
    const runs = children as TextRun[];
    if (!target) return children;
    if (target.kind === 'internal') return [new InternalHyperlink({ anchor: target.anchor, children: runs })];
    if (target.kind === 'url') return [new ExternalHyperlink({ link: target.url, children: runs })];
    const file = this.context.fileFor(target.doc);
    if (!file) return children;
    // Word's form of a link into another file: the file as the relationship target, the bookmark as the anchor.
    return [new ExternalHyperlink({ link: target.anchor ? `${file}#${target.anchor}` : file, children: runs })];
  }

  /** Word's footnotes hold paragraphs only: anything else in a footnote is written as paragraphs of its text. */
  private noteParagraphs(number: number, blocks: readonly Block[]): Paragraph[] {
    const out: Paragraph[] = [];
    for (const b of blocks) {
      if (b.kind === 'paragraph') out.push(new Paragraph({ style: 'FootnoteText', children: this.runs(b.content) }));
      else {
        this.warnings.push(`footnote ${number}: a ${b.kind} in a footnote is written as plain paragraphs`);
        for (const line of flattenLines(b)) out.push(new Paragraph({ style: 'FootnoteText', children: this.runs(line) }));
      }
    }
    return out;
  }

  // ------------------------------------------------------------ blocks

  /** `where` is the text column the blocks sit in: body text, a clause's text, a sub-paragraph's, or a footnote. */
  blocks(blocks: readonly Block[], where: 'body' | 'clause' | 'note' | { depth: number } | 'cell'): FileChild[] {
    const out: FileChild[] = [];
    for (const block of blocks) out.push(...this.block(block, where));
    return out;
  }

  private textStyle(where: 'body' | 'clause' | 'note' | { depth: number } | 'cell'): { style?: string; indent?: { left: number } } {
    if (where === 'note') return { style: 'FootnoteText' };
    if (where === 'cell') return { style: 'TableText' };
    if (where === 'body' || where === 'clause') return { style: 'ClauseText' };
    return { style: 'ClauseText', indent: { left: subParagraphIndent(this.g, where.depth) } };
  }

  private indentOf(where: 'body' | 'clause' | 'note' | { depth: number } | 'cell'): number {
    if (where === 'clause' || where === 'body') return this.g.clauseIndent;
    if (typeof where === 'object') return subParagraphIndent(this.g, where.depth);
    return 0;
  }

  private block(block: Block, where: 'body' | 'clause' | 'note' | { depth: number } | 'cell'): FileChild[] {
    switch (block.kind) {
      case 'section':
        return [
          new Paragraph({ style: 'Heading1', children: [new Bookmark({ id: block.anchor, children: [new TextRun(block.number)] }), new TextRun({ children: [new Tab()] }), ...this.runs(block.title)] }),
          ...this.blocks(block.children, 'body'),
        ];
      case 'heading':
        return [new Paragraph({ style: block.level === 2 ? 'Heading2' : 'Heading3', children: [new Bookmark({ id: block.anchor, children: this.runs(block.content) })] })];
      case 'clause':
        return this.clause(block);
      case 'subParagraph':
        return this.subParagraph(block);
      case 'paragraph':
        return [new Paragraph({ ...this.textStyle(where), children: this.runs(block.content) })];
      case 'list': {
        const instance = ++this.listInstance;
        const out: FileChild[] = [];
        for (const item of block.items) {
          item.forEach((b, i) => {
            if (i === 0 && b.kind === 'paragraph') {
              out.push(new Paragraph({ numbering: { reference: block.ordered ? 'regmark-number' : 'regmark-bullet', level: Math.min(block.depth - 1, 5), instance }, children: this.runs(b.content) }));
            } else out.push(...this.block(b, { depth: block.depth }));
          });
        }
        return out;
      }
      case 'table':
        return [this.table(block, this.indentOf(where)), new Paragraph({ style: 'ClauseText', spacing: { after: 0, line: 120 }, children: [] })];
      case 'definitions':
        return this.definitions(block);
      case 'quote':
        return block.children.flatMap((b) => (b.kind === 'paragraph' ? [new Paragraph({ style: 'Quote', children: this.runs(b.content) })] : this.block(b, where)));
      case 'code':
        return block.text.split('\n').map((line) => new Paragraph({ style: 'Code', children: [new TextRun(line)] }));
      case 'rule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: this.context.theme.colours.tableBorder, space: 1 } }, children: [] })];
    }
  }

  private clause(block: ClauseBlock): FileChild[] {
    const lead = new Paragraph({
      style: 'Clause',
      ...(block.children[0]?.kind === 'table' ? { keepNext: true } : {}),
      children: [new Bookmark({ id: block.anchor, children: [new TextRun({ text: block.number, style: 'ClauseNumber' })] }), new TextRun({ children: [new Tab()] }), ...this.runs(block.lead)],
    });
    return [lead, ...this.blocks(block.children, 'clause')];
  }

  private subParagraph(block: SubParagraphBlock): FileChild[] {
    const level = Math.min(block.depth, MAX_SUB_LEVEL);
    if (block.depth > MAX_SUB_LEVEL) this.warnings.push(`${block.id}: sub-paragraphs nest deeper than ${MAX_SUB_LEVEL} levels; shown at level ${MAX_SUB_LEVEL}`);
    const lead = new Paragraph({
      style: `SubParagraph${level}`,
      ...(block.children[0]?.kind === 'table' ? { keepNext: true } : {}),
      children: [new Bookmark({ id: block.anchor, children: [new TextRun(block.label)] }), new TextRun({ children: [new Tab()] }), ...this.runs(block.lead)],
    });
    return [lead, ...this.blocks(block.children, { depth: level })];
  }

  private definitions(block: DefinitionsBlock): FileChild[] {
    const out: FileChild[] = [];
    if (block.title) out.push(new Paragraph({ style: 'Heading1', children: [new Bookmark({ id: block.anchor, children: [new TextRun(block.title)] })] }));
    else out.push(new Paragraph({ style: 'Definition', spacing: { after: 0, line: 120 }, children: [new Bookmark({ id: block.anchor, children: [] })] }));
    for (const entry of block.entries) {
      if (entry.heading) out.push(new Paragraph({ style: 'Heading3', children: [new TextRun(entry.heading)] }));
      out.push(
        new Paragraph({
          style: 'Definition',
          children: [new Bookmark({ id: entry.anchor, children: [new TextRun({ text: entry.term, style: 'DefinedTerm' })] }), new TextRun(' '), ...this.runs(entry.lead)],
        }),
        ...this.blocks(entry.children, 'clause'),
      );
    }
    return out;
  }

  private table(block: TableBlock, indent: number): Table {
    const width = this.g.textWidth - indent;
    const fractions = columnFractions(block, charsAcross(width / 20, this.context.theme.sizes.table));
    const columnWidths = fractions.map((f) => Math.floor(f * width));
    const alignment = (i: number) => (block.align[i] === 'right' ? AlignmentType.RIGHT : block.align[i] === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
    const row = (cells: TableBlock['header'], header: boolean) =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map(
          (cell, i) =>
            new TableCell({
              width: { size: columnWidths[i]!, type: WidthType.DXA },
              ...(header ? { shading: { type: 'clear', color: 'auto', fill: this.context.theme.colours.tableHeader } } : {}),
              children: [new Paragraph({ style: header ? 'TableHeading' : 'TableText', alignment: alignment(i), children: this.runs(cell.content) })],
            }),
        ),
      });
    return new Table({
      style: 'RegmarkTable',
      layout: TableLayoutType.FIXED,
      width: { size: width, type: WidthType.DXA },
      indent: { size: indent, type: WidthType.DXA },
      columnWidths,
      rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
    });
  }

  // ------------------------------------------------------------ document

  private cover(): FileChild[] {
    const { model } = this;
    const theme = this.context.theme;
    const facts = new Table({
      layout: TableLayoutType.FIXED,
      width: { size: this.g.textWidth, type: WidthType.DXA },
      columnWidths: [twips(35), this.g.textWidth - twips(35)],
      borders: {
        top: { style: BorderStyle.SINGLE, size: 4, color: theme.colours.tableBorder },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: theme.colours.tableBorder },
        left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: theme.colours.tableBorder },
        insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      },
      rows: model.cover.facts.map(
        (f) =>
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({ width: { size: twips(35), type: WidthType.DXA }, children: [new Paragraph({ style: 'TableHeading', spacing: { before: 60, after: 60 }, children: [new TextRun(f.label)] })] }),
              new TableCell({ width: { size: this.g.textWidth - twips(35), type: WidthType.DXA }, children: [new Paragraph({ style: 'TableText', spacing: { before: 60, after: 60 }, children: [new TextRun(f.value)] })] }),
            ],
          }),
      ),
    });
    const paragraphs = (blocks: readonly Block[], style: string) =>
      blocks.flatMap((b) => (b.kind === 'paragraph' ? [new Paragraph({ style, children: this.runs(b.content) })] : this.block(b, 'body')));
    return [
      new Paragraph({ style: 'CoverReference', children: [new Bookmark({ id: documentAnchor(model.code), children: [new TextRun(model.cover.reference)] })] }),
      new Paragraph({ style: 'Title', children: [new TextRun(model.cover.title)] }),
      facts,
      ...paragraphs(model.cover.notice, 'Notice'),
      ...paragraphs(model.cover.preamble, 'CoverText'),
      ...paragraphs(model.cover.boilerplate, 'CoverText'),
    ];
  }

  private pageLabel(): TextRun {
    const parts = this.model.running.page.split(/(\{page\}|\{pages\})/);
    const children = parts.filter(Boolean).map((p) => (p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p));
    return new TextRun({ children });
  }

  document(): Document {
    const { model } = this;
    const theme = this.context.theme;
    const page = {
      size: { width: this.g.pageWidth, height: this.g.pageHeight },
      margin: { top: twips(theme.page.marginTop), bottom: twips(theme.page.marginBottom), left: twips(theme.page.marginLeft), right: twips(theme.page.marginRight), header: twips(10), footer: twips(10) },
    };
    const running = model.running;
    const header = new Header({
      children: [
        new Paragraph({
          style: 'Header',
          border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: theme.colours.tableBorder, space: 4 } },
          children: [new TextRun(running.headerLeft), new TextRun({ children: [new Tab()] }), new TextRun(running.headerRight)],
        }),
      ],
    });
    const footer = new Footer({ children: [new Paragraph({ style: 'Footer', children: [new TextRun(running.footerLeft), new TextRun({ children: [new Tab()] }), this.pageLabel()] })] });
    const body = this.blocks(model.body, 'body');
    const pages = estimatePages(model, theme, theme.fonts.docx);
    const contents: FileChild[] = model.contents.length
      ? [
          new Paragraph({ style: 'ContentsHeading', children: [new TextRun(model.contentsTitle)] }),
          new TableOfContents(model.contentsTitle, {
            hyperlink: true,
            headingStyleRange: '1-1',
            beginDirty: false,
            cachedEntries: model.contents.map((e) => ({ title: e.number ? `${e.number} ${e.title}` : e.title, level: e.level, href: e.anchor, ...(pages.has(e.anchor) ? { page: pages.get(e.anchor)! } : {}) })),
          }),
          new Paragraph({ children: [new PageBreak()] }),
        ]
      : [];
    return new Document({
      title: model.metadata.title,
      subject: model.metadata.subject,
      creator: model.metadata.author,
      lastModifiedBy: model.metadata.author,
      keywords: model.metadata.keywords.join('; '),
      description: `${model.reference}, ${model.running.footerLeft.toLowerCase()}`,
      revision: 1,
      externalStyles: externalStyles(theme),
      styles: documentStyles(theme, this.g),
      numbering: documentNumbering(this.g),
      footnotes: this.footnotes,
      sections: [
        { properties: { page }, children: this.cover() },
        { properties: { page, type: SectionType.NEXT_PAGE }, headers: { default: header }, footers: { default: footer }, children: [...contents, ...body] },
      ],
    });
  }
}

export async function renderDocx(model: RenderDocument, context: RenderContext): Promise<RenderResult> {
  const writer = new DocxWriter(model, context);
  const document = writer.document();
  const packed = await Packer.toBuffer(document);
  const bytes = makeDeterministic(new Uint8Array(packed), model.metadata.date);
  return { bytes, warnings: writer.warnings };
}

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  description: 'Word document (Office Open XML), via the docx package',
  render: renderDocx,
};
