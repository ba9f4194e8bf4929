/**
 * Render model → pages. A small typesetter: lines are broken by `breakLines`, then placed on pages with the house
 * rules — a heading keeps with what follows, a paragraph leaves no single line behind or alone at the top of a page,
 * a table row never splits (its header row repeats on every page the table runs onto), and a footnote's text sits at
 * the foot of the page that carries its mark. Every piece of content is tied to a structure node, so the PDF can
 * be tagged; everything else (running heads, rules, shading, repeated headers) is an artifact.
 */
import { charsAcross, columnFractions } from './columns.js';
import { breakLines, changeStyle, toPieces, type InlineTheme, type Line, type Measurer, type PieceStyle } from './lines.js';
import { changeItemLine, redlineCoverLines } from '../redline/coverText.js';
import { pageGeometry, SPACING, type PageGeometry } from './metrics.js';
import type { DocumentLayout, Op, OutlineEntry, PageLayout, StructNode } from './types.js';
import { documentAnchor } from '../../document/anchors.js';
import type { Block, BlockChange, ClauseBlock, DefinitionsBlock, Footnote, Inline, ListBlock, RenderDocument, SubParagraphBlock, TableBlock } from '../../model/document.js';
import type { Theme } from '../../theme/theme.js';

interface Context {
  left: number;
  width: number;
  struct: StructNode;
  /** The list element that consecutive clauses or sub-paragraphs share. */
  list?: StructNode;
  /** Directly in a section: text that is not a clause lines up with the clauses' text. */
  sectionBody?: boolean;
  /** Text style overrides (muted cover text, italic quotes). */
  base?: Partial<PieceStyle>;
  size?: number;
}

interface LaidFootnote {
  number: number;
  /** Lines with their x offset (label at 0, text at the hanging indent). */
  lines: Line[];
  height: number;
  /** Where the mark is in the structure: the note is tagged beside it. */
  owner?: StructNode;
}

const FOOTNOTE_SEPARATOR = 8;

export interface LayoutOptions {
  /**
   * Only where things fall is wanted (the anchors' pages, for the Word page estimate): what would be drawn is not
   * kept, and the pages come back empty.
   */
  placesOnly?: boolean;
}

/** A page's drawing that is not kept: placing is decided by heights and positions alone, never by what was drawn. */
class Undrawn extends Array<Op> {
  override push(): number {
    return 0;
  }
}

export class PageLayouter {
  readonly g: PageGeometry;
  private readonly pages: PageLayout[] = [];
  private page!: PageLayout;
  private y = 0;
  private readonly anchors = new Map<string, { page: number; y: number }>();
  private readonly outline: OutlineEntry[] = [];
  private readonly warnings: string[] = [];
  private nodeCount = 0;
  readonly root: StructNode;
  private readonly footnoteTexts = new Map<number, Footnote>();
  private pageFootnotes: LaidFootnote[] = [];
  private placedFootnotes = new Set<number>();
  private readonly body: InlineTheme;

  constructor(
    private readonly model: RenderDocument,
    private readonly theme: Theme,
    private readonly m: Measurer,
    private readonly options: LayoutOptions = {},
  ) {
    this.g = pageGeometry(theme);
    this.root = this.node('Document');
    for (const f of model.footnotes) this.footnoteTexts.set(f.number, f);
    this.body = { size: theme.sizes.body, colour: theme.colours.text, linkColour: theme.colours.link, lineHeight: theme.spacing.lineHeight, insertedColour: theme.colours.inserted, deletedColour: theme.colours.deleted };
  }

  // ------------------------------------------------------------ redlines

  /** The change of the block being laid out: its text is styled as inserted or deleted, and its lines get change bars. */
  private ambient: { change: BlockChange; style: Partial<PieceStyle> } | undefined;

  private withChange(change: BlockChange | undefined, ctx: Context, layout: () => void): void {
    if (!change || !this.model.redline) return layout();
    if (this.ambient) {
      if (change.note) this.changeNote(change, ctx);
      return layout();
    }
    const style = change.kind === 'inserted' ? changeStyle('ins', this.body) : change.kind === 'movedTo' ? {} : changeStyle('del', this.body);
    if (change.note) this.changeNote(change, ctx);
    this.ambient = { change, style };
    try {
      layout();
    } finally {
      this.ambient = undefined;
    }
  }

  /** "retained from …", "moved to …": a small line above the changed block, in the change's colour. */
  private changeNote(change: BlockChange, ctx: Context): void {
    const colour = change.kind === 'inserted' || change.kind === 'movedTo' ? this.theme.colours.inserted : this.theme.colours.deleted;
    const size = this.theme.sizes.small;
    const p = this.node('P', ctx.struct);
    const theme: InlineTheme = { ...this.body, size };
    const lines = breakLines(toPieces([{ kind: 'text', text: `[${change.note}]` }], theme, { font: 'italic', colour }), ctx.width - this.g.clauseIndent, this.m, theme, this.options.placesOnly);
    this.space(2);
    this.placeLines(lines, ctx.left + this.g.clauseIndent, p, { keepWithNext: 2 * this.lineHeight() });
  }

  /** A change bar in the left margin beside a line that holds a change. */
  private changeBar(line: Line, top: number): void {
    if (!this.model.redline) return;
    if (!this.ambient && !line.segments.some((s) => s.style.change)) return;
    const x = this.g.left - 12;
    this.page.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: top + line.height, width: 1.5, colour: this.theme.colours.accent });
  }

  node(type: string, parent?: StructNode, extra: Partial<StructNode> = {}): StructNode {
    return { id: ++this.nodeCount, type, ...(parent ? { parent } : {}), ...extra };
  }

  // ------------------------------------------------------------ pages

  /**
   * Where the content kept with what follows (a heading, a change note, a lead that introduces a table) began on
   * this page. Until the next block's first lines are placed, a page break carries it over to the new page with them,
   * so no heading is left at a page's foot however the next block is made up.
   */
  private keep: { page: number; ops: number; y: number; notes: number } | undefined;

  private armKeep(): void {
    this.keep ??= { page: this.pages.length - 1, ops: this.page.ops.length, y: this.y, notes: this.pageFootnotes.length };
  }

  /** A page break in running content: what is kept with the next block moves with it. */
  private breakPage(): void {
    const keep = this.keep;
    this.keep = undefined;
    // Only what sits on this page, below its top, and has no footnote of its own placed since, can move.
    if (!keep || keep.page !== this.pages.length - 1 || keep.y <= this.g.top + 0.01 || keep.notes !== this.pageFootnotes.length) return this.newPage(true);
    const from = this.pages.length - 1;
    const moved = this.page.ops.splice(keep.ops);
    const height = this.y - keep.y;
    this.newPage(true);
    const dy = this.y - keep.y;
    for (const op of moved) this.page.ops.push(shiftOp(op, dy));
    for (const [name, at] of this.anchors) if (at.page === from && at.y >= keep.y - 0.01) this.anchors.set(name, { page: from + 1, y: at.y + dy });
    this.y += height;
  }

  private newPage(running: boolean): void {
    if (this.page) this.closePage();
    this.page = { ops: this.options.placesOnly ? new Undrawn() : [], running };
    this.pages.push(this.page);
    this.y = this.g.top;
    this.pageFootnotes = [];
  }

  private atTop(): boolean {
    return this.y <= this.g.top + 0.01;
  }

  private footnoteReserve(extra: LaidFootnote[] = []): number {
    const all = [...this.pageFootnotes, ...extra];
    if (!all.length) return 0;
    return FOOTNOTE_SEPARATOR + all.reduce((n, f) => n + f.height, 0);
  }

  private limit(extra: LaidFootnote[] = []): number {
    return this.g.bottom - this.footnoteReserve(extra);
  }

  private fits(height: number, extra: LaidFootnote[] = []): boolean {
    return this.y + height <= this.limit(extra) + 0.01;
  }

  /** Footnotes at the foot of the page, above the bottom margin, after a short rule. */
  private closePage(): void {
    if (!this.pageFootnotes.length) return;
    let y = this.g.bottom - this.footnoteReserve() + FOOTNOTE_SEPARATOR;
    this.page.ops.push({ kind: 'line', x1: this.g.left, y1: y - FOOTNOTE_SEPARATOR / 2, x2: this.g.left + 50, y2: y - FOOTNOTE_SEPARATOR / 2, width: 0.5, colour: this.theme.colours.muted });
    for (const f of this.pageFootnotes) {
      const note = this.node('Note', f.owner ?? this.root);
      const p = this.node('P', note);
      const label = this.node('Lbl', p);
      f.lines.forEach((line, i) => {
        if (i === 0) {
          const size = this.theme.sizes.footnote;
          this.page.ops.push({ kind: 'text', x: this.g.left, y: y + line.ascent, text: String(f.number), style: { font: 'regular', size, colour: this.theme.colours.text }, struct: label });
        }
        this.emitLine(line, this.g.left + SPACING.footnoteIndent, y, p);
        y += line.height;
      });
      y += SPACING.footnoteAfter;
    }
  }

  private layoutFootnote(number: number, owner: StructNode): LaidFootnote {
    const f = this.footnoteTexts.get(number);
    const theme: InlineTheme = { ...this.body, size: this.theme.sizes.footnote, lineHeight: Math.max(1, this.theme.spacing.lineHeight - 0.1) };
    const inlines: Inline[] = [];
    for (const b of f?.children ?? []) {
      if (inlines.length) inlines.push({ kind: 'break' });
      inlines.push(...flattenBlock(b));
    }
    const changed = f?.change ? changeStyle(f.change.kind === 'inserted' ? 'ins' : 'del', this.body) : undefined;
    const lines = breakLines(toPieces(inlines, theme, changed), this.g.textWidth - SPACING.footnoteIndent, this.m, theme, this.options.placesOnly);
    return { number, lines, height: lines.reduce((n, l) => n + l.height, 0) + SPACING.footnoteAfter, owner };
  }

  // ------------------------------------------------------------ placing lines

  /** Footnotes whose first mark is on these lines and which are not placed yet. */
  private notesFor(lines: Line[], owner: StructNode): LaidFootnote[] {
    const out: LaidFootnote[] = [];
    for (const line of lines) for (const n of line.footnotes) if (!this.placedFootnotes.has(n) && !out.some((f) => f.number === n)) out.push(this.layoutFootnote(n, owner));
    return out;
  }

  private emitLine(line: Line, x: number, top: number, struct: StructNode, artifact = false): void {
    // A layout for places alone draws nothing: its lines' text, links, tags and bars would all be dropped.
    if (this.options.placesOnly) return;
    const baseline = top + line.ascent;
    this.changeBar(line, top);
    const links = new Map<number, StructNode>();
    line.segments.forEach((seg, index) => {
      let owner: StructNode | undefined = artifact ? undefined : struct;
      if (seg.style.link && !artifact) {
        const key = seg.style.link.id;
        let linkNode = this.linkNodes.get(key);
        if (!linkNode) {
          linkNode = this.node('Link', struct, { alt: seg.style.link.text });
          this.linkNodes.set(key, linkNode);
        }
        links.set(key, linkNode);
        owner = linkNode;
        if (seg.text.trim()) this.page.ops.push({ kind: 'link', x: x + seg.x, y: top, w: seg.width, h: line.height, target: seg.style.link.target, text: seg.style.link.text, struct: linkNode });
      } else if (seg.style.footnote && !artifact) {
        owner = this.node('Reference', struct);
      } else if (seg.style.change && !artifact && seg.text.trim()) {
        // Changed words are a span of their own that says what they are, for screen readers and tag-aware extraction.
        owner = this.node('Span', struct, { alt: `${seg.style.change === 'del' ? 'deleted' : 'inserted'}: ${seg.text.trim()}` });
      }
      // A space after the last word keeps words apart when the text is extracted; it is drawn past the line's end.
      const text = line.softEnd && index === line.segments.length - 1 ? `${seg.text} ` : seg.text;
      this.page.ops.push({ kind: 'text', x: x + seg.x, y: baseline - (seg.style.rise ?? 0), text, style: seg.style, width: seg.width, ...(owner ? { struct: owner } : {}) });
    });
  }

  private readonly linkNodes = new Map<number, StructNode>();

  /**
   * Places lines at x, moving to a new page where they do not fit. Keeps the first two and last two lines of a
   * paragraph together, and a line's footnotes on its page.
   */
  private placeLines(lines: Line[], x: number, struct: StructNode, options: { label?: { text: string; x: number; style: PieceStyle; struct: StructNode }; anchor?: string; keepWithNext?: number } = {}): void {
    const n = lines.length;
    for (let i = 0; i < n; i++) {
      const line = lines[i]!;
      // How much must fit with this line: the first two lines go together, and so do the last two.
      // A heading (keepWithNext) goes whole, with room for what follows it.
      let group = [line];
      if (options.keepWithNext) group = i === 0 ? lines : [];
      else if (i === 0 && n >= 2) group = lines.slice(0, n === 3 ? 3 : 2);
      else if (i === n - 2 && n >= 3) group = lines.slice(i, n);
      let need = group.reduce((h, l) => h + l.height, 0);
      if (i === 0 && options.keepWithNext) need += options.keepWithNext;
      const notes = this.notesFor(group, struct);
      if (group.length && !this.fits(need, notes) && !this.atTop()) this.breakPage();
      if (i === 0 && options.keepWithNext) this.armKeep();
      if (i === 0) {
        if (options.anchor) this.anchor(options.anchor);
        // The space after a label keeps it apart from the text when the two share a structure element (headings).
        if (options.label) this.page.ops.push({ kind: 'text', x: options.label.x, y: this.y + line.ascent, text: `${options.label.text} `, style: options.label.style, struct: options.label.struct });
      }
      this.emitLine(line, x, this.y, struct);
      for (const f of this.notesFor([line], struct)) {
        this.pageFootnotes.push(f);
        this.placedFootnotes.add(f.number);
      }
      this.y += line.height;
      // The first lines of what follows a kept block are placed: nothing is carried any more.
      if (!options.keepWithNext && i === Math.min(1, n - 1)) this.keep = undefined;
    }
  }

  private anchor(name: string): void {
    // The old place of a moved provision: its name belongs to the new place.
    if (this.ambient?.change.kind === 'movedFrom') return;
    this.page.ops.push({ kind: 'dest', name, y: this.y });
    if (!this.anchors.has(name)) this.anchors.set(name, { page: this.pages.length - 1, y: this.y });
  }

  private space(points: number): void {
    if (!this.atTop()) this.y = Math.min(this.y + points, this.limit());
  }

  private lineHeight(size = this.theme.sizes.body): number {
    return this.m.lineSpacing('regular', size) * this.theme.spacing.lineHeight;
  }

  private style(ctx: Context, over: Partial<PieceStyle> = {}): PieceStyle {
    return { font: 'regular', size: ctx.size ?? this.theme.sizes.body, colour: this.theme.colours.text, ...ctx.base, ...over, ...this.ambient?.style };
  }

  private inlineTheme(ctx: Context): InlineTheme {
    return { ...this.body, size: ctx.size ?? this.body.size, ...(ctx.base?.colour ? { colour: ctx.base.colour } : {}), ...(ctx.base?.font ? { font: ctx.base.font } : {}) };
  }

  private lines(inlines: readonly Inline[], width: number, ctx: Context, base: Partial<PieceStyle> = {}): Line[] {
    const theme = this.inlineTheme(ctx);
    return breakLines(toPieces(inlines, theme, { ...ctx.base, ...base, ...this.ambient?.style }), width, this.m, theme, this.options.placesOnly);
  }

  // ------------------------------------------------------------ blocks

  private blocks(blocks: readonly Block[], ctx: Context): void {
    for (const block of blocks) {
      if (block.kind !== 'clause' && block.kind !== 'subParagraph') delete ctx.list;
      this.block(block, ctx);
    }
    delete ctx.list;
  }

  private block(block: Block, outer: Context): void {
    this.withChange(block.change, outer, () => this.unchangedBlock(block, outer));
  }

  private unchangedBlock(block: Block, outer: Context): void {
    const after = this.theme.spacing.paragraphAfter;
    const loose = outer.sectionBody && ['paragraph', 'list', 'table', 'quote', 'code', 'rule'].includes(block.kind);
    const ctx: Context = loose ? { ...outer, left: outer.left + this.g.clauseIndent, width: outer.width - this.g.clauseIndent, sectionBody: false } : outer;
    switch (block.kind) {
      case 'section':
        this.section(block, ctx);
        return;
      case 'heading': {
        const level = block.level;
        const spacing = level === 2 ? SPACING.heading2 : SPACING.heading3;
        const size = level === 2 ? this.theme.sizes.heading2 : this.theme.sizes.heading3;
        const node = this.node(`H${level}`, ctx.struct);
        this.space(spacing.before);
        const lines = this.lines(block.content, ctx.width - this.g.clauseIndent, { ...ctx, size }, { font: level === 2 ? 'bold' : 'boldItalic', colour: this.theme.colours.heading });
        this.placeLines(lines, ctx.left + this.g.clauseIndent, node, { anchor: block.anchor, keepWithNext: 2 * this.lineHeight() });
        this.y += spacing.after;
        return;
      }
      case 'clause':
        this.clause(block, ctx);
        return;
      case 'subParagraph':
        this.subParagraph(block, ctx);
        return;
      case 'paragraph': {
        const p = this.node('P', ctx.struct);
        // A caption stays with the head of its table, as a heading does with its text.
        this.placeLines(this.lines(block.content, ctx.width, ctx), ctx.left, p, block.caption ? { keepWithNext: this.tableHeadRoom() } : {});
        this.y += after;
        return;
      }
      case 'list':
        this.list(block, ctx);
        return;
      case 'table':
        this.table(block, ctx);
        return;
      case 'definitions':
        this.definitions(block, ctx);
        return;
      case 'quote': {
        const q = this.node('BlockQuote', ctx.struct);
        this.blocks(block.children, { ...ctx, left: ctx.left + this.g.subIndent, width: ctx.width - 2 * this.g.subIndent, struct: q, base: { ...ctx.base, font: 'italic' } });
        return;
      }
      case 'code': {
        const p = this.node('P', ctx.struct);
        const size = this.theme.sizes.table;
        const lines = block.text.split('\n').flatMap((text) => this.lines([{ kind: 'code', text: text || ' ' }], ctx.width, { ...ctx, size }));
        this.placeLines(lines, ctx.left, p);
        this.y += after;
        return;
      }
      case 'rule':
        this.space(after);
        this.page.ops.push({ kind: 'line', x1: ctx.left, y1: this.y, x2: ctx.left + ctx.width, y2: this.y, width: 0.5, colour: this.theme.colours.tableBorder });
        this.y += after;
        return;
    }
  }

  private section(block: Extract<Block, { kind: 'section' }>, ctx: Context): void {
    const sect = this.node('Sect', ctx.struct);
    const h = this.node('H1', sect);
    this.heading1(block.number, block.title, block.anchor, h, ctx);
    this.outline.push({ title: `${block.number} ${block.titleText}`.trim(), anchor: block.anchor });
    this.blocks(block.children, { left: ctx.left, width: ctx.width, struct: sect, sectionBody: true });
  }

  private heading1(number: string | undefined, title: readonly Inline[], anchor: string, node: StructNode, ctx: Context): void {
    const size = this.theme.sizes.heading1;
    const style: Partial<PieceStyle> = { font: 'bold', colour: this.theme.colours.heading };
    this.space(SPACING.heading1.before);
    const lines = this.lines(title, ctx.width - this.g.clauseIndent, { ...ctx, size }, style);
    const label = number ? { text: number, x: ctx.left, style: this.style({ ...ctx, size }, style), struct: node } : undefined;
    this.placeLines(lines, ctx.left + (number ? this.g.clauseIndent : 0), node, { anchor, keepWithNext: 2 * this.lineHeight() + SPACING.heading1.after, ...(label ? { label } : {}) });
    this.y += SPACING.heading1.after;
  }

  /** Room for a table's header row and first row: what a caption or a lead introducing a table keeps with. */
  private tableHeadRoom(): number {
    return 3 * this.lineHeight(this.theme.sizes.table) + 4 * SPACING.cellY;
  }

  /** A clause or sub-paragraph: the number (or label) hangs at the left, the text runs at `textX`. */
  private hanging(kind: 'clause' | 'sub', block: ClauseBlock | SubParagraphBlock, ctx: Context, indent: number): void {
    ctx.list ??= this.node('L', ctx.struct);
    const li = this.node('LI', ctx.list);
    const lbl = this.node('Lbl', li);
    const body = this.node('LBody', li);
    const p = this.node('P', body);
    const textX = ctx.left + indent;
    const width = ctx.width - indent;
    const labelText = kind === 'clause' ? (block as ClauseBlock).number : (block as SubParagraphBlock).label;
    const lead = block.lead.length ? this.lines(block.lead, width, ctx) : [];
    const label = { text: labelText, x: ctx.left, style: this.style(ctx), struct: lbl };
    // A lead that introduces a table ("as follows:") stays with the table's first rows.
    const introducesTable = block.children[0]?.kind === 'table';
    if (lead.length) this.placeLines(lead, textX, p, { label, anchor: block.anchor, ...(introducesTable ? { keepWithNext: this.tableHeadRoom() } : {}) });
    else {
      // Nothing before the first table or list: the number stands on its own line.
      if (!this.fits(this.lineHeight())) this.breakPage();
      this.keep = undefined;
      this.anchor(block.anchor);
      this.page.ops.push({ kind: 'text', x: label.x, y: this.y + this.m.ascent('regular', this.theme.sizes.body), text: label.text, style: label.style, struct: lbl });
      this.y += this.lineHeight();
    }
    this.y += this.theme.spacing.paragraphAfter;
    this.blocks(block.children, { left: textX, width, struct: body, ...(ctx.base ? { base: ctx.base } : {}) });
  }

  private clause(block: ClauseBlock, ctx: Context): void {
    this.hanging('clause', block, ctx, this.g.clauseIndent);
  }

  private subParagraph(block: SubParagraphBlock, ctx: Context): void {
    this.hanging('sub', block, ctx, this.g.subIndent);
  }

  private list(block: ListBlock, ctx: Context): void {
    const l = this.node('L', ctx.struct);
    block.items.forEach((item, i) => {
      const li = this.node('LI', l);
      const lbl = this.node('Lbl', li);
      const body = this.node('LBody', li);
      const labelText = block.ordered ? `${block.start + i}.` : '\u2022';
      const [first, ...rest] = item;
      const textX = ctx.left + this.g.subIndent;
      const width = ctx.width - this.g.subIndent;
      if (first?.kind === 'paragraph') {
        const p = this.node('P', body);
        this.placeLines(this.lines(first.content, width, ctx), textX, p, { label: { text: labelText, x: ctx.left + (block.ordered ? 0 : 2), style: this.style(ctx), struct: lbl } });
        this.y += this.theme.spacing.paragraphAfter;
        this.blocks(rest, { left: textX, width, struct: body });
      } else this.blocks(item, { left: textX, width, struct: body });
    });
  }

  private definitions(block: DefinitionsBlock, ctx: Context): void {
    let struct = ctx.struct;
    if (block.title) {
      struct = this.node('Sect', ctx.struct);
      this.heading1(undefined, [{ kind: 'text', text: block.title }], block.anchor, this.node('H1', struct), ctx);
      this.outline.push({ title: block.title, anchor: block.anchor });
    } else {
      if (!this.fits(3 * this.lineHeight()) && !this.atTop()) this.breakPage();
      this.anchor(block.anchor);
    }
    const div = this.node('Div', struct);
    const x = ctx.left + this.g.clauseIndent;
    const width = ctx.width - this.g.clauseIndent;
    for (const entry of block.entries) this.withChange(entry.change, { ...ctx, left: x - this.g.clauseIndent, width: width + this.g.clauseIndent, struct: div }, () => {
      if (entry.heading) {
        const h = this.node('H3', div);
        this.space(SPACING.heading3.before);
        const lines = this.lines([{ kind: 'text', text: entry.heading }], width, { ...ctx, size: this.theme.sizes.heading3 }, { font: 'boldItalic', colour: this.theme.colours.heading });
        this.placeLines(lines, x, h, { keepWithNext: 2 * this.lineHeight() });
        this.y += SPACING.heading3.after;
      }
      const p = this.node('P', div);
      const inlines: Inline[] = [{ kind: 'strong', children: [{ kind: 'text', text: entry.term }] }, { kind: 'text', text: ' ' }, ...entry.lead];
      this.placeLines(this.lines(inlines, width, ctx), x, p, { anchor: entry.anchor });
      this.y += this.theme.spacing.paragraphAfter;
      this.blocks(entry.children, { left: x, width, struct: div });
    });
  }

  // ------------------------------------------------------------ tables

  private table(block: TableBlock, ctx: Context, options: { fractions?: number[]; headerRow?: boolean; rowHeader?: boolean } = {}): void {
    const tableNode = this.node('Table', ctx.struct);
    const fractions = options.fractions ?? columnFractions(block, charsAcross(ctx.width, this.theme.sizes.table));
    const widths = fractions.map((f) => f * ctx.width);
    const size = this.theme.sizes.table;
    const cellTheme: Context = { ...ctx, size };
    const layoutRow = (cells: TableBlock['header'], header: boolean) =>
      cells.map((cell, i) => {
        const w = Math.max(10, widths[i]! - 2 * SPACING.cellX);
        const bold = header || (options.rowHeader === true && i === 0);
        return this.lines(cell.content, w, cellTheme, bold ? { font: 'bold' } : {});
      });
    const heightOf = (cellLines: Line[][]) => Math.max(...cellLines.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * SPACING.cellY;
    const hasHeader = options.headerRow !== false && block.header.some((c) => c.content.length);
    const headerLines = hasHeader ? layoutRow(block.header, true) : [];
    const headerHeight = hasHeader ? heightOf(headerLines) : 0;
    const colour = this.theme.colours.tableBorder;
    const drawRow = (cellLines: Line[][], top: number, height: number, header: boolean, structRow: StructNode | undefined, cellKind: (i: number) => { type: string; scope?: 'Column' | 'Row' }) => {
      if (header) this.page.ops.push({ kind: 'rect', x: ctx.left, y: top, w: ctx.width, h: height, fill: this.theme.colours.tableHeader });
      let x = ctx.left;
      cellLines.forEach((lines, i) => {
        const kind = cellKind(i);
        const cellNode = structRow ? this.node(kind.type, structRow, kind.scope ? { scope: kind.scope } : {}) : undefined;
        let y = top + SPACING.cellY;
        const align = block.align[i];
        for (const line of lines) {
          const offset = align === 'right' ? widths[i]! - 2 * SPACING.cellX - line.width : align === 'center' ? (widths[i]! - 2 * SPACING.cellX - line.width) / 2 : 0;
          if (cellNode) this.emitLine(line, x + SPACING.cellX + offset, y, cellNode);
          else this.emitLine(line, x + SPACING.cellX + offset, y, this.root, true);
          for (const f of cellNode ? this.notesFor([line], cellNode) : []) {
            this.pageFootnotes.push(f);
            this.placedFootnotes.add(f.number);
          }
          y += line.height;
        }
        x += widths[i]!;
      });
      // Borders: a box per row, with column rules.
      this.page.ops.push({ kind: 'line', x1: ctx.left, y1: top, x2: ctx.left + ctx.width, y2: top, width: 0.5, colour });
      this.page.ops.push({ kind: 'line', x1: ctx.left, y1: top + height, x2: ctx.left + ctx.width, y2: top + height, width: 0.5, colour });
      let cx = ctx.left;
      for (let i = 0; i <= widths.length; i++) {
        this.page.ops.push({ kind: 'line', x1: cx, y1: top, x2: cx, y2: top + height, width: 0.5, colour });
        cx += widths[i] ?? 0;
      }
    };
    const headerKind = () => ({ type: 'TH', scope: 'Column' as const });
    const bodyKind = (i: number) => (options.rowHeader && i === 0 ? { type: 'TH', scope: 'Row' as const } : { type: 'TD' });
    const placeHeader = (repeat: boolean) => {
      if (!hasHeader) return;
      drawRow(headerLines, this.y, headerHeight, true, repeat ? undefined : this.node('TR', tableNode), headerKind);
      this.y += headerHeight;
    };
    // The header row goes with at least the first body row.
    const rows = block.rows.map((r) => layoutRow(r, false));
    const firstNeed = headerHeight + (rows[0] ? heightOf(rows[0]) : 0);
    if (!this.fits(Math.min(firstNeed, this.g.bottom - this.g.top)) && !this.atTop()) this.breakPage();
    placeHeader(false);
    for (const cellLines of rows) {
      const height = heightOf(cellLines);
      const notes = this.notesFor(cellLines.flat(), tableNode);
      if (!this.fits(height, notes)) {
        const room = this.g.bottom - this.g.top - headerHeight;
        if (height <= room || !this.atTop()) {
          // Before the first body row, the header (and what is kept with the table) moves with it.
          const carried = this.keep !== undefined;
          this.breakPage();
          if (!carried) placeHeader(true);
        }
      }
      if (!this.fits(height, notes)) {
        this.splitRow(cellLines, tableNode, (chunk, h, row) => drawRow(chunk, this.y, h, false, row, bodyKind), () => {
          this.newPage(true);
          placeHeader(true);
        });
        continue;
      }
      drawRow(cellLines, this.y, height, false, this.node('TR', tableNode), bodyKind);
      this.y += height;
      this.keep = undefined;
    }
    this.keep = undefined;
    this.y += this.theme.spacing.paragraphAfter;
  }

  /** A row taller than a page: split between lines (never through one), continuing on the next page. */
  private splitRow(cellLines: Line[][], tableNode: StructNode, draw: (chunk: Line[][], height: number, row: StructNode) => void, nextPage: () => void): void {
    const rest = cellLines.map((ls) => [...ls]);
    const row = this.node('TR', tableNode);
    this.warnings.push('a table row is taller than a page and is split between its lines');
    while (rest.some((ls) => ls.length)) {
      const room = this.limit() - this.y - 2 * SPACING.cellY;
      const chunk = rest.map((ls) => {
        const take: Line[] = [];
        let h = 0;
        while (ls.length && h + ls[0]!.height <= room) {
          h += ls[0]!.height;
          take.push(ls.shift()!);
        }
        return take;
      });
      if (chunk.every((c) => !c.length)) {
        // Not even one line fits here: a fresh page always takes one.
        nextPage();
        continue;
      }
      const height = Math.max(...chunk.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * SPACING.cellY;
      draw(chunk, height, row);
      this.y += height;
      if (rest.some((ls) => ls.length)) nextPage();
    }
  }

  // ------------------------------------------------------------ cover and contents

  private cover(): void {
    const { model, theme, g } = this;
    this.newPage(false);
    const ctx: Context = { left: g.left, width: g.textWidth, struct: this.root };
    this.y = g.top + 90;
    this.anchor(documentAnchor(model.code));
    const ref = this.node('P', this.root);
    this.placeLines(this.lines([{ kind: 'text', text: model.cover.reference }], g.textWidth, { ...ctx, size: theme.sizes.heading1 }, { font: 'bold', colour: theme.colours.accent }), g.left, ref);
    this.y += 8;
    const title = this.node('H1', this.root);
    const titleTheme = { ...ctx, size: theme.sizes.title };
    this.placeLines(this.lines([{ kind: 'text', text: model.cover.title }], g.textWidth, titleTheme, { font: 'bold', colour: theme.colours.heading }), g.left, title);
    this.y += 24;
    const facts: TableBlock = {
      kind: 'table',
      align: [null, null],
      header: [{ content: [] }, { content: [] }],
      rows: model.cover.facts.map((f) => [
        { content: [{ kind: 'text', text: f.label }] },
        {
          content:
            f.change && model.redline
              ? [{ kind: f.change === 'deleted' ? 'deletion' : 'insertion', children: [{ kind: 'text', text: f.value }] }]
              : f.was !== undefined && model.redline
                ? [{ kind: 'deletion', children: [{ kind: 'text', text: f.was }] }, { kind: 'text', text: ' ' }, { kind: 'insertion', children: [{ kind: 'text', text: f.value }] }]
                : [{ kind: 'text', text: f.value }],
        },
      ]),
    };
    const labelShare = SPACING.coverLabelWidth / g.textWidth;
    this.table(facts, ctx, { fractions: [labelShare, 1 - labelShare], headerRow: false, rowHeader: true });
    this.y += 12;
    if (model.redline) this.redlineSummary(ctx);
    for (const b of model.cover.notice) this.notice(b, ctx);
    const muted: Context = { ...ctx, base: { colour: theme.colours.muted } };
    this.blocks(model.cover.preamble, muted);
    this.blocks(model.cover.boilerplate, muted);
  }

  /**
   * The first page of a redline: what it compares, a legend, the counts, and each changed clause with the page it is
   * on, linked to it.
   */
  private redlineSummary(ctx: Context): void {
    const { theme, g, model } = this;
    const r = model.redline!;
    const heading = this.node('H2', ctx.struct);
    this.placeLines(this.lines([{ kind: 'text', text: `Changes against ${r.baseMissing ? r.baseLabel : `version ${r.baseVersion || '(none)'}`}` }], g.textWidth, { ...ctx, size: theme.sizes.heading2 }, { font: 'bold', colour: theme.colours.heading }), g.left, heading);
    this.y += 4;
    const small: Context = { ...ctx, size: theme.sizes.small, base: { colour: theme.colours.muted } };
    for (const text of redlineCoverLines(model)) {
      const p = this.node('P', ctx.struct);
      this.placeLines(this.lines([{ kind: 'text', text }], g.textWidth, small), g.left, p);
    }
    const legend = this.node('P', ctx.struct);
    const legendLines = this.lines(
      [
        { kind: 'text', text: 'Legend: ' },
        { kind: 'insertion', children: [{ kind: 'text', text: 'Inserted text' }] },
        { kind: 'text', text: ', ' },
        { kind: 'deletion', children: [{ kind: 'text', text: 'Deleted text' }] },
        { kind: 'text', text: '; a bar in the left margin marks each changed line; notes in [brackets] say where a clause was retained or moved from.' },
      ],
      g.textWidth,
      small,
    );
    this.y += 2;
    this.placeLines(legendLines, g.left, legend);
    this.y += 6;
    const toc = this.node('TOC', ctx.struct);
    const style = this.style(small);
    const numberWidth = 28;
    for (const c of r.summary.clauses) {
      const item = this.node('TOCI', toc);
      const label = changeItemLine(model, c, theme.references.clause);
      const link = this.node('Link', item, { alt: label });
      const lines = this.lines([{ kind: 'text', text: label }], g.textWidth - numberWidth - 12, small);
      const height = lines.reduce((h, l) => h + l.height, 0);
      if (!this.fits(height)) this.newPage(this.page.running);
      const top = this.y;
      this.placeLines(lines, g.left, link);
      if (!c.anchor) continue;
      const last = lines.at(-1)!;
      const baseline = this.y - last.height + last.ascent;
      const from = g.left + last.width + 6;
      const to = g.right - numberWidth;
      if (to > from) this.page.ops.push({ kind: 'line', x1: from, y1: baseline, x2: to, y2: baseline, width: 0.8, colour: theme.colours.muted, dash: true });
      this.page.ops.push({ kind: 'pageRef', anchor: c.anchor, xRight: g.right, y: baseline, style, struct: link });
      this.page.ops.push({ kind: 'link', x: g.left, y: top, w: g.textWidth, h: this.y - top, target: { kind: 'internal', anchor: c.anchor }, text: label, struct: link });
    }
    this.y += 12;
  }

  /** A shaded box with an accent bar: the status notice on the cover. */
  private notice(block: Block, ctx: Context): void {
    const inset = 8;
    const p = this.node('P', ctx.struct);
    const content = block.kind === 'paragraph' ? block.content : flattenBlock(block);
    const lines = this.lines(content, ctx.width - 2 * inset - 3, ctx);
    const height = lines.reduce((h, l) => h + l.height, 0) + 2 * inset;
    if (!this.fits(height)) this.newPage(this.page.running);
    this.page.ops.push({ kind: 'rect', x: ctx.left, y: this.y, w: ctx.width, h: height, fill: this.theme.colours.tableHeader });
    this.page.ops.push({ kind: 'rect', x: ctx.left, y: this.y, w: 3, h: height, fill: this.theme.colours.accent });
    const top = this.y;
    this.y += inset;
    this.placeLines(lines, ctx.left + inset + 3, p);
    this.y = top + height + 12;
  }

  private contents(): void {
    const { model, theme, g } = this;
    if (!model.contents.length) return;
    this.newPage(true);
    const heading = this.node('H1', this.root);
    this.placeLines(this.lines([{ kind: 'text', text: model.contentsTitle }], g.textWidth, { left: g.left, width: g.textWidth, struct: heading, size: theme.sizes.heading1 }, { font: 'bold', colour: theme.colours.heading }), g.left, heading);
    this.y += 12;
    const toc = this.node('TOC', this.root);
    const numberWidth = 28;
    const ctx: Context = { left: g.left, width: g.textWidth, struct: toc };
    const style = this.style(ctx);
    for (const entry of model.contents) {
      const item = this.node('TOCI', toc);
      const link = this.node('Link', item, { alt: `${entry.number ? entry.number + ' ' : ''}${entry.title}` });
      // Deeper entries are indented by a step per level; a number hangs before its title.
      const indent = (entry.level - 1) * 14;
      const numberX = g.left + indent;
      const textX = numberX + (entry.number ? g.clauseIndent + (entry.level - 1) * 10 : 0);
      // A redline's contents show an entry only one side has as inserted or deleted, like the text.
      const title: Inline = { kind: 'text', text: entry.title };
      const lines = this.lines([entry.change ? { kind: entry.change.kind === 'deleted' ? 'deletion' : 'insertion', children: [title] } : title], g.right - numberWidth - 12 - textX, ctx);
      const height = lines.reduce((h, l) => h + l.height, 0);
      if (!this.fits(height)) this.newPage(true);
      const top = this.y;
      if (entry.number) this.page.ops.push({ kind: 'text', x: numberX, y: top + lines[0]!.ascent, text: `${entry.number} `, style, struct: link });
      this.placeLines(lines, textX, link);
      const last = lines.at(-1)!;
      const baseline = this.y - last.height + last.ascent;
      // Dot leader from the end of the title to the page number: drawn, not text.
      const from = textX + last.width + 6;
      const to = g.right - numberWidth;
      if (to > from) this.page.ops.push({ kind: 'line', x1: from, y1: baseline, x2: to, y2: baseline, width: 0.8, colour: theme.colours.muted, dash: true });
      this.page.ops.push({ kind: 'pageRef', anchor: entry.anchor, xRight: g.right, y: baseline, style, struct: link });
      this.page.ops.push({ kind: 'link', x: g.left, y: top, w: g.textWidth, h: this.y - top, target: { kind: 'internal', anchor: entry.anchor }, text: entry.title, struct: link });
      this.y += 4;
    }
  }

  layout(): DocumentLayout {
    this.cover();
    this.contents();
    this.newPage(true);
    this.blocks(this.model.body, { left: this.g.left, width: this.g.textWidth, struct: this.root, sectionBody: true });
    this.closePage();
    return { pageWidth: this.g.width, pageHeight: this.g.height, pages: this.pages, anchors: this.anchors, outline: this.outline, root: this.root, warnings: this.warnings };
  }
}

/** A drawing operation moved down the page by `dy` points. */
function shiftOp(op: Op, dy: number): Op {
  switch (op.kind) {
    case 'line':
      return { ...op, y1: op.y1 + dy, y2: op.y2 + dy };
    default:
      return { ...op, y: op.y + dy };
  }
}

/** The inline content of any block, for places that only hold text (footnotes, the notice box). */
export function flattenBlock(block: Block): Inline[] {
  switch (block.kind) {
    case 'paragraph':
      return block.content;
    case 'heading':
      return block.content;
    case 'clause':
    case 'subParagraph':
      return [{ kind: 'text', text: `${block.kind === 'clause' ? block.number : block.label} ` }, ...block.lead, ...block.children.flatMap((b) => [{ kind: 'break' } as Inline, ...flattenBlock(b)])];
    case 'section':
      return [{ kind: 'text', text: `${block.number} ` }, ...block.title, ...block.children.flatMap((b) => [{ kind: 'break' } as Inline, ...flattenBlock(b)])];
    case 'list':
      return block.items.flatMap((item, i) => [...(i ? [{ kind: 'break' } as Inline] : []), { kind: 'text', text: block.ordered ? `${block.start + i}. ` : '\u2022 ' } as Inline, ...item.flatMap(flattenBlock)]);
    case 'table':
      return [block.header, ...block.rows].flatMap((row, i) => [...(i ? [{ kind: 'break' } as Inline] : []), ...row.flatMap((c, j) => [...(j ? [{ kind: 'text', text: ' | ' } as Inline] : []), ...c.content])]);
    case 'definitions':
      return block.entries.flatMap((e, i) => [...(i ? [{ kind: 'break' } as Inline] : []), { kind: 'strong', children: [{ kind: 'text', text: e.term }] } as Inline, { kind: 'text', text: ' ' } as Inline, ...e.lead]);
    case 'quote':
      return block.children.flatMap(flattenBlock);
    case 'code':
      return [{ kind: 'code', text: block.text }];
    case 'rule':
      return [];
  }
}

export function layoutDocument(model: RenderDocument, theme: Theme, measurer: Measurer, options: LayoutOptions = {}): DocumentLayout {
  return new PageLayouter(model, theme, measurer, options).layout();
}
