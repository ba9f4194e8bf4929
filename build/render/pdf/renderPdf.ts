/**
 * Render model → PDF with pdfkit: laid out by the shared page layout, then painted. Tagged (every piece of content
 * belongs to a structure element; running heads, rules and shading are artifacts), `lang` en-GB with the document
 * title displayed, an outline entry per section, named destinations with link annotations (GoToR into another
 * document's PDF of the same build), metadata, embedded DejaVu fonts, and dates and /ID from the source date.
 */
import PDFDocument from 'pdfkit';
import { layoutDocument } from '../layout/layoutDocument.js';
import { SPACING } from '../layout/metrics.js';
import type { PieceStyle } from '../layout/lines.js';
import type { DocumentLayout, Op, StructNode } from '../layout/types.js';
import type { RenderDocument } from '../../model/document.js';
import type { RenderContext, RenderResult } from '../renderer.js';
import { pdfkitMeasurer, registerSharedFonts, saveShapedWords } from './fonts.js';
import { TextRunWriter, type RunHost } from './textRuns.js';
import { packObjects, type PackedDocument } from './objectStreams.js';
import { destinationsInByteOrder, type WithNameTree } from './nameOrder.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/** pdfkit options this version has beyond what @types/pdfkit describes. */
interface TaggedOptions extends PDFKit.PDFDocumentOptions {
  tagged: boolean;
  lang: string;
  displayTitle: boolean;
}

function collect(stream: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    stream.on('data', (c: Uint8Array) => chunks.push(c));
    stream.on('end', () => {
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const out = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    stream.on('error', reject);
  });
}

/** What of pdfkit's document writes the file: each line of it, then the stream it is read from. */
interface FileWriter {
  _write(data: string | Uint8Array): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

/**
 * pdfkit makes the bytes of each line it writes (an object's number, its dictionary, `endobj`) a character at a time
 * and pushes each line to its stream on its own. The same bytes are made natively here, and pushed in batches.
 */
function batchWrites(doc: FileWriter): void {
  let pending: Uint8Array[] = [];
  let size = 0;
  const push = doc.push.bind(doc);
  const flush = () => {
    if (!pending.length) return;
    push(pending.length === 1 ? pending[0]! : Buffer.concat(pending, size));
    pending = [];
    size = 0;
  };
  doc._write = (data) => {
    // pdfkit ends each line with a newline and keeps the low byte of each character, as latin1 does.
    const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data;
    pending.push(bytes);
    size += bytes.length;
    doc._offset += bytes.length;
    if (size >= 1 << 16) flush();
  };
  doc.push = (chunk) => {
    if (chunk === null) flush();
    return push(chunk);
  };
}

class PdfPainter {
  private readonly elements = new Map<number, StructElement>();
  private rootElement!: StructElement;
  private readonly warnings: string[] = [];
  private readonly runs: TextRunWriter;

  constructor(
    private readonly doc: Doc,
    private readonly model: RenderDocument,
    private readonly layout: DocumentLayout,
    private readonly context: RenderContext,
  ) {
    this.runs = new TextRunWriter(doc as unknown as RunHost);
  }

  /** Text at a baseline, on one line: through the run writer, or pdfkit for what the writer leaves to it. */
  private draw(text: string, x: number, y: number): void {
    if (!this.runs.draw(text, x, y)) this.doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' } as PDFKit.Mixins.TextOptions);
  }

  private element(node: StructNode): StructElement {
    if (!node.parent) return this.rootElement;
    let el = this.elements.get(node.id);
    if (!el) {
      const parent = this.element(node.parent);
      const options: Record<string, unknown> = {};
      if (node.alt) options.alt = node.alt;
      if (node.scope) options.scope = node.scope;
      el = this.doc.struct(node.type, options as never);
      parent.add(el);
      this.elements.set(node.id, el);
    }
    return el;
  }

  /** What pdfkit was last told, so that a run of text in one style sets it once. */
  private current = { font: '', size: 0, colour: '' };

  private font(style: PieceStyle): void {
    const c = this.current;
    if (c.font !== style.font) this.doc.font((c.font = style.font));
    if (c.size !== style.size) this.doc.fontSize((c.size = style.size));
    if (c.colour !== style.colour) this.doc.fillColor(`#${(c.colour = style.colour)}`);
  }

  /**
   * The marked-content sequence open on this page: consecutive text of one structure element (the lines of a
   * paragraph) shares one sequence, and so one MCID.
   */
  private open: { struct: StructNode; content: PDFKit.PDFStructureContent } | undefined;

  private closeContent(): void {
    if (!this.open) return;
    this.doc.endMarkedContent();
    this.element(this.open.struct).add(this.open.content);
    this.open = undefined;
  }

  /** Text tied to a structure element, or an artifact when it has none. `width`, when the layout knows it, spares a measurement. */
  private text(text: string, x: number, y: number, style: PieceStyle, struct: StructNode | undefined, width?: number): void {
    const doc = this.doc;
    if (struct) {
      if (this.open?.struct !== struct) {
        this.closeContent();
        this.element(struct);
        this.open = { struct, content: doc.markStructureContent(struct.type) };
      }
      this.font(style);
      this.draw(text, x, y);
    } else {
      this.closeContent();
      doc.markContent('Artifact', { type: 'Layout' } as never);
      this.font(style);
      this.draw(text, x, y);
      doc.endMarkedContent();
    }
    if (style.underline || style.strike) {
      const w = width ?? doc.widthOfString(text);
      const at = style.underline ? y + style.size * 0.12 : y - style.size * 0.28;
      this.artifact(() => doc.moveTo(x, at).lineTo(x + w, at).lineWidth(0.5).strokeColor(`#${style.colour}`).stroke());
    }
  }

  private artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    this.closeContent();
    this.doc.markContent('Artifact', { type } as never);
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
    // The restore took the fill colour back to what it was before the save: pdfkit no longer knows it.
    this.current.colour = '';
  }

  private op(op: Op, pageIndex: number): void {
    const doc = this.doc;
    switch (op.kind) {
      case 'text':
        this.text(op.text, op.x, op.y, op.style, op.struct, op.width);
        return;
      case 'rect':
        this.artifact(() => doc.rect(op.x, op.y, op.w, op.h).fill(`#${op.fill}`));
        return;
      case 'line':
        this.artifact(() => {
          doc.moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).lineWidth(op.width).strokeColor(`#${op.colour}`);
          if (op.dash) doc.dash(0.8, { space: 2.4 }).lineCap('round');
          doc.stroke();
        });
        return;
      case 'dest':
        doc.addNamedDestination(op.name, 'XYZ', null, op.y, null);
        return;
      case 'pageRef': {
        const target = this.layout.anchors.get(op.anchor);
        const text = target ? String(target.page + 1) : '';
        this.font(op.style);
        this.text(text, op.xRight - doc.widthOfString(text), op.y, op.style, op.struct);
        return;
      }
      case 'link': {
        // The text before the link belongs before it in the structure: close it before the link element is made.
        this.closeContent();
        const el = this.element(op.struct);
        const target = op.target;
        const common = { structParent: el, Contents: new String(op.text) } as never;
        if (target.kind === 'internal') {
          if (!this.layout.anchors.has(target.anchor)) {
            this.warnings.push(`link to ${target.anchor}, which is not in this PDF, left out (page ${pageIndex + 1})`);
            return;
          }
          doc.goTo(op.x, op.y, op.w, op.h, target.anchor, common);
        } else if (target.kind === 'url') {
          doc.link(op.x, op.y, op.w, op.h, target.url, common);
        } else {
          const file = this.context.fileFor(target.doc);
          if (!file) return;
          const action = doc.ref({ S: 'GoToR', F: new String(file), D: target.anchor ? new String(target.anchor) : [0, 'Fit'] } as never);
          (action as unknown as { end(): void }).end();
          doc.annotate(op.x, op.y, op.w, op.h, { Subtype: 'Link', A: action, structParent: el, Contents: new String(op.text) } as never);
        }
        return;
      }
    }
  }

  private head: { left: string; rightWidth: number } | undefined;

  private running(pageIndex: number, pages: number): void {
    const { doc, layout, model } = this;
    const theme = this.context.theme;
    const left = theme.page.marginLeft * (72 / 25.4);
    const right = layout.pageWidth - theme.page.marginRight * (72 / 25.4);
    const style: PieceStyle = { font: 'regular', size: theme.sizes.small, colour: theme.colours.muted };
    const headerY = SPACING.runningFromEdge + theme.sizes.small;
    const footerY = layout.pageHeight - SPACING.runningFromEdge;
    const fit = (text: string, width: number) => {
      this.font(style);
      if (doc.widthOfString(text) <= width) return text;
      let t = text;
      while (t && doc.widthOfString(`${t}\u2026`) > width) t = t.slice(0, -1);
      return `${t.trimEnd()}\u2026`;
    };
    this.font(style);
    const rightText = model.running.headerRight;
    // The header is the same on every page: measured and fitted once.
    const head = (this.head ??= (() => {
      const rightWidth = doc.widthOfString(rightText);
      return { rightWidth, left: fit(model.running.headerLeft, right - left - rightWidth - 12) };
    })());
    const page = model.running.page.replace('{page}', String(pageIndex + 1)).replace('{pages}', String(pages));
    this.artifact(() => {
      this.font(style);
      this.draw(head.left, left, headerY);
      this.draw(rightText, right - head.rightWidth, headerY);
      doc.moveTo(left, headerY + 4).lineTo(right, headerY + 4).lineWidth(0.5).strokeColor(`#${theme.colours.tableBorder}`).stroke();
      this.draw(model.running.footerLeft, left, footerY);
      this.draw(page, right - doc.widthOfString(page), footerY);
    }, 'Pagination');
  }

  paint(): string[] {
    const { doc, layout } = this;
    this.rootElement = doc.struct('Document');
    doc.addStructure(this.rootElement);
    const total = layout.pages.length;
    layout.pages.forEach((page, i) => {
      doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
      this.current.colour = '';
      if (page.running) this.running(i, total);
      for (const op of page.ops) this.op(op, i);
      this.closeContent();
      this.runs.flush();
    });
    for (const entry of layout.outline) {
      const at = layout.anchors.get(entry.anchor);
      if (at) doc.outline.addItem(entry.title, { pageNumber: at.page, top: at.y, left: layout.pageWidth, zoom: 0 } as never);
    }
    this.rootElement.end();
    return [...layout.warnings, ...this.warnings];
  }
}

export async function renderPdf(model: RenderDocument, context: RenderContext): Promise<RenderResult> {
  const { theme } = context;
  const date = model.metadata.date;
  const options: TaggedOptions = {
    autoFirstPage: false,
    bufferPages: false,
    compress: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: model.metadata.language,
    displayTitle: true,
    info: {
      Title: model.metadata.title,
      Author: model.metadata.author,
      Subject: model.metadata.subject,
      Keywords: model.metadata.keywords.join(', '),
      Creator: 'regmark',
      Producer: 'regmark (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  };
  const doc = new PDFDocument(options);
  const done = collect(doc);
  batchWrites(doc as unknown as FileWriter);
  packObjects(doc as unknown as PackedDocument);
  destinationsInByteOrder(doc as unknown as WithNameTree);
  const fonts = registerSharedFonts(doc as never, theme.fonts.pdf, () => new PDFDocument({ autoFirstPage: false }) as never, context.cacheDir);
  const measurer = pdfkitMeasurer(doc as never, undefined, fonts);
  const layout = layoutDocument(model, theme, measurer);
  const warnings = new PdfPainter(doc, model, layout, context).paint();
  const missing = measurer.missingCharacters();
  if (missing.length) warnings.push(`${theme.fonts.pdf} has no glyph for ${missing.length} character${missing.length === 1 ? '' : 's'}, shown as empty boxes: ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ', …' : ''}`);
  doc.end();
  const bytes = await done;
  await saveShapedWords(fonts);
  return { bytes, warnings };
}
