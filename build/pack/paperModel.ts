/**
 * A consultation paper (the body of a `kind: consultation` manifest) → a render document, so the clean-build DOCX
 * and PDF renderers print it unchanged. The paper is expressed with the render model's existing blocks:
 *
 * - `# Heading`            → an unnumbered section (a contents entry, a level-1 heading);
 * - `##`, `###` headings    → level 2 and 3 headings;
 * - `### Question`          → a level 3 heading "Question One", "Question Two" …; the paragraphs after it, up to the
 *                             next heading, are the question's text (a quote block, not numbered);
 * - every other paragraph  → a numbered paragraph (a clause block whose number is 1, 2, 3 … through the paper);
 * - a list after a numbered paragraph → its sub-paragraphs (a), (b) …;
 * - `Table: caption` just before (or just after) a table or a table directive → "Table N – caption";
 * - footnotes `[^x]`       → footnotes; `[[AM 18.17p]]` → a reference in house style (linked to the annex file);
 * - leaf directives        → generated content (see directives.ts).
 */
import type { List, Nodes, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { DocumentConverter, type ConvertSettings } from '../document/convert.js';
import type { Block, ClauseBlock, Footnote, Inline, RenderDocument, SectionBlock, TableBlock } from '../model/document.js';
import type { PaperDiagnostics } from './diagnostics.js';

export const ORDINALS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen', 'Twenty'];

export function ordinalWord(n: number): string {
  return ORDINALS[n - 1] ?? String(n);
}

/** A leaf directive as remark-directive gives it. */
export interface DirectiveNode {
  type: 'leafDirective' | 'textDirective' | 'containerDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Turns a directive into blocks (tables, paragraphs) or, for `::how-to-respond`, into paper content to walk. */
export interface DirectiveHost {
  expand(node: DirectiveNode, converter: InlineConverter): { blocks: Block[] } | { content: RootContent[] };
}

/**
 * Inline conversion for the paper: the render model's own converter, so that a paper prints references, links and
 * footnotes exactly as an appendix does. References were split out and resolved by parse and bind, like any
 * clause's; the check reports the ones that do not resolve, so only layout problems are reported here.
 */
export class InlineConverter {
  private readonly converter: DocumentConverter;
  constructor(
    settings: ConvertSettings,
    private readonly path: string,
    private readonly diagnostics: PaperDiagnostics,
  ) {
    this.converter = new DocumentConverter(settings);
  }

  get footnotes(): Footnote[] {
    return this.converter.footnotes;
  }

  enter(tree: Root): void {
    this.converter.enterFile(this.path, tree.children);
  }

  /** Each paper block opens a sentence, so a whole-document reference at its start is capitalised. */
  inlines(nodes: readonly PhrasingContent[]): Inline[] {
    return this.converter.inlines(nodes, true);
  }

  /** The converter's layout problems, as the paper's diagnostics (once, after the walk). */
  reportProblems(): void {
    for (const p of this.converter.problems.splice(0)) {
      if (p.code === 'unsupported-content' || p.code === 'missing-footnote') this.diagnostics.add(p.code, p.offset ?? 0, p.message);
    }
  }
}

export interface PaperBody {
  body: Block[];
  footnotes: Footnote[];
  /** Numbered paragraphs, questions and captioned tables, in order (for tests and the summary). */
  counts: { paragraphs: number; questions: number; tables: number };
}

const CAPTION = /^\s*Table:\s*/;
const PAPER = 'paper';

/** Walks the paper's tree; `extra` is the boilerplate that `::how-to-respond` stands for when the paper has none. */
export function paperBody(tree: Root, converter: InlineConverter, host: DirectiveHost, diagnostics: PaperDiagnostics): PaperBody {
  const body: Block[] = [];
  let section: SectionBlock | undefined;
  let paragraphs = 0;
  let questions = 0;
  let tables = 0;
  let sections = 0;
  let headings = 0;
  let question: { kind: 'quote'; children: Block[] } | undefined;
  let caption: string | undefined;
  let captionOffset = 0;
  let captionContent: Inline[] = [];
  /** Tables that already carry a caption, so that a later `Table:` line does not take a second. */
  const captioned = new Set<Block>();
  let lastNumbered: ClauseBlock | undefined;

  const container = () => (section ? section.children : body);
  const emit = (block: Block) => {
    container().push(block);
    lastNumbered = block.kind === 'clause' ? block : undefined;
  };
  const captionBlock = (text: string): Block => ({ kind: 'paragraph', caption: true, content: [{ kind: 'strong', children: [{ kind: 'text', text: `Table ${++tables} \u2013 ${text}` }] }] });
  const emitTable = (table: Block) => {
    if (caption !== undefined) {
      emit(captionBlock(caption));
      captioned.add(table);
    }
    caption = undefined;
    emit(table);
  };
  /**
   * A caption with no table after it is the trailing caption of the table just before it, printed above that table,
   * but only when that table has none of its own; otherwise it is an orphan, printed as the paragraph it was.
   */
  const settleCaption = () => {
    if (caption === undefined) return;
    const prev = container().at(-1);
    if (prev?.kind === 'table' && !captioned.has(prev)) {
      container().splice(container().length - 1, 0, captionBlock(caption));
      captioned.add(prev);
    } else {
      const why = prev?.kind === 'table' ? 'the table before it has its own caption' : 'it is not next to a table';
      diagnostics.add('orphan-caption', captionOffset, `"Table: ${caption}" captions no table (${why}); shown as a paragraph`);
      emit({ kind: 'paragraph', content: captionContent });
    }
    caption = undefined;
  };

  const walk = (nodes: readonly RootContent[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (caption !== undefined && node.type !== 'table' && node.type !== 'leafDirective') settleCaption();
      switch (node.type) {
        case 'yaml':
        case 'footnoteDefinition':
        case 'definition':
          break;
        case 'heading': {
          question = undefined;
          const content = converter.inlines(node.children);
          const text = toString(node).trim();
          if (node.depth === 1) {
            const n = ++sections;
            section = { kind: 'section', id: `${PAPER} ${n}`, number: '', title: content, titleText: text, anchor: `${PAPER}_s${n}`, children: [] };
            body.push(section);
            lastNumbered = undefined;
          } else if (node.depth >= 3 && /^question$/i.test(text)) {
            questions++;
            emit({ kind: 'heading', level: 3, content: [{ kind: 'text', text: `Question ${ordinalWord(questions)}` }], anchor: `${PAPER}_q${questions}` });
            question = { kind: 'quote', children: [] };
            emit(question);
          } else emit({ kind: 'heading', level: node.depth === 2 ? 2 : 3, content, anchor: `${PAPER}_h${++headings}` });
          break;
        }
        case 'paragraph': {
          const text = toString(node);
          if (CAPTION.test(text) && node.children[0]?.type === 'text') {
            caption = text.replace(CAPTION, '').replace(/\s+/g, ' ').trim();
            captionOffset = node.position?.start.offset ?? 0;
            captionContent = converter.inlines(node.children);
            const next = nodes[i + 1];
            if (!next || (next.type !== 'table' && next.type !== 'leafDirective')) settleCaption();
            break;
          }
          const content = converter.inlines(node.children);
          if (question) {
            question.children.push({ kind: 'paragraph', content });
            break;
          }
          const number = String(++paragraphs);
          emit({ kind: 'clause', id: `${PAPER} ${number}`, number, anchor: `${PAPER}_p${number}`, lead: content, children: [] });
          break;
        }
        case 'list': {
          const blocks = listBlocks(node, converter, lastNumbered);
          if (question) question.children.push(...blocks);
          else if (lastNumbered) lastNumbered.children.push(...blocks);
          else for (const b of blocks) emit(b);
          break;
        }
        case 'table':
          emitTable(tableBlock(node, converter));
          break;
        case 'leafDirective':
        case 'textDirective' as string:
        case 'containerDirective' as string: {
          const result = host.expand(node as unknown as DirectiveNode, converter);
          if ('content' in result) {
            question = undefined;
            walk(result.content);
            break;
          }
          for (const b of result.blocks) {
            if (b.kind === 'table') emitTable(b);
            else emit(b);
          }
          if (caption !== undefined) {
            // The directive produced no table (e.g. nothing to list): the caption is dropped with a note.
            caption = undefined;
          }
          break;
        }
        case 'blockquote':
          emit({ kind: 'quote', children: node.children.flatMap((c) => (c.type === 'paragraph' ? [{ kind: 'paragraph' as const, content: converter.inlines(c.children) }] : [])) });
          break;
        case 'code':
          emit({ kind: 'code', text: node.value });
          break;
        case 'thematicBreak':
          emit({ kind: 'rule' });
          break;
        default:
          diagnostics.add('unsupported-content', node.position?.start.offset ?? 0, `\`${node.type}\` is not printed in a paper; its text is shown`);
          emit({ kind: 'paragraph', content: [{ kind: 'text', text: toString(node as Nodes) }] });
      }
    }
  };
  walk(tree.children);
  converter.reportProblems();
  return { body, footnotes: converter.footnotes, counts: { paragraphs, questions, tables } };
}

function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** A list after a numbered paragraph becomes its sub-paragraphs (a), (b) …; anywhere else it stays a list. */
function listBlocks(node: List, converter: InlineConverter, owner: ClauseBlock | undefined, depth = 1): Block[] {
  if (!owner) {
    return [{ kind: 'list', ordered: Boolean(node.ordered), start: node.start ?? 1, depth, items: node.children.map((item) => item.children.flatMap((c): Block[] => (c.type === 'paragraph' ? [{ kind: 'paragraph', content: converter.inlines(c.children) }] : c.type === 'list' ? listBlocks(c, converter, undefined, depth + 1) : []))) }];
  }
  return node.children.map((item, i) => {
    const label = `(${letters(i + 1)})`;
    const [first, ...rest] = item.children;
    const lead = first?.type === 'paragraph' ? converter.inlines(first.children) : [];
    const children = rest.flatMap((c): Block[] => (c.type === 'paragraph' ? [{ kind: 'paragraph', content: converter.inlines(c.children) }] : c.type === 'list' ? listBlocks(c, converter, undefined, depth + 1) : []));
    return { kind: 'subParagraph', id: `${owner.id}${label}`, label, depth, anchor: `${owner.anchor}_${letters(i + 1)}`, lead, children };
  });
}

function tableBlock(node: Table, converter: InlineConverter): TableBlock {
  const [head, ...rows] = node.children;
  const cells = (row: Table['children'][number] | undefined) => (row?.children ?? []).map((cell) => ({ content: converter.inlines(cell.children) }));
  const header = cells(head);
  const width = Math.max(header.length, ...rows.map((r) => r.children.length));
  const pad = (r: Array<{ content: Inline[] }>) => [...r, ...Array.from({ length: Math.max(0, width - r.length) }, () => ({ content: [] as Inline[] }))];
  return { kind: 'table', align: Array.from({ length: width }, (_, i) => node.align?.[i] ?? null), header: pad(header), rows: rows.map((r) => pad(cells(r))) };
}

export type { RenderDocument };
