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
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  ImportedXmlComponent,
  InsertedTextRun,
  InternalHyperlink,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  XmlAttributeComponent,
  XmlComponent,
  type FileChild,
  type ICommentOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { charsAcross, columnFractions } from '../layout/columns.js';
import type { Block, BlockChange, ClauseBlock, DefinitionsBlock, Inline, LinkTarget, RenderDocument, SubParagraphBlock, TableBlock } from '../../model/document.js';
import { changeListLines, countsText, redlineCoverLines } from '../redline/coverText.js';
import { contentsField } from './contents.js';
import { escapeXml } from './xmlText.js';
import { bookmarkXml, fillRawRuns, paragraphXml, plainInlines, plainRunsXml, RawRuns, TAB_RUN, textRunXml, type PlainParagraph } from './rawRuns.js';
import type { RenderContext, RenderResult } from '../renderer.js';
import { deterministicDocx, type DocxPart } from './deterministic.js';
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
import { documentAnchor } from '../../document/anchors.js';
import { documentNumbering, documentStyles, externalStyles, geometry, MAX_SUB_LEVEL, subParagraphIndent, twips, type Geometry } from './styles.js';

/** A tracked change as Word writes it: an insertion, a deletion, or either end of a move. */
type Revision = 'ins' | 'del' | 'moveFrom' | 'moveTo';

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  style?: string;
  /** The change these runs belong to (redlines); otherwise the enclosing block's. */
  change?: Revision;
}

class RevisionAttributes extends XmlAttributeComponent<{ id: number; author: string; date: string }> {
  protected override readonly xmlKeys = { id: 'w:id', author: 'w:author', date: 'w:date' };
}

/** `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo` around runs that `docx` has no wrapper for (footnote marks, moves). */
class RevisionElement extends XmlComponent {
  constructor(tag: string, attributes: { id: number; author: string; date: string }, children: XmlComponent[]) {
    super(tag);
    this.root.push(new RevisionAttributes(attributes));
    for (const child of children) this.root.push(child);
  }
}

/** Move ids whose two ends are both in the body: only those are written as Word moves. */
function pairedMoves(blocks: readonly Block[]): Set<number> {
  const from = new Set<number>();
  const to = new Set<number>();
  const visit = (list: readonly Block[]) => {
    for (const b of list) {
      if (b.change?.moveId !== undefined) (b.change.kind === 'movedFrom' ? from : to).add(b.change.moveId);
      if (b.kind === 'section' || b.kind === 'clause' || b.kind === 'subParagraph' || b.kind === 'quote') visit(b.children);
    }
  };
  visit(blocks);
  return new Set([...from].filter((id) => to.has(id)));
}

class DocxWriter {
  private readonly g: Geometry;
  private readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private listInstance = 0;
  readonly warnings: string[] = [];
  /** Redlines: one allocator for every revision and move-range id. */
  private nextRevision = 0;
  /** The change of the block being written: every run and paragraph mark inside it carries it. */
  private ambient: { revision: Revision; change: BlockChange } | undefined;
  private readonly moves: Set<number>;
  /** Markup to open the next paragraph with (a move range start, a comment range start). */
  private pendingStart: ParagraphChild[] = [];
  /** Paragraphs written while a changed block is written, to close its ranges in the last one. */
  private captured: Paragraph[] | undefined;
  private readonly comments: ICommentOptions[] = [];
  /** The body starts on a new page: its first paragraph says so, rather than an empty paragraph holding a break. */
  private breakBeforeNext = false;

  constructor(
    private readonly model: RenderDocument,
    private readonly context: RenderContext,
    private readonly plainAsXml = true,
  ) {
    this.g = geometry(context.theme);
    this.moves = model.redline ? pairedMoves(model.body) : new Set();
    for (const f of model.footnotes) this.footnotes[String(f.number)] = { children: this.withChange(f.change, () => this.noteParagraphs(f.number, f.children)) };
  }

  // ------------------------------------------------------------ tracked changes (redlines)

  private revisionAttributes(): { id: number; author: string; date: string } {
    const r = this.model.redline!;
    return { id: ++this.nextRevision, author: r.author, date: r.date };
  }

  private revisionOf(change: BlockChange): Revision {
    if (change.kind === 'inserted') return 'ins';
    if (change.kind === 'deleted') return 'del';
    const paired = change.moveId !== undefined && this.moves.has(change.moveId);
    if (change.kind === 'movedFrom') return paired ? 'moveFrom' : 'del';
    return paired ? 'moveTo' : 'ins';
  }

  /** A run, inside the revision element its change asks for. */
  private run(options: IRunOptions, format: RunFormat = {}): ParagraphChild {
    const change = format.change ?? this.ambient?.revision;
    if (!change || !this.model.redline) return new TextRun(options);
    if (change === 'ins') return new InsertedTextRun({ ...options, ...this.revisionAttributes() });
    if (change === 'del') return new DeletedTextRun({ ...options, ...this.revisionAttributes() });
    return this.wrap(new TextRun(options), change);
  }

  /** Any run component inside a revision element. */
  private wrap(run: XmlComponent, change: Revision | undefined): ParagraphChild {
    if (!change || !this.model.redline) return run as ParagraphChild;
    const tag = { ins: 'w:ins', del: 'w:del', moveFrom: 'w:moveFrom', moveTo: 'w:moveTo' }[change];
    return new RevisionElement(tag, this.revisionAttributes(), [run]) as unknown as ParagraphChild;
  }

  /** A paragraph; inside a changed block its mark is tracked too, so accepting or rejecting leaves no empty paragraph. */
  private para(options: IParagraphOptions): Paragraph {
    const children = [...this.pendingStart, ...(options.children ?? [])];
    this.pendingStart = [];
    const change = this.ambient?.revision;
    const mark = !change || !this.model.redline ? {} : change === 'ins' || change === 'moveTo' ? { insertion: this.revisionAttributes() } : { deletion: this.revisionAttributes() };
    const breakBefore = this.breakBeforeNext ? { pageBreakBefore: true } : {};
    this.breakBeforeNext = false;
    const paragraph = new Paragraph({ ...options, ...breakBefore, children, ...(change ? { run: { ...options.run, ...mark } } : {}) });
    this.captured?.push(paragraph);
    return paragraph;
  }

  /** Writes what `write` makes as the given change: runs and paragraph marks tracked, a move's range named, its note a comment. */
  private withChange<T>(change: BlockChange | undefined, write: () => T): T {
    if (!change || !this.model.redline) return write();
    if (this.ambient) return change.note ? this.commented(change.note, write) : write();
    const revision = this.revisionOf(change);
    const r = this.model.redline;
    const outerCaptured = this.captured;
    const captured: Paragraph[] = [];
    this.captured = captured;
    let rangeEnd: XmlComponent | undefined;
    if (revision === 'moveFrom' || revision === 'moveTo') {
      const id = ++this.nextRevision;
      this.pendingStart.push(
        ImportedXmlComponent.fromXmlString(`<w:${revision}RangeStart w:id="${id}" w:name="move${change.moveId}" w:author="${escapeXml(r.author)}" w:date="${escapeXml(r.date)}"/>`) as unknown as ParagraphChild,
      );
      rangeEnd = ImportedXmlComponent.fromXmlString(`<w:${revision}RangeEnd w:id="${id}"/>`);
    }
    let comment: number | undefined;
    if (change.note) {
      comment = this.comments.length;
      this.comments.push({ id: comment, author: r.author, date: new Date(r.date), children: [new Paragraph({ style: 'CommentText', children: [new TextRun(change.note)] })] });
      this.pendingStart.push(new CommentRangeStart(comment) as unknown as ParagraphChild);
    }
    this.ambient = { revision, change };
    try {
      return write();
    } finally {
      this.ambient = undefined;
      this.captured = outerCaptured;
      outerCaptured?.push(...captured);
      const [first, last] = [captured[0], captured.at(-1)];
      if (comment !== undefined && first) {
        first.addChildElement(new CommentRangeEnd(comment));
        first.addChildElement(new TextRun({ children: [new CommentReference(comment)] }));
      }
      if (rangeEnd && last) last.addChildElement(rangeEnd);
      this.pendingStart = [];
    }
  }

  /** A note on a block inside a block that changed as a whole (a retained clause in an inserted section). */
  private commented<T>(note: string, write: () => T): T {
    const r = this.model.redline!;
    const id = this.comments.length;
    this.comments.push({ id, author: r.author, date: new Date(r.date), children: [new Paragraph({ style: 'CommentText', children: [new TextRun(note)] })] });
    this.pendingStart.push(new CommentRangeStart(id) as unknown as ParagraphChild);
    const outer = this.captured;
    const captured: Paragraph[] = [];
    this.captured = captured;
    try {
      return write();
    } finally {
      this.captured = outer;
      outer?.push(...captured);
      const first = captured[0];
      if (first) {
        first.addChildElement(new CommentRangeEnd(id));
        first.addChildElement(new TextRun({ children: [new CommentReference(id)] }));
      }
    }
  }

  /** A bookmark, except at the old place of a moved provision, whose name the new place carries. */
  private bookmark(id: string, children: ParagraphChild[]): ParagraphChild {
    if (this.ambient?.change.kind === 'movedFrom') return new Bookmark({ id: `${id}_moved`, children });
    return new Bookmark({ id, children });
  }

  // ------------------------------------------------------------ inlines → runs

  /** Paragraphs are made as the package's objects (a paragraph's runs may still be written as XML). */
  private objectsOnly = false;

  /** Runs written straight to XML (see rawRuns.ts), by placeholder number. */
  readonly rawRuns: string[] = [];

  /** Does a link to this target stay within the file (or is there no link)? Links elsewhere need relationships. */
  private readonly inFile = (target: LinkTarget | undefined): boolean => !target || target.kind === 'internal' || (target.kind === 'document' && this.context.fileFor(target.doc) === undefined);

  /**
   * Can the paragraph about to be made be written as XML directly: nothing tracked, nothing pending to open it, no
   * page break to carry, and text (each list of inlines) of plain runs only?
   */
  private plainParagraph(...texts: ReadonlyArray<readonly Inline[]>): boolean {
    return this.plainAsXml && !this.objectsOnly && !(this.model.redline && this.ambient) && !this.pendingStart.length && !this.captured && !this.breakBeforeNext && texts.every((t) => plainInlines(t, this.inFile));
  }

  /** A paragraph written as XML (see rawRuns.ts), standing in the document as a placeholder. */
  private xmlPara(properties: PlainParagraph, runs: string): FileChild {
    this.rawRuns.push(paragraphXml(properties, runs));
    return new RawRuns(this.rawRuns.length - 1) as unknown as FileChild;
  }

  private runs(inlines: readonly Inline[], format: RunFormat = {}): ParagraphChild[] {
    // Untracked runs of plain formatted text, the bulk of a document, are written as XML directly.
    if (this.plainAsXml && !format.change && !(this.model.redline && this.ambient) && inlines.length && plainInlines(inlines, this.inFile)) {
      this.rawRuns.push(plainRunsXml(inlines, format));
      return [new RawRuns(this.rawRuns.length - 1) as unknown as ParagraphChild];
    }
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
          out.push(this.run({ text: inline.text, font: 'Courier New', ...this.runOptions(format) }, format));
          break;
        case 'break':
          out.push(this.run({ break: 1 }, format));
          break;
        case 'footnoteRef':
          // A second mark of one footnote repeats its number: Word gives every footnote one mark.
          out.push(inline.first ? this.wrap(new FootnoteReferenceRun(inline.number), format.change ?? this.ambient?.revision) : this.run({ text: String(inline.number), superScript: true }, format));
          break;
        case 'insertion': {
          const around = format.change ?? this.ambient?.revision;
          // Inside deleted or moved-away text there is nothing to insert; elsewhere the words are an insertion.
          out.push(...this.runs(inline.children, around === 'del' || around === 'moveFrom' ? format : { ...format, change: 'ins' }));
          break;
        }
        case 'deletion': {
          const around = format.change ?? this.ambient?.revision;
          // At the new place of a moved clause the old words are shown where it came from, not again here.
          if (around === 'moveTo' || around === 'ins') break;
          out.push(...this.runs(inline.children, around === 'del' || around === 'moveFrom' ? format : { ...format, change: 'del' }));
          break;
        }
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

  private text(text: string, format: RunFormat): ParagraphChild {
    return this.run({ text, ...this.runOptions(format) }, format);
  }

  /** The runs inside a hyperlink to the target, or as they are when there is nothing to link to. */
  private linked(target: LinkTarget | undefined, children: ParagraphChild[]): ParagraphChild[] {
    const runs = children as unknown as TextRun[];
    if (!target) return children;
    if (target.kind === 'internal') return [new InternalHyperlink({ anchor: target.anchor, children: runs })];
    if (target.kind === 'url') return [new ExternalHyperlink({ link: target.url, children: runs })];
    const file = this.context.fileFor(target.doc);
    if (!file) return children;
    // Word's form of a link into another file: the file as the relationship target, the bookmark as the anchor.
    // A relationship target is a URI: each path segment percent-encoded ("SEC Appendix AM.docx" → "SEC%20Appendix%20AM.docx").
    const uri = file.split('/').map(encodeURIComponent).join('/');
    return [new ExternalHyperlink({ link: target.anchor ? `${uri}#${target.anchor}` : uri, children: runs })];
  }

  /** Word's footnotes hold paragraphs only: anything else in a footnote is written as paragraphs of its text. */
  private noteParagraphs(number: number, blocks: readonly Block[]): Paragraph[] {
    const out: Paragraph[] = [];
    for (const b of blocks) {
      if (b.kind === 'paragraph') out.push(this.withChange(b.change, () => this.para({ style: 'FootnoteText', children: this.runs(b.content) })));
      else {
        this.warnings.push(`footnote ${number}: a ${b.kind} in a footnote is written as plain paragraphs`);
        this.withChange(b.change, () => {
          for (const line of flattenLines(b)) out.push(this.para({ style: 'FootnoteText', children: this.runs(line) }));
        });
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
    return this.withChange(block.change, () => this.unchangedBlock(block, where));
  }

  private unchangedBlock(block: Block, where: 'body' | 'clause' | 'note' | { depth: number } | 'cell'): FileChild[] {
    switch (block.kind) {
      case 'section':
        return [
          this.plainParagraph(block.title) ? this.xmlPara({ style: 'Heading1' }, bookmarkXml(block.anchor, textRunXml(block.number, {})) + TAB_RUN + plainRunsXml(block.title)) : this.para({ style: 'Heading1', children: [this.bookmark(block.anchor, [this.run({ text: block.number })]), this.run({ children: [new Tab()] }), ...this.runs(block.title)] }),
          ...this.blocks(block.children, 'body'),
        ];
      case 'heading': {
        const style = block.level === 2 ? 'Heading2' : 'Heading3';
        return [this.plainParagraph(block.content) ? this.xmlPara({ style }, bookmarkXml(block.anchor, plainRunsXml(block.content))) : this.para({ style, children: [this.bookmark(block.anchor, this.runs(block.content))] })];
      }
      case 'clause':
        return this.clause(block);
      case 'subParagraph':
        return this.subParagraph(block);
      case 'paragraph': {
        const style = this.textStyle(where);
        const keep = block.caption ? { keepNext: true, keepLines: true } : {};
        if (style.style && !style.indent && this.plainParagraph(block.content)) return [this.xmlPara({ style: style.style, ...keep }, plainRunsXml(block.content))];
        return [this.para({ ...style, ...keep, children: this.runs(block.content) })];
      }
      case 'list': {
        const instance = ++this.listInstance;
        const out: FileChild[] = [];
        for (const item of block.items) {
          item.forEach((b, i) => {
            if (i === 0 && b.kind === 'paragraph') {
              out.push(this.withChange(b.change, () => this.para({ numbering: { reference: block.ordered ? 'regmark-number' : 'regmark-bullet', level: Math.min(block.depth - 1, 5), instance }, children: this.runs(b.content) })));
            } else out.push(...this.block(b, { depth: block.depth }));
          });
        }
        return out;
      }
      case 'table':
        return [this.table(block, this.indentOf(where)), this.para({ style: 'ClauseText', spacing: { after: 0, line: 120, lineRule: LineRuleType.EXACT }, children: [] })];
      case 'definitions':
        return this.definitions(block);
      case 'quote':
        return block.children.flatMap((b) => (b.kind === 'paragraph' ? [this.withChange(b.change, () => this.para({ style: 'Quote', children: this.runs(b.content) }))] : this.block(b, where)));
      case 'code':
        return block.text.split('\n').map((line) => this.para({ style: 'Code', children: [this.run({ text: line })] }));
      case 'rule':
        return [this.para({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: this.context.theme.colours.tableBorder, space: 1 } }, children: [] })];
    }
  }

  private clause(block: ClauseBlock): FileChild[] {
    const keepNext = block.children[0]?.kind === 'table' ? { keepNext: true } : {};
    if (this.plainParagraph(block.lead)) {
      const lead = this.xmlPara({ style: 'Clause', ...keepNext }, bookmarkXml(block.anchor, textRunXml(block.number, { style: 'ClauseNumber' })) + TAB_RUN + plainRunsXml(block.lead));
      return [lead, ...this.blocks(block.children, 'clause')];
    }
    const lead = this.para({
      style: 'Clause',
      ...(block.children[0]?.kind === 'table' ? { keepNext: true } : {}),
      children: [this.bookmark(block.anchor, [this.run({ text: block.number, style: 'ClauseNumber' })]), this.run({ children: [new Tab()] }), ...this.runs(block.lead)],
    });
    return [lead, ...this.blocks(block.children, 'clause')];
  }

  private subParagraph(block: SubParagraphBlock): FileChild[] {
    const level = Math.min(block.depth, MAX_SUB_LEVEL);
    if (block.depth > MAX_SUB_LEVEL) this.warnings.push(`${block.id}: sub-paragraphs nest deeper than ${MAX_SUB_LEVEL} levels; shown at level ${MAX_SUB_LEVEL}`);
    if (this.plainParagraph(block.lead)) {
      const lead = this.xmlPara({ style: `SubParagraph${level}`, ...(block.children[0]?.kind === 'table' ? { keepNext: true } : {}) }, bookmarkXml(block.anchor, textRunXml(block.label, {})) + TAB_RUN + plainRunsXml(block.lead));
      return [lead, ...this.blocks(block.children, { depth: level })];
    }
    const lead = this.para({
      style: `SubParagraph${level}`,
      ...(block.children[0]?.kind === 'table' ? { keepNext: true } : {}),
      children: [this.bookmark(block.anchor, [this.run({ text: block.label })]), this.run({ children: [new Tab()] }), ...this.runs(block.lead)],
    });
    return [lead, ...this.blocks(block.children, { depth: level })];
  }

  private definitions(block: DefinitionsBlock): FileChild[] {
    const out: FileChild[] = [];
    if (block.title) out.push(this.para({ style: 'Heading1', children: [this.bookmark(block.anchor, [this.run({ text: block.title })])] }));
    else out.push(this.para({ style: 'Definition', spacing: { after: 0, line: 120, lineRule: LineRuleType.EXACT }, children: [this.bookmark(block.anchor, [])] }));
    for (const entry of block.entries) {
      this.withChange(entry.change, () => {
        if (entry.heading) out.push(this.plainParagraph() ? this.xmlPara({ style: 'Heading3' }, textRunXml(entry.heading, {})) : this.para({ style: 'Heading3', children: [this.run({ text: entry.heading! })] }));
        if (this.plainParagraph(entry.lead)) {
          out.push(this.xmlPara({ style: 'Definition' }, bookmarkXml(entry.anchor, textRunXml(entry.term, { style: 'DefinedTerm' })) + textRunXml(' ', {}) + plainRunsXml(entry.lead)), ...this.blocks(entry.children, 'clause'));
          return;
        }
        out.push(
          this.para({
            style: 'Definition',
            children: [this.bookmark(entry.anchor, [this.run({ text: entry.term, style: 'DefinedTerm' })]), this.run({ text: ' ' }), ...this.runs(entry.lead)],
          }),
          ...this.blocks(entry.children, 'clause'),
        );
      });
    }
    return out;
  }

  private table(block: TableBlock, indent: number): Table {
    const width = this.g.textWidth - indent;
    const fractions = columnFractions(block, charsAcross(width / 20, this.context.theme.sizes.table));
    const columnWidths = fractions.map((f) => Math.floor(f * width));
    const alignment = (i: number) => (block.align[i] === 'right' ? AlignmentType.RIGHT : block.align[i] === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
    const rowRevision = (change: BlockChange | undefined) => {
      const revision = change ? this.revisionOf(change) : this.ambient?.revision;
      if (!revision || !this.model.redline) return {};
      return revision === 'ins' || revision === 'moveTo' ? { insertion: this.revisionAttributes() } : { deletion: this.revisionAttributes() };
    };
    const row = (cells: TableBlock['header'], header: boolean, change?: BlockChange) =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        ...rowRevision(change),
        children: cells.map(
          (cell, i) =>
            new TableCell({
              width: { size: columnWidths[i]!, type: WidthType.DXA },
              ...(header ? { shading: { type: 'clear', color: 'auto', fill: this.context.theme.colours.tableHeader } } : {}),
              // A cell's paragraph stays the package's: it ends every cell with a paragraph object of its own otherwise.
              children: [this.para({ style: header ? 'TableHeading' : 'TableText', alignment: alignment(i), children: this.runs(cell.content) })],
            }),
        ),
      });
    return new Table({
      style: 'RegmarkTable',
      layout: TableLayoutType.FIXED,
      width: { size: width, type: WidthType.DXA },
      indent: { size: indent, type: WidthType.DXA },
      columnWidths,
      rows: [row(block.header, true), ...block.rows.map((r, i) => row(r, false, block.rowChanges?.[i]))],
    });
  }

  // ------------------------------------------------------------ document

  private cover(): FileChild[] {
    const { model } = this;
    const theme = this.context.theme;
    const factRun = (text: string, change?: 'inserted' | 'deleted'): ParagraphChild => (change && this.model.redline ? this.run({ text }, { change: change === 'inserted' ? 'ins' : 'del' }) : new TextRun(text));
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
            // A fact only one side has is a tracked row, its words tracked with it.
            ...(f.change && this.model.redline ? (f.change === 'inserted' ? { insertion: this.revisionAttributes() } : { deletion: this.revisionAttributes() }) : {}),
            children: [
              new TableCell({ width: { size: twips(35), type: WidthType.DXA }, children: [new Paragraph({ style: 'TableHeading', spacing: { before: 60, after: 60 }, children: [factRun(f.label, f.change)] })] }),
              new TableCell({
                width: { size: this.g.textWidth - twips(35), type: WidthType.DXA },
                children: [
                  new Paragraph({
                    style: 'TableText',
                    spacing: { before: 60, after: 60 },
                    children: f.was !== undefined && this.model.redline ? [this.run({ text: f.was }, { change: 'del' }), this.run({ text: f.value }, { change: 'ins' })] : [factRun(f.value, f.change)],
                  }),
                ],
              }),
            ],
          }),
      ),
    });
    const paragraphs = (blocks: readonly Block[], style: string) =>
      blocks.flatMap((b) => (b.kind === 'paragraph' ? [this.withChange(b.change, () => this.para({ style, children: this.runs(b.content) }))] : this.block(b, 'body')));
    // A reference or title that changed between versions is tracked like the facts below it.
    const tracked = (field: string, text: string): ParagraphChild[] => {
      const change = model.redline?.summary.metadata.find((m) => m.field === field && m.to === text);
      return change ? [this.run({ text: change.from }, { change: 'del' }), this.run({ text }, { change: 'ins' })] : [new TextRun(text)];
    };
    const reference: ParagraphChild[] = [new Bookmark({ id: documentAnchor(model.code), children: tracked('Reference', model.cover.reference) })];
    const about = this.redlineComment();
    return [
      new Paragraph({ style: 'CoverReference', children: about === undefined ? reference : [new CommentRangeStart(about), ...reference, new CommentRangeEnd(about), new TextRun({ children: [new CommentReference(about)] })] }),
      new Paragraph({ style: 'Title', children: tracked('Title', model.cover.title) }),
      facts,
      ...paragraphs(model.cover.notice, 'Notice'),
      ...paragraphs(model.cover.preamble, 'CoverText'),
      ...paragraphs(model.cover.boilerplate, 'CoverText'),
    ];
  }

  /**
   * What the redline is (against what, by whom, the counts and every change) as a comment on the cover's reference:
   * it is no part of either version's text, so Accept All and Reject All leave none of it in the body.
   */
  private redlineComment(): number | undefined {
    const r = this.model.redline;
    if (!r) return undefined;
    const id = this.comments.length;
    const lines = [...redlineCoverLines(this.model), ...(r.summary.clauses.length ? ['Changes:', ...changeListLines(this.model, r.summary, this.context.theme.references.clause)] : [])];
    this.comments.push({ id, author: r.author, date: new Date(r.date), children: lines.map((line) => new Paragraph({ style: 'CommentText', children: [new TextRun(line)] })) });
    return id;
  }

  /** The redline's facts as custom document properties (File › Info › Properties in Word). Word caps a value at 255 characters. */
  private redlineProperties(): Array<{ name: string; value: string }> {
    const r = this.model.redline;
    if (!r) return [];
    const cap = (v: string) => (v.length > 255 ? `${v.slice(0, 254)}\u2026` : v);
    return [
      { name: 'Redline version', value: this.model.version || '(none)' },
      { name: 'Redline baseline', value: cap(r.baseMissing ? r.baseLabel : `${r.baseVersion ? `version ${r.baseVersion}` : 'the baseline'} (${r.baseLabel})`) },
      { name: 'Redline author', value: cap(r.author) },
      { name: 'Redline date', value: r.date },
      { name: 'Redline summary', value: cap(countsText(r.summary)) },
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
    // A running text that differs from the baseline's ("Version 16.0" → "Version 17.0") is tracked like the cover.
    const baseSide = model.redline?.sides.base;
    const runningText = (pick: (d: RenderDocument) => string): ParagraphChild[] => {
      const [was, now] = [baseSide ? pick(baseSide) : undefined, pick(model)];
      return was !== undefined && was !== now ? [this.run({ text: was }, { change: 'del' }), this.run({ text: now }, { change: 'ins' })] : [new TextRun(now)];
    };
    const header = new Header({
      children: [
        new Paragraph({
          style: 'Header',
          border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: theme.colours.tableBorder, space: 4 } },
          children: [...runningText((d) => d.running.headerLeft), new TextRun({ children: [new Tab()] }), ...runningText((d) => d.running.headerRight)],
        }),
      ],
    });
    const footer = new Footer({ children: [new Paragraph({ style: 'Footer', children: [...runningText((d) => d.running.footerLeft), new TextRun({ children: [new Tab()] }), this.pageLabel()] })] });
    const pages = (side: RenderDocument) => estimatePages(side, theme, theme.fonts.docx);
    const r = model.redline;
    // A redline caches each side's own page numbers, so Accept All and Reject All leave each version's contents. A
    // document without contents is not laid out at all: the numbers are for nothing else.
    const contents: FileChild[] = model.contents.length
      ? [
          new Paragraph({ style: 'ContentsHeading', children: [new TextRun(model.contentsTitle)] }),
          contentsField(model.contents, {
            next: pages(r ? r.sides.next : model),
            base: r?.sides.base ? pages(r.sides.base) : new Map<string, number>(),
            tabStop: this.g.textWidth,
            revision: r ? () => this.revisionAttributes() : undefined,
          }) as unknown as FileChild,
        ]
      : [];
    this.breakBeforeNext = true;
    const body = this.blocks(model.body, 'body');
    this.breakBeforeNext = false;
    // The cover's last paragraph takes its section's properties, which only the package's own paragraphs can.
    this.objectsOnly = true;
    const cover = this.cover();
    this.objectsOnly = false;
    return new Document({
      title: model.metadata.title,
      subject: model.metadata.subject,
      creator: model.metadata.author,
      lastModifiedBy: model.metadata.author,
      keywords: model.metadata.keywords.join('; '),
      description: `${model.reference}, ${model.running.footerLeft}`,
      ...(model.redline ? { customProperties: this.redlineProperties() } : {}),
      revision: 1,
      externalStyles: externalStyles(theme),
      styles: documentStyles(theme, this.g),
      numbering: documentNumbering(this.g),
      footnotes: this.footnotes,
      ...(model.redline ? { features: { trackRevisions: true } } : {}),
      ...(this.comments.length ? { comments: { children: this.comments } } : {}),
      sections: [
        { properties: { page }, children: cover },
        { properties: { page, type: SectionType.NEXT_PAGE }, headers: { default: header }, footers: { default: footer }, children: [...contents, ...body] },
      ],
    });
  }
}

/**
 * The package's parts as the docx compiler writes them, before its Packer zips them: they are zipped once, by
 * deterministicDocx. The compiler is the one Packer itself uses (a static member its typings keep private).
 */
function packageParts(document: Document, rawRuns: readonly string[]): DocxPart[] {
  const compiler = (Packer as unknown as { compiler: { compile(file: Document, prettify?: undefined, overrides?: unknown[]): Map<string, string | ArrayBufferView | ArrayBuffer> } }).compiler;
  const bytes = (data: ArrayBufferView | ArrayBuffer) => (ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
  return [...compiler.compile(document, undefined, [])].map(([name, data]) => ({ name, data: typeof data === 'string' ? (name.endsWith('.xml') ? fillRawRuns(data, rawRuns) : data) : bytes(data) }));
}

/** `plainRunsAsXml: false` builds every run as the docx package's objects (what the XML written directly must equal). */
export async function renderDocx(model: RenderDocument, context: RenderContext, options: { plainRunsAsXml?: boolean } = {}): Promise<RenderResult> {
  const writer = new DocxWriter(model, context, options.plainRunsAsXml ?? true);
  const document = writer.document();
  const bytes = deterministicDocx(packageParts(document, writer.rawRuns), model.metadata.date, { company: context.theme.organisation, application: 'regmark' });
  return { bytes, warnings: writer.warnings };
}
