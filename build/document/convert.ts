/**
 * mdast (as the parse phase rewrote it into regmark nodes) → render blocks and inlines. Resolution facts come from
 * the bound corpus: references are looked up in `corpus.references` by file and offset, never re-resolved, and
 * in-force intervals come from the provision table. A node with no render form is reported and shown as text.
 */
import type { BlockContent, DefinitionContent, FootnoteDefinition, List, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Corpus, ResolvedReference } from '../model/corpus.js';
import { contains, type IsoDate } from '../model/dates.js';
import { qualify } from '../model/ids.js';
import type { ClauseNode, CrossReference, SectionNode, SubParagraphNode } from '../model/nodes.js';
import type { Theme } from '../theme/theme.js';
import { documentAnchor, headingAnchor, provisionAnchor } from './anchors.js';
import { referenceText } from './referenceText.js';
import { inlineText } from '../model/inlineText.js';
import { isProseDirective } from '../parse/paper.js';
import type { Alignment, Block, ClauseBlock, Footnote, Inline, LinkTarget, ListBlock, Omission, RenderProblem, SectionBlock, SubParagraphBlock } from '../model/document.js';

type AnyNode = Nodes | RootContent | BlockContent | DefinitionContent | PhrasingContent;

export interface ConvertSettings {
  corpus: Corpus;
  /** The document being built. */
  doc: string;
  asAt: IsoDate;
  theme: Theme;
  /** Documents in the same build: references to them link to their output files. */
  linkable: ReadonlySet<string>;
}

/** State shared by every file of one document: footnote numbers, problems, omissions. */
export class DocumentConverter {
  readonly footnotes: Footnote[] = [];
  readonly problems: RenderProblem[] = [];
  readonly omitted: Omission[] = [];
  private readonly referencesByPlace = new Map<string, ResolvedReference>();
  private readonly footnoteNumbers = new Map<string, number>();
  private headingCount = 0;
  /** Per file: footnote definitions and link definitions, by identifier. */
  private file = '';
  private footnoteDefs = new Map<string, FootnoteDefinition>();
  private linkDefs = new Map<string, string>();

  constructor(readonly settings: ConvertSettings) {
    for (const ref of settings.corpus.references) this.referencesByPlace.set(`${ref.file}\0${ref.record.offset}`, ref);
  }

  /** Starts a file: its footnote and link definitions become visible to the nodes that follow. */
  enterFile(path: string, children: readonly AnyNode[]): void {
    this.file = path;
    this.footnoteDefs = new Map();
    this.linkDefs = new Map();
    const walk = (nodes: readonly AnyNode[]) => {
      for (const n of nodes) {
        if (n.type === 'footnoteDefinition') this.footnoteDefs.set(n.identifier, n);
        else if (n.type === 'definition') this.linkDefs.set(n.identifier, n.url);
        if ('children' in n && Array.isArray(n.children) && n.type !== 'paragraph') walk(n.children as AnyNode[]);
      }
    };
    walk(children);
  }

  problem(node: { position?: { start: { offset?: number } } } | undefined, message: string, code: RenderProblem['code'] = 'unsupported-content'): void {
    const offset = node?.position?.start.offset;
    this.problems.push({ code, file: this.file, ...(offset !== undefined ? { offset } : {}), message });
  }

  // ---------------------------------------------------------------- blocks

  /** Top-level content of a clause file or a boilerplate template. */
  blocks(nodes: readonly AnyNode[], depth = 0): Block[] {
    const out: Block[] = [];
    for (const node of nodes) out.push(...this.block(node, depth));
    return out;
  }

  private block(node: AnyNode, depth: number): Block[] {
    switch (node.type) {
      case 'section':
        return this.section(node as SectionNode);
      case 'clause':
        return this.clause(node as ClauseNode);
      case 'subParagraph':
        return [this.subParagraph(node as SubParagraphNode, depth + 1)];
      case 'paragraph': {
        const content = this.inlines(node.children);
        return content.length ? [{ kind: 'paragraph', content }] : [];
      }
      case 'heading': {
        const level = node.depth <= 2 ? 2 : 3;
        return [{ kind: 'heading', level, content: this.inlines(node.children), anchor: headingAnchor(this.settings.doc, ++this.headingCount) }];
      }
      case 'list':
        return this.list(node, depth);
      case 'table':
        return [this.table(node)];
      case 'blockquote':
        return [{ kind: 'quote', children: this.blocks(node.children, depth) }];
      case 'code':
        return [{ kind: 'code', text: node.value }];
      case 'thematicBreak':
        return [{ kind: 'rule' }];
      case 'html':
        this.problem(node, 'raw HTML is not rendered; its text is shown as written');
        return [{ kind: 'paragraph', content: [{ kind: 'text', text: node.value }] }];
      case 'footnoteDefinition':
      case 'definition':
      case 'yaml':
        return []; // footnotes are placed where they are referenced; link definitions are used by links
      case 'termDefinition':
        this.problem(node, 'a term definition outside a definitions file is shown as a paragraph');
        return [{ kind: 'paragraph', content: this.inlines((node.children[0] as { children?: PhrasingContent[] })?.children ?? []) }];
      default: {
        const text = toString(node as Nodes);
        this.problem(node, `\`${node.type}\` has no rendered form; its text is shown as a paragraph`);
        return text ? [{ kind: 'paragraph', content: [{ kind: 'text', text }] }] : [];
      }
    }
  }

  section(node: SectionNode): Block[] {
    const { corpus, doc } = this.settings;
    const id = qualify(doc, node.number);
    const children = this.blocks(node.children);
    // A section whose clauses are all out of force, with nothing else in it, is left out with them.
    if (node.children.some((c) => c.type === 'clause') && children.length === 0) {
      this.omitted.push({ id, inForce: corpus.provisions.get(id)?.inForce ?? {} });
      return [];
    }
    const title = this.headingTitle(node);
    const block: SectionBlock = { kind: 'section', id, number: node.number, title, titleText: inlineText(title), anchor: provisionAnchor(doc, node.number), children };
    return [block];
  }

  /** The heading's inlines without the leading section number. */
  private headingTitle(node: SectionNode): Inline[] {
    const inlines = this.inlines(node.heading.children);
    const first = inlines[0];
    if (first?.kind === 'text') {
      const rest = first.text.replace(/^\s*\S+\s*/, '');
      if (rest) inlines[0] = { kind: 'text', text: rest };
      else inlines.shift();
    }
    return inlines;
  }

  private clause(node: ClauseNode): Block[] {
    const { corpus, doc, asAt } = this.settings;
    const id = qualify(doc, node.number);
    const symbol = corpus.provisions.get(id);
    if (symbol && !contains(symbol.inForce, asAt)) {
      this.omitted.push({ id, inForce: symbol.inForce });
      return [];
    }
    const [first, ...rest] = node.children;
    const lead = first?.type === 'paragraph' ? trimStart(this.inlines(first.children, true)) : [];
    const children = this.blocks(first?.type === 'paragraph' ? rest : node.children, 0);
    const block: ClauseBlock = { kind: 'clause', id, number: node.number, anchor: provisionAnchor(doc, node.number), lead, children };
    if (node.attributes.from) block.from = node.attributes.from;
    return [block];
  }

  private subParagraph(node: SubParagraphNode, depth: number): SubParagraphBlock {
    const { doc } = this.settings;
    const [first, ...rest] = node.children;
    const lead = first?.type === 'paragraph' ? trimStart(this.inlines(first.children, true)) : [];
    const children = this.blocks(first?.type === 'paragraph' ? rest : node.children, depth);
    return { kind: 'subParagraph', id: qualify(doc, node.id), label: `(${node.label})`, depth, anchor: provisionAnchor(doc, node.id), lead, children };
  }

  /** A list of labelled items becomes sub-paragraphs; runs of unlabelled items stay a list. */
  private list(node: List, depth: number): Block[] {
    const out: Block[] = [];
    let pending: ListBlock | undefined;
    let index = node.start ?? 1;
    for (const item of node.children as Array<List['children'][number] | SubParagraphNode>) {
      if (item.type === 'subParagraph') {
        pending = undefined;
        out.push(this.subParagraph(item, depth + 1));
        continue;
      }
      if (!pending) {
        pending = { kind: 'list', ordered: Boolean(node.ordered), start: index, depth: depth + 1, items: [] };
        out.push(pending);
      }
      pending.items.push(this.blocks(item.children, depth + 1));
      index++;
    }
    return out;
  }

  private table(node: Table): Block {
    const [head, ...body] = node.children;
    const cells = (row: Table['children'][number] | undefined) => (row?.children ?? []).map((cell) => ({ content: this.inlines(cell.children) }));
    const header = cells(head);
    const rows = body.map(cells);
    const width = Math.max(header.length, ...rows.map((r) => r.length));
    const pad = (r: Array<{ content: Inline[] }>) => (r.length < width ? [...r, ...Array.from({ length: width - r.length }, () => ({ content: [] }))] : r);
    const align: Alignment[] = Array.from({ length: width }, (_, i) => (node.align?.[i] as Alignment | undefined) ?? null);
    return { kind: 'table', align, header: pad(header), rows: rows.map(pad) };
  }

  // ---------------------------------------------------------------- inlines

  /** `lead`: the content opens a clause, sub-paragraph or definition, so a reference there starts a sentence. */
  inlines(nodes: readonly PhrasingContent[], lead = false): Inline[] {
    const state = { sentenceStart: lead };
    return this.phrasing(nodes, state);
  }

  private phrasing(nodes: readonly PhrasingContent[], state: { sentenceStart: boolean }): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      const inline = this.inline(node, state);
      if (inline) out.push(inline);
    }
    return out;
  }

  private inline(node: PhrasingContent | CrossReference, state: { sentenceStart: boolean }): Inline | undefined {
    switch (node.type) {
      case 'text': {
        const text = node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
        if (text.trim()) state.sentenceStart = /[.!?:;]\s*$/.test(text) || (state.sentenceStart && /^\s*$/.test(text));
        return text ? { kind: 'text', text } : undefined;
      }
      case 'strong':
      case 'emphasis':
      case 'delete': {
        const children = this.phrasing(node.children, state);
        return { kind: node.type, children };
      }
      case 'inlineCode':
        state.sentenceStart = false;
        return { kind: 'code', text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') };
      case 'break':
        return { kind: 'break' };
      case 'crossReference':
        return this.reference(node as CrossReference, state);
      case 'link':
        state.sentenceStart = false;
        return { kind: 'link', target: this.urlTarget(node.url), children: this.phrasing(node.children, { sentenceStart: false }) };
      case 'linkReference': {
        state.sentenceStart = false;
        const url = this.linkDefs.get(node.identifier);
        const children = this.phrasing(node.children, { sentenceStart: false });
        if (url === undefined) {
          this.problem(node, `link reference [${node.label ?? node.identifier}] has no definition; shown as text`);
          return { kind: 'emphasis', children };
        }
        return { kind: 'link', target: this.urlTarget(url), children };
      }
      case 'footnoteReference':
        return this.footnoteRef(node);
      case 'image':
      case 'imageReference':
        this.problem(node, `images are not rendered yet; the alt text "${node.alt ?? ''}" is shown instead`);
        return { kind: 'text', text: `[${node.alt ?? 'image'}]` };
      case 'html':
        this.problem(node, 'inline HTML is not rendered; its text is shown as written');
        return { kind: 'text', text: node.value };
      default: {
        const directive = node as unknown as { type: string; name?: string; attributes?: Record<string, unknown> | null; children?: unknown[] };
        if (isProseDirective(directive)) return { kind: 'text', text: `:${directive.name ?? ''}` };
        const text = toString(node as Nodes);
        this.problem(node, `\`${(node as { type: string }).type}\` has no rendered form; its text is shown`);
        return text ? { kind: 'text', text } : undefined;
      }
    }
  }

  private urlTarget(url: string): LinkTarget {
    return { kind: 'url', url };
  }

  private reference(node: CrossReference, state: { sentenceStart: boolean }): Inline {
    const { corpus, doc, theme } = this.settings;
    const offset = node.position?.start.offset;
    const resolved = offset === undefined ? undefined : this.referencesByPlace.get(`${this.file}\0${offset}`);
    const targets = resolved?.targets ?? [];
    let text = referenceText(corpus, doc, node.target, targets, theme.references).replace(/\s+/g, ' ');
    const custom = node.target.text !== undefined && node.target.text !== '';
    if (state.sentenceStart && !custom) text = text.charAt(0).toUpperCase() + text.slice(1);
    state.sentenceStart = false;
    const inline: Inline = { kind: 'reference', text, raw: node.raw };
    if (!resolved || !targets.length) {
      this.problem(node, `[[${node.raw}]] does not resolve${resolved?.problem ? ` (${resolved.problem.message})` : ''}; shown without a link`, 'unresolved-reference');
      return inline;
    }
    const target = this.linkFor(targets[0]!, node);
    if (target) inline.target = target;
    return inline;
  }

  /** Where a resolved target links to, if anywhere: content left out of a build has nothing to link to. */
  private linkFor(target: NonNullable<ResolvedReference['targets'][number]>, node: CrossReference): LinkTarget | undefined {
    const { corpus, doc, asAt, linkable } = this.settings;
    const targetDoc = target.kind === 'document' ? target.doc : corpus.provisions.get(target.id)!.doc;
    const docSymbol = corpus.documents.get(targetDoc);
    const docInForce = docSymbol !== undefined && contains(docSymbol.inForce, asAt);
    if (target.kind === 'document') {
      if (targetDoc === doc) return { kind: 'internal', anchor: documentAnchor(doc) };
      return linkable.has(targetDoc) && docInForce ? { kind: 'document', doc: targetDoc } : undefined;
    }
    const symbol = corpus.provisions.get(target.id)!;
    const anchor = provisionAnchor(symbol.doc, symbol.record.local);
    const inForce = contains(symbol.inForce, asAt);
    if (targetDoc === doc) {
      if (inForce) return { kind: 'internal', anchor };
      this.problem(node, `[[${node.raw}]] refers to ${target.id}, which is not in force on ${asAt} and is left out; shown without a link`, 'expired-reference');
      return undefined;
    }
    if (!linkable.has(targetDoc)) return undefined;
    if (!inForce) {
      this.problem(node, `[[${node.raw}]] refers to ${target.id}, which is not in force on ${asAt}; shown without a link`, 'expired-reference');
      return undefined;
    }
    return { kind: 'document', doc: targetDoc, anchor };
  }

  private footnoteRef(node: { identifier: string; label?: string | null | undefined; position?: { start: { offset?: number } } }): Inline | undefined {
    const key = `${this.file}\0${node.identifier}`;
    const known = this.footnoteNumbers.get(key);
    if (known !== undefined) return { kind: 'footnoteRef', number: known, first: false };
    const definition = this.footnoteDefs.get(node.identifier);
    if (!definition) {
      this.problem(node, `footnote [^${node.label ?? node.identifier}] has no text; its mark is shown as written`, 'missing-footnote');
      return { kind: 'text', text: `[^${node.label ?? node.identifier}]` };
    }
    const number = this.footnotes.length + 1;
    this.footnoteNumbers.set(key, number);
    const footnote: Footnote = { number, children: [] };
    this.footnotes.push(footnote);
    footnote.children = this.blocks(definition.children);
    return { kind: 'footnoteRef', number, first: true };
  }
}

/** Drops whitespace at the very start (left where the bold number or term was taken off). */
export function trimStart(inlines: Inline[]): Inline[] {
  while (inlines.length) {
    const first = inlines[0]!;
    if (first.kind === 'text') {
      const text = first.text.replace(/^\s+/, '');
      if (text) {
        inlines[0] = { kind: 'text', text };
        break;
      }
      inlines.shift();
      continue;
    }
    if (first.kind === 'strong' || first.kind === 'emphasis' || first.kind === 'delete') trimStart(first.children);
    break;
  }
  return inlines;
}
