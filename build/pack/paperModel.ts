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
import type { Corpus } from '../model/corpus.js';
import { parseReferenceBody, qualify, type ReferenceTarget } from '../model/ids.js';
import { referenceText } from '../render/model/referenceText.js';
import { provisionAnchor } from '../render/model/anchors.js';
import type { Block, ClauseBlock, Footnote, Inline, LinkTarget, RenderDocument, SectionBlock, TableBlock } from '../render/model/types.js';
import type { Theme } from '../render/theme/theme.js';
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

/** Inline conversion for the paper: text with `[[…]]` references, emphasis, links, footnotes. */
export class InlineConverter {
  readonly footnotes: Footnote[] = [];
  private readonly numbers = new Map<string, number>();
  private footnoteDefs = new Map<string, { children: RootContent[] }>();
  private linkDefs = new Map<string, string>();
  /** Set by the walker: how blocks inside footnotes are converted. */
  blockConverter: (nodes: RootContent[]) => Block[] = () => [];

  constructor(
    private readonly corpus: Corpus,
    private readonly theme: Theme,
    private readonly diagnostics: PaperDiagnostics,
    private readonly fileFor: (doc: string) => boolean,
  ) {}

  enter(tree: Root): void {
    const walk = (nodes: readonly RootContent[]) => {
      for (const n of nodes) {
        if (n.type === 'footnoteDefinition') this.footnoteDefs.set(n.identifier, n as { children: RootContent[] });
        else if (n.type === 'definition') this.linkDefs.set(n.identifier, n.url);
        else if ('children' in n && n.type !== 'paragraph') walk(n.children as RootContent[]);
      }
    };
    walk(tree.children);
  }

  inlines(nodes: readonly PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const n of nodes) out.push(...this.inline(n));
    // A whole-document reference that starts a sentence: "The SMETS1 TMAD …".
    let before = '';
    for (const i of out) {
      if (i.kind === 'reference' && (before.trim() === '' || /[.!?]\s*$/.test(before)) && !i.raw.includes('|')) i.text = i.text.charAt(0).toUpperCase() + i.text.slice(1);
      before += i.kind === 'text' || i.kind === 'reference' ? i.text : i.kind === 'footnoteRef' ? '' : 'x';
    }
    return out;
  }

  private inline(node: PhrasingContent): Inline[] {
    switch (node.type) {
      case 'text':
        return this.text(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), node.position?.start.offset ?? 0, node.position?.end.offset);
      case 'strong':
      case 'emphasis':
      case 'delete':
        return [{ kind: node.type, children: this.inlines(node.children) }];
      case 'inlineCode':
        return [{ kind: 'code', text: node.value }];
      case 'break':
        return [{ kind: 'break' }];
      case 'link':
        return [{ kind: 'link', target: { kind: 'url', url: node.url }, children: this.inlines(node.children) }];
      case 'linkReference': {
        const url = this.linkDefs.get(node.identifier);
        const children = this.inlines(node.children);
        return url === undefined ? children : [{ kind: 'link', target: { kind: 'url', url }, children }];
      }
      case 'footnoteReference': {
        const known = this.numbers.get(node.identifier);
        if (known !== undefined) return [{ kind: 'footnoteRef', number: known, first: false }];
        const def = this.footnoteDefs.get(node.identifier);
        if (!def) {
          this.diagnostics.add('invalid-directive', node.position?.start.offset ?? 0, `footnote [^${node.label ?? node.identifier}] has no text`, 'warning');
          return [{ kind: 'text', text: `[^${node.label ?? node.identifier}]` }];
        }
        const number = this.footnotes.length + 1;
        this.numbers.set(node.identifier, number);
        const footnote: Footnote = { number, children: [] };
        this.footnotes.push(footnote);
        footnote.children = this.blockConverter(def.children);
        return [{ kind: 'footnoteRef', number, first: true }];
      }
      default: {
        const directive = node as unknown as { type: string; name?: string; attributes?: Record<string, unknown> | null; children?: PhrasingContent[] };
        if (directive.type === 'textDirective' && !Object.keys(directive.attributes ?? {}).length && !directive.children?.length) {
          // "17:00" reads as a text directive named "00" under remark-directive: it is just text.
          return [{ kind: 'text', text: `:${directive.name ?? ''}` }];
        }
        const text = toString(node as Nodes);
        this.diagnostics.add('invalid-directive', (node as { position?: { start: { offset?: number } } }).position?.start.offset ?? 0, `\`${node.type}\` is not printed in a paper; its text is shown`, 'warning');
        return text ? [{ kind: 'text', text }] : [];
      }
    }
  }

  /** Splits `[[…]]` out of a text run. `offset` is where the text starts in the source (for diagnostics). */
  private text(value: string, offset: number, end: number | undefined): Inline[] {
    const out: Inline[] = [];
    const re = /\[\[([^\]]*)\]\]/g;
    let last = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      if (m.index > last) out.push({ kind: 'text', text: value.slice(last, m.index) });
      out.push(this.reference(m[1]!.replace(/\\\|/g, '|'), offset + m.index, end));
      last = m.index + m[0].length;
    }
    if (last < value.length) out.push({ kind: 'text', text: value.slice(last) });
    return out;
  }

  private reference(body: string, offset: number, end: number | undefined): Inline {
    const at = end === undefined ? offset : Math.min(offset, end);
    const target: ReferenceTarget | undefined = parseReferenceBody(body);
    if (!target || !target.doc) {
      this.diagnostics.add('unresolved-reference', at, `[[${body}]]: a paper must name the document (e.g. [[AM 18.17p]])`);
      return { kind: 'text', text: `[[${body}]]` };
    }
    const doc = target.doc;
    if (!this.corpus.documents.has(doc)) {
      this.diagnostics.add('unresolved-reference', at, `[[${body}]]: no document \`${doc}\``);
      return { kind: 'text', text: `[[${body}]]` };
    }
    const ids = [target.start, target.end].filter((x): x is string => x !== undefined).map((l) => qualify(doc, l));
    const symbols = ids.map((id) => this.corpus.provisions.get(id));
    if (symbols.some((s) => !s)) {
      this.diagnostics.add('unresolved-reference', at, `[[${body}]]: ${doc} has no ${ids.filter((_, i) => !symbols[i]).join(' or ')}`);
      return { kind: 'text', text: `[[${body}]]` };
    }
    const resolved = ids.length ? ids.map((id) => ({ kind: 'provision' as const, id })) : [{ kind: 'document' as const, doc }];
    const text = referenceText(this.corpus, '', target, resolved, this.theme.references).replace(/\s+/g, ' ');
    const inline: Inline = { kind: 'reference', text, raw: body };
    if (this.fileFor(doc)) {
      const link: LinkTarget = target.start ? { kind: 'document', doc, anchor: provisionAnchor(doc, target.start) } : { kind: 'document', doc };
      inline.target = link;
    }
    return inline;
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
  let lastNumbered: ClauseBlock | undefined;

  const container = () => (section ? section.children : body);
  const emit = (block: Block) => {
    container().push(block);
    lastNumbered = block.kind === 'clause' ? block : undefined;
  };
  const captionBlock = (text: string): Block => ({ kind: 'paragraph', content: [{ kind: 'strong', children: [{ kind: 'text', text: `Table ${++tables} \u2013 ${text}` }] }] });
  const emitTable = (table: Block) => {
    if (caption !== undefined) emit(captionBlock(caption));
    caption = undefined;
    emit(table);
  };

  const walk = (nodes: readonly RootContent[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (caption !== undefined && node.type !== 'table' && node.type !== 'leafDirective') {
        // A caption with no table after it: a caption after the table it follows, else a plain paragraph.
        const prev = container().at(-1);
        if (prev?.kind === 'table') {
          container().splice(container().length - 1, 0, captionBlock(caption));
        } else diagnostics.add('invalid-directive', 0, `"Table: ${caption}" is not followed by a table; shown as a paragraph`, 'warning');
        caption = undefined;
      }
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
            const next = nodes[i + 1];
            if (!next || (next.type !== 'table' && next.type !== 'leafDirective')) {
              const prev = container().at(-1);
              if (prev?.kind === 'table') {
                container().splice(container().length - 1, 0, captionBlock(caption));
                caption = undefined;
              }
            }
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
          diagnostics.add('invalid-directive', node.position?.start.offset ?? 0, `\`${node.type}\` is not printed in a paper; its text is shown`, 'warning');
          emit({ kind: 'paragraph', content: [{ kind: 'text', text: toString(node as Nodes) }] });
      }
    }
  };
  converter.blockConverter = (nodes) =>
    nodes.flatMap((n): Block[] => (n.type === 'paragraph' ? [{ kind: 'paragraph', content: converter.inlines(n.children) }] : n.type === 'list' ? listBlocks(n, converter, undefined) : []));
  walk(tree.children);
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
