/** Clauses and definitions located in their source text, with the references and footnote calls inside them. */
import type { FootnoteDefinition, Nodes, Root } from 'mdast';
import type { ClauseNode, CrossReference, SectionNode, TermDefinitionNode } from '../model/nodes.js';
import type { ReferenceTarget } from '../model/ids.js';
import type { Corpus, FileRole, ParsedFile } from '../model/corpus.js';
import { parseSource, type ParseOutput } from '../parse/parseFile.js';

export interface LocatedReference {
  offset: number;
  target: ReferenceTarget;
}

export interface FootnoteCall {
  identifier: string;
  label: string;
  start: number;
  end: number;
}

/** A clause or term definition: its text span, where its own text starts after the number/term and attributes. */
export interface Block {
  path: string;
  text: string;
  start: number;
  end: number;
  /** First offset after the bold opening and its attribute block (and the white space the parser trimmed). */
  restStart: number;
  references: LocatedReference[];
  footnotes: FootnoteCall[];
}

export interface FootnoteBlock {
  identifier: string;
  label: string;
  start: number;
  end: number;
  references: LocatedReference[];
}

/** Parses corpus files on demand (the corpus keeps records, not trees). */
export class SourceTrees {
  private readonly trees = new Map<string, ParseOutput>();
  constructor(private readonly corpus: Corpus) {}

  file(path: string): ParsedFile | undefined {
    return this.corpus.files.find((f) => f.path === path);
  }

  text(path: string): string {
    const text = this.corpus.texts.get(path);
    if (text === undefined) throw new Error(`no text for ${path}`);
    return text;
  }

  tree(path: string): Root {
    let out = this.trees.get(path);
    if (!out) {
      const file = this.file(path);
      if (!file) throw new Error(`not a source of the corpus: ${path}`);
      out = parseSource(path, file.role as FileRole, file.doc, this.text(path));
      this.trees.set(path, out);
    }
    return out.tree;
  }
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if ('children' in n && Array.isArray(n.children)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
}

function collect(nodes: Nodes[]): { references: LocatedReference[]; footnotes: FootnoteCall[] } {
  const references: LocatedReference[] = [];
  const footnotes: FootnoteCall[] = [];
  for (const root of nodes) {
    walk(root, (n) => {
      if (n.type === 'crossReference') {
        const r = n as unknown as CrossReference;
        if (r.position?.start.offset !== undefined) references.push({ offset: r.position.start.offset, target: r.target });
      } else if (n.type === 'footnoteReference' && n.position?.start.offset !== undefined) {
        footnotes.push({ identifier: n.identifier, label: n.label ?? n.identifier, start: n.position.start.offset, end: n.position.end.offset! });
      }
    });
  }
  return { references, footnotes };
}

function spanEnd(children: Nodes[], fallback: number): number {
  let end = fallback;
  for (const c of children) if (c.position?.end.offset !== undefined && c.position.end.offset > end) end = c.position.end.offset;
  return end;
}

function blockOf(path: string, text: string, node: ClauseNode | TermDefinitionNode): Block {
  const start = node.position!.start.offset!;
  const children = node.children as Nodes[];
  const end = spanEnd(children, node.position!.end.offset!);
  const paragraph = children[0];
  const firstInline = paragraph && 'children' in paragraph ? (paragraph.children as Nodes[])[0] : undefined;
  const restStart = firstInline?.position?.start.offset ?? paragraph?.position?.end.offset ?? end;
  return { path, text, start, end, restStart, ...collect(children) };
}

export function clausesIn(tree: Root): ClauseNode[] {
  const out: ClauseNode[] = [];
  for (const child of tree.children as Nodes[]) {
    if (child.type === 'clause') out.push(child as unknown as ClauseNode);
    if (child.type === 'section') for (const c of (child as unknown as SectionNode).children) if (c.type === 'clause') out.push(c as ClauseNode);
  }
  return out;
}

export function sectionIn(tree: Root, number: string): SectionNode | undefined {
  return (tree.children as Nodes[]).find((c) => c.type === 'section' && (c as unknown as SectionNode).number === number) as SectionNode | undefined;
}

export function findClause(trees: SourceTrees, path: string, number: string): Block | undefined {
  const node = clausesIn(trees.tree(path)).find((c) => c.number === number);
  return node ? blockOf(path, trees.text(path), node) : undefined;
}

export function definitionsIn(tree: Root): TermDefinitionNode[] {
  return (tree.children as Nodes[]).filter((c) => c.type === 'termDefinition') as unknown as TermDefinitionNode[];
}

export function findDefinition(trees: SourceTrees, path: string, term: string): Block | undefined {
  const node = definitionsIn(trees.tree(path)).find((d) => d.term === term);
  return node ? blockOf(path, trees.text(path), node) : undefined;
}

export function clauseBlock(trees: SourceTrees, path: string, node: ClauseNode): Block {
  return blockOf(path, trees.text(path), node);
}

export function definitionBlock(trees: SourceTrees, path: string, node: TermDefinitionNode): Block {
  return blockOf(path, trees.text(path), node);
}

/** Footnote definitions of a file by identifier. */
export function footnotesIn(trees: SourceTrees, path: string): Map<string, FootnoteBlock> {
  const out = new Map<string, FootnoteBlock>();
  for (const child of trees.tree(path).children as Nodes[]) {
    if (child.type !== 'footnoteDefinition' || child.position?.start.offset === undefined) continue;
    const fn = child as FootnoteDefinition;
    out.set(fn.identifier, { identifier: fn.identifier, label: fn.label ?? fn.identifier, start: fn.position!.start.offset!, end: fn.position!.end.offset!, references: collect(fn.children as Nodes[]).references });
  }
  return out;
}

/** Every footnote call in a file, wherever it is. */
export function footnoteCallsIn(trees: SourceTrees, path: string): FootnoteCall[] {
  return collect([trees.tree(path) as unknown as Nodes]).footnotes;
}
