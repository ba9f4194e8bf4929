/**
 * Rewrites a clause or definitions file's flat mdast into regmark nodes (sections, clauses, sub-paragraphs,
 * term definitions, cross-references) and extracts the records the binder needs, in one iterative walk
 * (iterative because authors' lists can nest arbitrarily deep).
 */
import type { FootnoteDefinition, ListItem, Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Strong, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ClauseNode, SectionNode, SubParagraphNode, TermDefinitionNode } from '../model/nodes.js';
import { CLAUSE_NUMBER, LABEL_SOURCE } from '../model/ids.js';
import type { DefinitionRecord, OffsetDiagnostic, ProvisionRecord } from '../model/corpus.js';
import { parseAttributeBlock } from './attributes.js';
import { alignToRaw, hasChildren, isOpaque, splitText, type InlineContext, type RunSink } from './inline.js';
import { parseIsoDate } from '../model/dates.js';
import { didYouMean } from '../model/suggest.js';

const SECTION_HEADING = /^([0-9]+[A-Za-z]*(?:\.[0-9]+[A-Za-z]*)*)(?:\s+(.*))?$/s;
/** `(b) ` at the front of a list item: the label of a sub-paragraph. */
export const LABEL = new RegExp(`^${LABEL_SOURCE}(?=\\s|$)`);

/** A heading's text (trimmed) as a section's number and title, when it is one. */
export function sectionOf(text: string): { number: string; title: string } | undefined {
  const m = SECTION_HEADING.exec(text);
  return m && CLAUSE_NUMBER.test(m[1]!) ? { number: m[1]!, title: (m[2] ?? '').trim() } : undefined;
}

/** Reported once per file, at the first block that belongs to no section. */
export function orphanText(offset: number): OffsetDiagnostic {
  return { code: 'orphan-text', offset, message: 'text before the first section heading belongs to no section: move it under a `## <number> <title>` heading, or into a clause' };
}

/** `reason` is free text: why a retained clause was carried over (the "Logic" of a pack's retention table). */
export const CLAUSE_ATTRIBUTES = ['from', 'kind', 'in-force-from', 'in-force-until', 'reason', 'subject'];
const CLAUSE_KINDS = ['obligation', 'right', 'procedure', 'definition', 'variation', 'note', 'provision'];
export const DEFINITION_ATTRIBUTES = ['plural', 'also', 'from', 'reason', 'subject', 'in-force-from', 'in-force-until'];

type Owner = (ProvisionRecord | DefinitionRecord) & RunSink;

interface WalkItem {
  node: Nodes;
  owner: Owner;
  /** Local ID of the provision whose sub-paragraphs a labelled list item would be. */
  scope: string;
  parentIsProvision: boolean;
}

export interface StructureResult {
  provisions: ProvisionRecord[];
  definitions: DefinitionRecord[];
}

/** Leading strong node of a paragraph, and its text: `**7.9A**` or `**GroupID**`. */
function leadingStrong(node: RootContent): { strong: Strong; text: string } | undefined {
  if (node.type !== 'paragraph') return undefined;
  const first = node.children[0];
  if (!first || first.type !== 'strong') return undefined;
  return { strong: first, text: toString(first).trim() };
}

/** Removes `**X** {attrs}` from the front of a paragraph; returns attributes and where they started. */
function takeOpening(paragraph: Paragraph, ctx: InlineContext, allowed: string[], owner: string): Record<string, string> {
  paragraph.children.shift();
  const next = paragraph.children[0];
  if (!next || next.type !== 'text') return {};
  const { attributes, length } = readAttributes(next.value, next.position?.start.offset ?? 0, ctx, allowed, owner);
  if (length > 0) trimFront(next, length, paragraph, ctx.source);
  return attributes;
}

/** The `{…}` block at the front of `value` (at source offset `base`), its problems reported: the attributes allowed, and the characters the block takes. */
export function readAttributes(value: string, base: number, ctx: InlineContext, allowed: string[], owner: string): { attributes: Record<string, string>; length: number } {
  const parsed = parseAttributeBlock(value, base);
  for (const p of parsed.problems) ctx.diagnostics.push({ code: 'invalid-attribute', offset: p.offset, message: `${owner}: ${p.message}` });
  for (const name of Object.keys(parsed.attributes)) {
    if (!allowed.includes(name)) {
      const at = ctx.source.indexOf(name, base);
      ctx.diagnostics.push({ code: 'invalid-attribute', offset: at >= 0 ? at : base, message: `${owner}: unknown attribute \`${name}\` (allowed: ${allowed.join(', ')})${didYouMean(name, allowed)}` });
      delete parsed.attributes[name];
    }
  }
  return { attributes: parsed.attributes, length: parsed.length };
}

/** Drops `length` characters (and the white space after them) from the front of a text node, keeping its source position exact. */
function trimFront(node: Text, length: number, parent: Paragraph | Parents, source: string): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (node.position && start !== undefined && end !== undefined) {
    const cut = cutFront(node.value, start, end, length, source);
    node.value = cut.value;
    node.position.start = { ...node.position.start, offset: cut.start, column: node.position.start.column + (cut.start - start) };
  } else node.value = node.value.slice(length).replace(/^[ \t]+/, '');
  if (node.value === '') parent.children.splice(parent.children.indexOf(node as never), 1);
}

/** `value`, the text at source [start, end), less `length` characters and the white space after them; and where the rest starts in the source. */
export function cutFront(value: string, start: number, end: number, length: number, source: string): { value: string; start: number } {
  const rest = value.slice(length).replace(/^[ \t]+/, '');
  const removed = value.length - rest.length;
  const raw = source.slice(start, end);
  // Escapes and stripped indentation make value and source differ; map the cut through them.
  return { value: rest, start: raw === value ? start + removed : (alignToRaw(raw, value, start)[removed] ?? end) };
}

export function validateClauseAttributes(attributes: Record<string, string>, at: number, id: string, ctx: InlineContext): void {
  const kind = attributes.kind;
  if (kind !== undefined && !CLAUSE_KINDS.includes(kind)) {
    // The caret goes to the value, where the typo is, not to the clause number.
    const key = ctx.source.indexOf('kind', at);
    const value = key >= 0 ? ctx.source.indexOf(kind, key) : -1;
    ctx.diagnostics.push({ code: 'invalid-attribute', offset: value >= 0 ? value : at, message: `clause ${id}: \`kind=${kind}\` is not one of ${CLAUSE_KINDS.join(', ')}${didYouMean(kind, CLAUSE_KINDS)}` });
    delete attributes.kind;
  }
  validateDates(attributes, at, `clause ${id}`, ctx);
}

/** `in-force-from` / `in-force-until` on a clause or a definition: real dates, in order. */
export function validateDates(attributes: Record<string, string>, at: number, owner: string, ctx: InlineContext): void {
  for (const key of ['in-force-from', 'in-force-until']) {
    const value = attributes[key];
    if (value !== undefined && !parseIsoDate(value)) {
      ctx.diagnostics.push({ code: 'invalid-attribute', offset: at, message: `${owner}: \`${key}="${value}"\` is not a real date YYYY-MM-DD` });
      delete attributes[key];
    }
  }
  const from = attributes['in-force-from'];
  const until = attributes['in-force-until'];
  if (from && until && from > until) ctx.diagnostics.push({ code: 'invalid-attribute', offset: at, message: `${owner}: in-force-from ${from} is after in-force-until ${until}` });
}

export function newProvision(kind: ProvisionRecord['kind'], local: string, offset: number, parent?: string): ProvisionRecord {
  const record: ProvisionRecord = { kind, local, offset, attributes: {}, runs: [], references: [] };
  if (parent !== undefined) record.parent = parent;
  return record;
}

/** What a node of the walk belongs to: shared by every node of one owner and scope, so the walk makes none per node. */
type WalkContext = Omit<WalkItem, 'node'>;

/** The iterative walk shared by clause and definition content. */
function harvest(start: WalkItem[], ctx: InlineContext, provisions: ProvisionRecord[], footnoteOwners: Map<string, Owner>): void {
  const nodes: Nodes[] = [];
  const contexts: WalkContext[] = [];
  for (let i = start.length - 1; i >= 0; i--) {
    nodes.push(start[i]!.node);
    contexts.push(start[i]!);
  }
  while (nodes.length) {
    const node = nodes.pop()!;
    const item = contexts.pop()!;
    const { owner } = item;
    if (isOpaque(node)) continue;
    if (node.type === 'footnoteReference') {
      if (!footnoteOwners.has(node.identifier)) footnoteOwners.set(node.identifier, owner);
      continue;
    }
    if (node.type === 'text') continue; // texts are handled through their parent so they can be split
    if (!hasChildren(node)) continue;
    if (node.type === 'list' && item.parentIsProvision) {
      const children = node.children as Array<ListItem | SubParagraphNode>;
      // Labels are taken in document order so that a repeated label is the one reported.
      let plain: WalkContext | undefined;
      const next = children.map((li, i): [Nodes, WalkContext] => {
        const sub = li.type === 'listItem' ? labelItem(li, item.scope, ctx, provisions) : undefined;
        if (!sub) return [li as Nodes, (plain ??= { owner, scope: item.scope, parentIsProvision: false })];
        children[i] = sub.node;
        return [sub.node as never, { owner: sub.owner, scope: sub.node.id, parentIsProvision: true }];
      });
      for (let i = next.length - 1; i >= 0; i--) {
        nodes.push(next[i]![0]);
        contexts.push(next[i]![1]);
      }
      continue;
    }
    // A text node is replaced by what splitting it gives; the children are copied only once one differs.
    const kids = node.children as Nodes[];
    let rewritten: Nodes[] | undefined;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      if (child.type === 'text') {
        const split = splitText(child, owner, ctx) as Nodes[];
        if (rewritten) rewritten.push(...split);
        else if (split.length !== 1 || split[0] !== child) (rewritten = kids.slice(0, i)).push(...split);
      } else rewritten?.push(child);
    }
    if (rewritten) (node as Parents).children = rewritten as never;
    const walked = rewritten ?? kids;
    for (let i = walked.length - 1; i >= 0; i--) {
      const child = walked[i]!;
      if (child.type === 'text') continue;
      nodes.push(child);
      contexts.push(item);
    }
  }
}

/** A list item `(b) …` becomes sub-paragraph `<scope>(b)`. */
function labelItem(li: ListItem, scope: string, ctx: InlineContext, provisions: ProvisionRecord[]): { node: SubParagraphNode; owner: Owner } | undefined {
  const para = li.children[0];
  if (!para || para.type !== 'paragraph') return undefined;
  const first = para.children[0];
  if (!first || first.type !== 'text') return undefined;
  const m = LABEL.exec(first.value);
  if (!m) return undefined;
  const label = m[1]!;
  const id = `${scope}(${label})`;
  const labelOffset = first.position?.start.offset ?? 0;
  trimFront(first, m[0].length, para, ctx.source);
  const owner = newProvision('subParagraph', id, labelOffset, scope);
  provisions.push(owner as ProvisionRecord);
  const node: SubParagraphNode = { type: 'subParagraph', label, id, labelOffset, children: li.children as SubParagraphNode['children'] };
  if (li.position) node.position = li.position;
  return { node, owner };
}

function harvestFootnotes(root: Root, footnotes: FootnoteDefinition[], owners: Map<string, Owner>, ctx: InlineContext, provisions: ProvisionRecord[]): void {
  for (const fn of footnotes) {
    const owner = owners.get(fn.identifier);
    // An orphan footnote is still read for references and untagged prose, but its terms are nobody's use.
    const sink = owner ?? (newProvision('clause', '', 0) as Owner);
    harvest([{ node: fn, owner: sink, scope: owner ? (owner as ProvisionRecord).local ?? '' : '', parentIsProvision: false }], ctx, provisions, owners);
  }
  void root;
}

export function structureClauses(root: Root, ctx: InlineContext): StructureResult {
  const provisions: ProvisionRecord[] = [];
  const out: RootContent[] = [];
  const footnotes: FootnoteDefinition[] = [];
  const work: WalkItem[] = [];
  let section: SectionNode | undefined;
  let clause: ClauseNode | undefined;
  let clauseOwner: Owner | undefined;
  const container = () => (section ? (section.children as RootContent[]) : out);
  const orphans: RootContent[] = [];
  const noteOrphan = (child: RootContent) => {
    if (isComment(child)) return;
    if (!orphans.length) ctx.diagnostics.push(orphanText(child.position?.start.offset ?? 0));
    orphans.push(child);
  };
  for (const child of root.children) {
    if (child.type === 'yaml') {
      out.push(child);
      continue;
    }
    if (child.type === 'footnoteDefinition') {
      footnotes.push(child);
      out.push(child);
      continue;
    }
    if (child.type === 'heading') {
      clause = undefined;
      const found = sectionOf(toString(child).trim());
      if (found) {
        const offset = child.children[0]?.position?.start.offset ?? child.position?.start.offset ?? 0;
        section = { type: 'section', number: found.number, title: found.title, heading: child, children: [] };
        if (child.position) section.position = child.position;
        out.push(section as never);
        const record = newProvision('section', found.number, offset);
        record.title = section.title;
        provisions.push(record);
        // Headings are not scanned for terms, but a reference in one must still resolve.
        work.push({ node: child, owner: record as Owner, scope: found.number, parentIsProvision: false });
      } else {
        if (!section && !clause) noteOrphan(child);
        container().push(child);
      }
      continue;
    }
    const opening = leadingStrong(child);
    if (opening && CLAUSE_NUMBER.test(opening.text)) {
      const paragraph = child as Paragraph;
      const numberOffset = (opening.strong.position?.start.offset ?? 0) + 2;
      const attributes = takeOpening(paragraph, ctx, CLAUSE_ATTRIBUTES, `clause ${opening.text}`);
      validateClauseAttributes(attributes, numberOffset, opening.text, ctx);
      clause = { type: 'clause', number: opening.text, attributes, numberOffset, children: [paragraph] };
      if (child.position) clause.position = child.position;
      container().push(clause as never);
      clauseOwner = newProvision('clause', opening.text, numberOffset, section?.number);
      clauseOwner.attributes = attributes;
      provisions.push(clauseOwner as ProvisionRecord);
      work.push({ node: paragraph, owner: clauseOwner, scope: opening.text, parentIsProvision: true });
      continue;
    }
    if (clause && clauseOwner) {
      clause.children.push(child as never);
      work.push({ node: child, owner: clauseOwner, scope: clause.number, parentIsProvision: true });
    } else {
      container().push(child);
      // Text outside any clause (a section's introduction) belongs to the section for checking.
      const owner = section ? (provisions.find((p) => p.kind === 'section' && p.local === section!.number) as Owner) : undefined;
      if (owner) work.push({ node: child, owner, scope: section!.number, parentIsProvision: false });
      else noteOrphan(child);
    }
  }
  // Orphan text is nobody's term use, but its references are read (against the file's first provision) so that none is ignored.
  const reader = provisions[0];
  if (reader) for (const node of orphans) work.push({ node, owner: reader as Owner, scope: reader.local, parentIsProvision: false });
  root.children = out;
  const footnoteOwners = new Map<string, Owner>();
  // Headings: only references are wanted, so their runs are dropped after the walk.
  for (const item of work) {
    const before = (item.owner as Owner).runs.length;
    harvest([item], ctx, provisions, footnoteOwners);
    if (item.node.type === 'heading' || orphans.includes(item.node as RootContent)) (item.owner as Owner).runs.length = before;
  }
  harvestFootnotes(root, footnotes, footnoteOwners, ctx, provisions);
  return { provisions, definitions: [] };
}

/** An HTML comment is a note to drafters, never printed: not orphan text. */
function isComment(node: RootContent): boolean {
  return node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
}

export function structureDefinitions(root: Root, ctx: InlineContext): StructureResult {
  const definitions: DefinitionRecord[] = [];
  const out: RootContent[] = [];
  const footnotes: FootnoteDefinition[] = [];
  const work: WalkItem[] = [];
  let current: TermDefinitionNode | undefined;
  let owner: Owner | undefined;
  for (const child of root.children) {
    if (child.type === 'footnoteDefinition') {
      footnotes.push(child);
      out.push(child);
      continue;
    }
    const opening = child.type === 'yaml' ? undefined : leadingStrong(child);
    if (opening && opening.text) {
      const paragraph = child as Paragraph;
      const termOffset = (opening.strong.position?.start.offset ?? 0) + 2;
      const attributes = takeOpening(paragraph, ctx, DEFINITION_ATTRIBUTES, `definition of ${opening.text}`);
      validateDates(attributes, termOffset, `definition of ${opening.text}`, ctx);
      current = { type: 'termDefinition', term: opening.text, attributes, termOffset, children: [paragraph] };
      if (child.position) current.position = child.position;
      out.push(current as never);
      const record: DefinitionRecord = { term: opening.text, offset: termOffset, attributes, text: '', runs: [], references: [] };
      definitions.push(record);
      owner = record as Owner;
      work.push({ node: paragraph, owner, scope: '', parentIsProvision: false });
      continue;
    }
    if (child.type === 'heading' || child.type === 'yaml') {
      current = undefined;
      owner = undefined;
      out.push(child);
      continue;
    }
    if (current && owner) {
      current.children.push(child as never);
      work.push({ node: child, owner, scope: '', parentIsProvision: false });
    } else out.push(child);
  }
  root.children = out;
  const footnoteOwners = new Map<string, Owner>();
  const sink: ProvisionRecord[] = [];
  for (const item of work) harvest([item], ctx, sink, footnoteOwners);
  harvestFootnotes(root, footnotes, footnoteOwners, ctx, sink);
  for (const node of out) {
    if (node.type !== ('termDefinition' as string)) continue;
    const def = node as unknown as TermDefinitionNode;
    const record = definitions.find((d) => d.offset === def.termOffset)!;
    record.text = def.children.map((c) => inlineText(c as Nodes)).join(' ').replace(/\s+/g, ' ').trim();
  }
  return { provisions: [], definitions };
}

/** Plain text including references as written, so two homes compare by what an author wrote. */
function inlineText(node: Nodes): string {
  if (node.type === 'crossReference') return `[[${(node as unknown as { raw: string }).raw}]]`;
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (hasChildren(node)) return (node.children as Nodes[]).map(inlineText).join('');
  return '';
}

export type { PhrasingContent, OffsetDiagnostic };
