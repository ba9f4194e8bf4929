/**
 * Bound corpus + parse trees → the render model of one document as at one date. The only place that decides what a
 * published document contains: which provisions are in force, where definitions go, what each reference says and
 * where it links. Renderers take the result as it is.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import type { TermDefinitionNode } from '../model/nodes.js';
import { parseMarkdown } from '../parse/markdown.js';
import { parseSource } from '../parse/parseFile.js';
import { fillPlaceholders, type HouseStyle, type PlaceholderValues } from '../theme/houseStyle.js';
import { definitionAnchor, definitionsAnchor } from './anchors.js';
import { DocumentConverter, trimStart } from './convert.js';
import { describeInForce, longDate } from './dates.js';
import type { Block, ContentsEntry, DefinitionEntry, DefinitionsBlock, Inline, RenderDocument } from '../model/document.js';

export interface RenderModelInput {
  corpus: Corpus;
  doc: string;
  asAt: IsoDate;
  style: HouseStyle;
  /** Documents built together: references to them become links to their files. */
  linkable: ReadonlySet<string>;
  /** The build's source date: every date written into an output file. */
  sourceDate: Date;
  /** Which Markdown reader gives the trees (default `fast`, which falls back to remark-parse by itself). */
  reader?: Reader;
}

/**
 * The parse phase's tree of one file, from the text the corpus already holds. Plain clause and definition files are
 * read by the fast reader (the tree remark-parse gives, but for the indentation kept at line joins, which the render
 * model collapses, and the case of footnote identifiers); `buildRenderModel.test.ts` holds the two readers to the same
 * render model. Anything else is read by remark-parse.
 */
function treeOf(corpus: Corpus, path: string, role: 'manifest' | 'clauses' | 'definitions', doc: string, reader: Reader): Root {
  const text = corpus.texts.get(path) ?? '';
  // A load that kept its trees read this text by the same readers (loadSources.ts): its tree is this one.
  const kept = reader === 'fast' ? corpus.trees?.take(path, text) : undefined;
  return kept ?? parseSource(path, role, doc, text, [], { fast: reader === 'fast' }).tree;
}

export type Reader = 'fast' | 'remark';

/** Boilerplate is parsed once per template text, with its placeholders still in it. */
const templateTrees = new Map<string, Root>();

function templateTree(markdown: string): Root {
  let tree = templateTrees.get(markdown);
  if (!tree) {
    tree = parseMarkdown(markdown);
    templateTrees.set(markdown, tree);
  }
  return tree;
}

/** A copy of a template's tree with `{{placeholders}}` filled in its text: values are text, never Markdown. */
function fillTree(tree: Root, values: PlaceholderValues): Root {
  const copy = structuredClone(tree);
  const walk = (node: { type: string; value?: unknown; children?: unknown[] }) => {
    if (node.type === 'text' && typeof node.value === 'string') node.value = fillPlaceholders(node.value, values, { escape: false });
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(copy as never);
  return copy;
}

export function statusLabel(style: HouseStyle, status: string): string {
  return style.theme.labels.statuses[status] ?? status.charAt(0).toUpperCase() + status.slice(1);
}

export function buildRenderModel(input: RenderModelInput): RenderDocument {
  const { corpus, doc, asAt, style } = input;
  const reader = input.reader ?? 'fast';
  const { theme } = style;
  const symbol = corpus.documents.get(doc);
  if (!symbol) throw new Error(`buildRenderModel: no document ${doc}`);
  const manifest = symbol.manifest;
  const title = manifest.title ?? doc;
  const shortTitle = manifest.shortTitle ?? title;
  const reference = manifest.reference ?? doc;
  const version = manifest.version ?? '';
  const status = manifest.status ?? '';
  const asAtText = longDate(asAt);
  const converter = new DocumentConverter({ corpus, doc, asAt, theme, linkable: input.linkable });

  // Body: each clause file's sections in reading order.
  const body: Block[] = [];
  const definitionTrees: Array<{ path: string; tree: Root }> = [];
  for (const file of symbol.files) {
    if (file.role === 'definitions') {
      definitionTrees.push({ path: file.path, tree: treeOf(corpus, file.path, 'definitions', doc, reader) });
      continue;
    }
    // A device matrix is rendered as its own annex, not as clause text.
    if (file.role === 'matrix') continue;
    const tree = treeOf(corpus, file.path, 'clauses', doc, reader);
    converter.enterFile(file.path, tree.children);
    body.push(...converter.blocks(tree.children));
  }

  // Definitions: inside the section that introduces them ("Defined Terms"), or standing alone at the end.
  const entries: DefinitionEntry[] = [];
  for (const { path, tree } of definitionTrees) {
    converter.enterFile(path, tree.children);
    let heading: string | undefined;
    for (const node of tree.children as Array<RootContent | TermDefinitionNode>) {
      if (node.type === 'heading') {
        // Group headings ("## A", "## B") of an alphabetical list go with the entry that follows them.
        heading = toString(node).trim() || undefined;
        continue;
      }
      if (node.type === 'termDefinition') {
        const [first, ...rest] = node.children;
        const lead = first?.type === 'paragraph' ? trimStart(converter.inlines(first.children)) : [];
        const entry: DefinitionEntry = { term: node.term, anchor: definitionAnchor(doc, node.term), lead, children: converter.blocks(first?.type === 'paragraph' ? rest : node.children) };
        if (node.attributes.from) entry.from = node.attributes.from;
        if (heading) entry.heading = heading;
        heading = undefined;
        entries.push(entry);
      } else if (node.type !== 'yaml' && node.type !== 'footnoteDefinition' && node.type !== 'definition') {
        converter.problem(node, `${node.type} outside any definition in a definitions file is not rendered (start the paragraph with a **bold term**)`);
      }
    }
  }
  const contents: ContentsEntry[] = [];
  if (entries.length) {
    const titles = theme.definitions.sectionTitles.map((t) => t.toLowerCase());
    const home = theme.definitions.placement === 'section' ? body.find((b) => b.kind === 'section' && titles.includes(b.titleText.trim().toLowerCase())) : undefined;
    const block: DefinitionsBlock = { kind: 'definitions', anchor: definitionsAnchor(doc), entries };
    if (home && home.kind === 'section') home.children.push(block);
    else body.push({ ...block, title: theme.labels.definitions });
  }
  for (const b of body) {
    if (b.kind === 'section') contents.push({ level: 1, number: b.number, title: b.titleText, anchor: b.anchor });
    else if (b.kind === 'definitions' && b.title) contents.push({ level: 1, title: b.title, anchor: b.anchor });
  }

  // Cover: facts, the status notice, the manifest's preamble and the boilerplate, placeholders filled.
  const inForce = describeInForce(symbol.inForce, { from: theme.labels.inForceFrom, until: theme.labels.inForceUntil });
  const values: PlaceholderValues = {
    code: doc,
    reference,
    title,
    'short-title': shortTitle,
    version,
    status: statusLabel(style, status),
    'as-at': asAtText,
    'in-force': inForce,
    organisation: theme.organisation,
  };
  const boilerplate = (markdown: string | undefined, path: string): Block[] => {
    if (!markdown) return [];
    const tree = fillTree(templateTree(markdown), values);
    converter.enterFile(path, tree.children);
    return converter.blocks(tree.children);
  };
  const manifestTree = treeOf(corpus, symbol.manifestPath, 'manifest', doc, reader);
  converter.enterFile(symbol.manifestPath, manifestTree.children);
  const preamble = converter.blocks(manifestTree.children.filter((n) => n.type !== 'yaml'));
  const facts = [
    { label: theme.labels.reference, value: reference },
    ...(version ? [{ label: theme.labels.version, value: version }] : []),
    ...(status ? [{ label: theme.labels.status, value: statusLabel(style, status) }] : []),
    { label: theme.labels.asAt, value: asAtText },
    { label: theme.labels.inForce, value: inForce },
  ];

  const model: RenderDocument = {
    code: doc,
    title,
    shortTitle,
    reference,
    version,
    status,
    asAt,
    asAtText,
    running: {
      headerLeft: `${reference} \u2014 ${title}`,
      headerRight: version ? `${theme.labels.version} ${version}` : '',
      footerLeft: `${theme.labels.asAt} ${asAtText}`,
      page: theme.labels.page,
    },
    metadata: {
      title: `${reference}: ${title}`,
      author: theme.organisation,
      subject: `${title}${version ? `, ${theme.labels.version.toLowerCase()} ${version}` : ''}, ${theme.labels.asAt.toLowerCase()} ${asAtText}`,
      keywords: [reference, shortTitle, 'Smart Energy Code', doc, ...(status ? [statusLabel(style, status)] : [])].filter((k, i, all) => all.indexOf(k) === i),
      language: 'en-GB',
      date: input.sourceDate,
    },
    cover: {
      reference,
      title,
      facts,
      notice: boilerplate(style.notices[status], `${style.dir}/${style.theme.templates.notices[status] ?? ''}`),
      preamble,
      boilerplate: boilerplate(style.cover, `${style.dir}/${style.theme.templates.cover}`),
    },
    contentsTitle: theme.labels.contents,
    contents,
    body,
    footnotes: converter.footnotes,
    omitted: converter.omitted,
    problems: converter.problems,
  };
  renumberFootnotes(model);
  return model;
}

/** Numbers footnotes in reading order (cover, then body), whatever order their content was converted in. */
export function renumberFootnotes(model: RenderDocument): void {
  const order = new Map<number, number>();
  const visitInlines = (inlines: Inline[]) => {
    for (const i of inlines) {
      if (i.kind === 'footnoteRef') {
        if (!order.has(i.number)) order.set(i.number, order.size + 1);
        i.number = order.get(i.number)!;
      } else if ('children' in i) visitInlines(i.children);
    }
  };
  const visitBlocks = (blocks: Block[]) => {
    for (const b of blocks) {
      switch (b.kind) {
        case 'section':
          visitInlines(b.title);
          visitBlocks(b.children);
          break;
        case 'clause':
        case 'subParagraph':
          visitInlines(b.lead);
          visitBlocks(b.children);
          break;
        case 'heading':
        case 'paragraph':
          visitInlines(b.content);
          break;
        case 'list':
          for (const item of b.items) visitBlocks(item);
          break;
        case 'table':
          for (const cell of [...b.header, ...b.rows.flat()]) visitInlines(cell.content);
          break;
        case 'definitions':
          for (const e of b.entries) {
            visitInlines(e.lead);
            visitBlocks(e.children);
          }
          break;
        case 'quote':
          visitBlocks(b.children);
          break;
        default:
          break;
      }
    }
  };
  visitBlocks(model.cover.notice);
  visitBlocks(model.cover.preamble);
  visitBlocks(model.cover.boilerplate);
  visitBlocks(model.body);
  // Marks inside footnotes themselves come after every mark in the text.
  const original = [...model.footnotes];
  for (const f of original) visitBlocks(f.children);
  model.footnotes = original.map((f) => ({ ...f, number: order.get(f.number) ?? f.number })).sort((a, b) => a.number - b.number);
}
