/**
 * Reads a clause or definitions file in the fast reader's subset straight to the records a check needs, without its
 * tree. A cold check used to build each file's mdast and then walk it (structure.ts); the tree of a whole file
 * outlived the young generation's collections, so it was copied and promoted before being thrown away, and that was
 * most of a cold check's parse. Renderers still read trees; this serves only loads that keep none.
 *
 * The records are structureClauses' and structureDefinitions' of fastParse's tree, exactly, in the same order: a
 * differential test holds the two readings to the same ParsedFile. What that takes, in the walk's terms:
 * - records of sections and clauses come first, in document order; sub-paragraphs follow, each labelled list's
 *   labels together, before the labels of the lists inside its items;
 * - within a paragraph, its own text is read before the text inside emphasis;
 * - problems with a clause's or definition's opening (attributes, orphan text) are reported before problems found
 *   in text;
 * - text before the first section is read last, for its references only, and footnotes after it;
 * - a definition's text for comparing homes is its blocks' text joined by spaces, a list's or table's parts run
 *   together, as mdast-util-to-string would join them.
 */
import type { DefinitionRecord, OffsetDiagnostic, ProvisionRecord } from '../model/corpus.js';
import { CLAUSE_NUMBER } from '../model/ids.js';
import { readPlain, type InlineSink, type PlainBlock, type PlainList, type Reader } from './fastBlocks.js';
import { scanText, type InlineContext } from './inline.js';
import { MAX_TREE_DEPTH } from './nesting.js';
import { readDefinitionsHeader } from './frontMatter.js';
import { CLAUSE_ATTRIBUTES, cutFront, DEFINITION_ATTRIBUTES, LABEL, newProvision, orphanText, readAttributes, sectionOf, validateClauseAttributes, validateDates } from './structure.js';

export interface ClauseRecords {
  provisions: ProvisionRecord[];
  /** Problems in the file's structure, then problems in its text: the order parseSource reports them in. */
  diagnostics: OffsetDiagnostic[];
  untagged: Array<{ offset: number; text: string }>;
  /** The front matter's text and where it starts, when the file opens with some. */
  frontMatter?: { value: string; offset: number };
}

export interface DefinitionRecords extends Omit<ClauseRecords, 'provisions'> {
  definitions: DefinitionRecord[];
}

/** A scan that keeps nothing: blocks whose text no record reads must still be read for what the fast reader declines. */
const SKIM: InlineSink = { text() {}, code() {}, footnote() {}, emphasis() {} };

/** What the first text of a paragraph may open with. */
type Opening = 'none' | 'attributes' | 'label';

/** Whose text is being read: a provision, or a definition. */
type Owner = ProvisionRecord | DefinitionRecord;

/** A heading's plain text, as mdast-util-to-string gives it, and where its content starts. */
class HeadingText implements InlineSink {
  value = '';
  start: number | undefined;
  text(start: number, _end: number, value: string): void {
    this.start ??= start;
    this.value += value;
  }
  code(start: number, _end: number, value: string): void {
    this.start ??= start;
    this.value += value;
  }
  footnote(start: number): void {
    this.start ??= start;
  }
  emphasis(_strong: boolean, start: number, _end: number, inner: string): void {
    this.start ??= start;
    this.value += inner;
  }
}

class RecordReader implements InlineSink {
  readonly roots: ProvisionRecord[] = [];
  readonly subs: ProvisionRecord[] = [];
  readonly structure: InlineContext;
  /** Where problems and untagged references found in text go. */
  readonly prose: InlineContext;
  private readonly footnoteOwners = new Map<string, Owner>();
  // The paragraph being read.
  private owner!: Owner;
  private opening: Opening = 'none';
  private first = true;
  private scope = '';
  /** The opening's allowed attributes, and whose they are for messages. */
  private allowed = CLAUSE_ATTRIBUTES;
  private opener = '';
  private attributes: Record<string, string> = {};
  /** Where a definition's text is gathered, piece by piece in document order, while its blocks are read. */
  private gather: string[] | undefined;
  /** Text inside emphasis, read once the paragraph's own text has been: value, start, end, … */
  private readonly later: Array<string | number> = [];

  constructor(private readonly r: Reader) {
    const untagged: Array<{ offset: number; text: string }> = [];
    this.structure = { source: r.src, diagnostics: [], untagged };
    this.prose = { source: r.src, diagnostics: [], untagged };
  }

  /** Reads [start, end) for `owner`; returns whom its text went to: a sub-paragraph when the item opens with a label. */
  read(start: number, end: number, owner: Owner, opening: Opening = 'none', scope = '', strong?: { inner: string; close: number }): Owner {
    this.owner = owner;
    this.opening = opening;
    this.first = true;
    this.scope = scope;
    // A root paragraph's opening `**X**` that is no clause number stays: its text is read after the paragraph's own.
    if (strong) this.later.push(strong.inner, start + 2, strong.close);
    this.r.inline(strong ? strong.close + 2 : start, end, this);
    for (let k = 0; k < this.later.length; k += 3) scanText(this.later[k] as string, this.later[k + 1] as number, this.later[k + 2] as number, this.owner, this.prose);
    this.later.length = 0;
    return this.owner;
  }

  /**
   * A clause's or definition's opening paragraph, its `**X**` closing at `close`; returns the attributes after it,
   * of those `allowed`, reported as `opener`'s.
   */
  readOpening(close: number, end: number, owner: Owner, allowed: string[], opener: string, gather?: string[]): Record<string, string> {
    this.allowed = allowed;
    this.opener = opener;
    this.attributes = {};
    this.gather = gather;
    this.read(close + 2, end, owner, 'attributes');
    this.gather = undefined;
    return this.attributes;
  }

  /** Reads a definition's block, gathering its text into `gather` as well. */
  readGathering(block: PlainBlock, owner: Owner, gather: string[]): void {
    this.gather = gather;
    this.block(block, owner, '', false);
    this.gather = undefined;
  }

  text(start: number, end: number, value: string): void {
    if (this.first) {
      this.first = false;
      const rest = this.open(start, end, value);
      if (!rest) return;
      start = rest.start;
      value = rest.value;
    }
    this.gather?.push(value);
    scanText(value, start, end, this.owner, this.prose);
  }

  code(_start: number, _end: number, value: string): void {
    this.first = false;
    this.gather?.push(value);
  }

  footnote(_start: number, _end: number, identifier: string): void {
    this.first = false;
    if (!this.footnoteOwners.has(identifier)) this.footnoteOwners.set(identifier, this.owner);
  }

  emphasis(strong: boolean, start: number, end: number, inner: string): void {
    this.first = false;
    this.gather?.push(inner);
    const n = strong ? 2 : 1;
    this.later.push(inner, start + n, end - n);
  }

  /** What is left of a paragraph's first text once its attributes or label are taken; undefined when nothing is. */
  private open(start: number, end: number, value: string): { value: string; start: number } | undefined {
    let length = 0;
    if (this.opening === 'attributes') {
      const read = readAttributes(value, start, this.structure, this.allowed, this.opener);
      this.attributes = read.attributes;
      length = read.length;
    } else if (this.opening === 'label') {
      const m = LABEL.exec(value);
      if (m) {
        this.owner = newProvision('subParagraph', `${this.scope}(${m[1]!})`, start, this.scope);
        length = m[0].length;
      }
    }
    if (length === 0) return { value, start };
    const rest = cutFront(value, start, end, length, this.r.src);
    return rest.value === '' ? undefined : rest;
  }

  /** The sub-paragraphs a list makes, in the order the tree's walk labels them. */
  list(list: PlainList, owner: Owner, scope: string, provision: boolean): ProvisionRecord[] {
    const labels: ProvisionRecord[] = [];
    let inner: ProvisionRecord[] = [];
    for (const item of list.items) {
      const itemOwner = this.read(item.start, item.end, owner, provision ? 'label' : 'none', scope);
      const labelled = itemOwner !== owner;
      if (labelled) labels.push(itemOwner as ProvisionRecord);
      if (item.nested) inner = inner.concat(this.list(item.nested, itemOwner, labelled ? (itemOwner as ProvisionRecord).local : scope, labelled));
    }
    return labels.concat(inner);
  }

  /** Reads one block of a clause, a section's introduction or orphan text. */
  block(block: PlainBlock, owner: Owner, scope: string, provision: boolean, strong?: { inner: string; close: number }): void {
    if (block.kind === 'paragraph') this.read(block.start, block.end, owner, 'none', '', strong);
    else if (block.kind === 'list') this.subs.push(...this.list(block.list, owner, scope, provision));
    else if (block.kind === 'table') {
      for (const row of block.rows) for (const cell of row.cells) if (cell.end > cell.start) this.read(cell.start, cell.end, owner);
    }
  }

  /** Scans a block no record reads, for the constructs that make the fast reader decline the file. */
  skim(block: PlainBlock): void {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        if (block.end > block.start) this.r.inline(block.start, block.end, SKIM);
        break;
      case 'table':
        for (const row of block.rows) for (const cell of row.cells) if (cell.end > cell.start) this.r.inline(cell.start, cell.end, SKIM);
        break;
      case 'list':
        this.skimList(block.list);
        break;
    }
  }

  private skimList(list: PlainList): void {
    for (const item of list.items) {
      this.r.inline(item.start, item.end, SKIM);
      if (item.nested) this.skimList(item.nested);
    }
  }

  footnotes(notes: Array<Extract<PlainBlock, { kind: 'footnote' }>>): void {
    // An orphan footnote is still read for references and untagged prose, but its terms are nobody's use.
    for (const note of notes) this.read(note.start, note.end, this.footnoteOwners.get(note.identifier) ?? newProvision('clause', '', 0));
  }
}

function blockStart(r: Reader, block: PlainBlock): number {
  switch (block.kind) {
    case 'heading':
      return r.lines[block.line]!.start;
    case 'paragraph':
      return block.start;
    case 'list':
      return r.lines[block.list.first]!.start;
    case 'table':
      return r.lines[block.first]!.start;
    default:
      return 0;
  }
}

function deepestList(blocks: PlainBlock[]): number {
  let depth = 0;
  for (const block of blocks) if (block.kind === 'list') depth = Math.max(depth, block.list.depth);
  return depth;
}

/**
 * Whether the file's tree would be deeper than parseSource allows: a list, its item, the item's paragraph and
 * emphasis in it take two levels a list and three more. parseSource refuses such a file, and says where.
 */
function tooDeepForTree(blocks: PlainBlock[]): boolean {
  return 2 * deepestList(blocks) + 3 > MAX_TREE_DEPTH;
}

function records(r: Reader, blocks: PlainBlock[]): ClauseRecords | undefined {
  if (tooDeepForTree(blocks)) return undefined;
  const reader = new RecordReader(r);
  const { roots } = reader;
  const firstSection = new Map<string, ProvisionRecord>();
  const orphans: PlainBlock[] = [];
  const notes: Array<Extract<PlainBlock, { kind: 'footnote' }>> = [];
  let section: string | undefined;
  let clause: ProvisionRecord | undefined;
  const noteOrphan = (block: PlainBlock) => {
    if (!orphans.length) reader.structure.diagnostics.push(orphanText(blockStart(r, block)));
    orphans.push(block);
  };
  for (const block of blocks) {
    if (block.kind === 'yaml') continue;
    if (block.kind === 'footnote') {
      notes.push(block);
      continue;
    }
    if (block.kind === 'heading') {
      clause = undefined;
      const heading = new HeadingText();
      if (block.end > block.start) r.inline(block.start, block.end, heading);
      const found = sectionOf(heading.value.trim());
      if (found) {
        const record = newProvision('section', found.number, heading.start ?? r.lines[block.line]!.start);
        record.title = found.title;
        roots.push(record);
        if (!firstSection.has(found.number)) firstSection.set(found.number, record);
        section = found.number;
      } else if (section === undefined) noteOrphan(block);
      continue;
    }
    const strong = block.kind === 'paragraph' ? r.leadingStrong(block.start, block.end) : undefined;
    if (block.kind === 'paragraph' && strong && CLAUSE_NUMBER.test(strong.inner)) {
      const numberOffset = block.start + 2;
      clause = newProvision('clause', strong.inner, numberOffset, section);
      roots.push(clause);
      const attributes = reader.readOpening(strong.close, block.end, clause, CLAUSE_ATTRIBUTES, `clause ${strong.inner}`);
      validateClauseAttributes(attributes, numberOffset, strong.inner, reader.structure);
      clause.attributes = attributes;
      continue;
    }
    if (clause) reader.block(block, clause, clause.local, true, strong);
    else if (section !== undefined) reader.block(block, firstSection.get(section)!, section, false, strong);
    else noteOrphan(block);
  }
  // Orphan text is nobody's term use, but its references are read (against the file's first provision).
  const first = roots[0];
  for (const block of orphans) {
    if (!first) {
      reader.skim(block);
      continue;
    }
    const before = first.runs.length;
    reader.block(block, first, first.local, false, block.kind === 'paragraph' ? r.leadingStrong(block.start, block.end) : undefined);
    first.runs.length = before;
  }
  reader.footnotes(notes);
  return {
    provisions: roots.concat(reader.subs),
    diagnostics: reader.structure.diagnostics.concat(reader.prose.diagnostics),
    untagged: reader.prose.untagged,
    ...frontMatterOf(r, blocks),
  };
}

/** The front matter as parseSource reads it: its text, from the line after the opening `---`. */
function frontMatterOf(r: Reader, blocks: PlainBlock[]): { frontMatter?: { value: string; offset: number } } {
  const first = blocks[0];
  if (first?.kind !== 'yaml') return {};
  const newline = r.src.indexOf('\n');
  return { frontMatter: { value: first.value, offset: newline < 0 ? 0 : newline + 1 } };
}

function definitionRecords(r: Reader, blocks: PlainBlock[]): DefinitionRecords | undefined {
  if (tooDeepForTree(blocks)) return undefined;
  const reader = new RecordReader(r);
  const definitions: DefinitionRecord[] = [];
  const notes: Array<Extract<PlainBlock, { kind: 'footnote' }>> = [];
  /** Each definition's text, block by block. */
  const texts: string[][] = [];
  let current: DefinitionRecord | undefined;
  for (const block of blocks) {
    if (block.kind === 'footnote') {
      notes.push(block);
      continue;
    }
    const strong = block.kind === 'paragraph' ? r.leadingStrong(block.start, block.end) : undefined;
    if (block.kind === 'paragraph' && strong) {
      const term = strong.inner;
      const offset = block.start + 2;
      current = { term, offset, attributes: {}, text: '', runs: [], references: [] };
      definitions.push(current);
      const gather: string[] = [];
      const attributes = reader.readOpening(strong.close, block.end, current, DEFINITION_ATTRIBUTES, `definition of ${term}`, gather);
      validateDates(attributes, offset, `definition of ${term}`, reader.structure);
      current.attributes = attributes;
      texts.push([gather.join('')]);
      continue;
    }
    if (block.kind === 'heading' || block.kind === 'yaml') {
      current = undefined;
      reader.skim(block);
      continue;
    }
    if (!current) {
      // Text outside any definition is read by no record.
      reader.skim(block);
      continue;
    }
    const gather: string[] = [];
    reader.readGathering(block, current, gather);
    texts.at(-1)!.push(gather.join(''));
  }
  reader.footnotes(notes);
  definitions.forEach((d, i) => (d.text = texts[i]!.join(' ').replace(/\s+/g, ' ').trim()));
  return { definitions, diagnostics: reader.structure.diagnostics.concat(reader.prose.diagnostics), untagged: reader.prose.untagged, ...frontMatterOf(r, blocks) };
}

/** The records of a clause file, or undefined when it is outside the fast reader's subset. */
export function readClauseRecords(src: string): ClauseRecords | undefined {
  return readPlain(src, records);
}

/** The records of a definitions file, or undefined when it is outside the fast reader's subset. */
export function readDefinitionRecords(src: string): DefinitionRecords | undefined {
  return readPlain(src, definitionRecords);
}
