/**
 * The render model: one layout-neutral document that every renderer consumes. It is built once from the bound
 * corpus and the parse trees (see buildRenderModel.ts); by the time a renderer sees it, every reference has its house
 * style text and its target anchor, every footnote its number, and everything not in force on the as-at date is gone.
 * Renderers decide how things look, never what they mean.
 */
import type { Interval, IsoDate } from './dates.js';

/** Where a reference or a contents entry points. */
export type LinkTarget =
  /** A bookmark / named destination in this document. */
  | { kind: 'internal'; anchor: string }
  /** Another document of the same build: its output file in the renderer's format, at an anchor or at its start. */
  | { kind: 'document'; doc: string; anchor?: string }
  /** A web address written as a Markdown link. */
  | { kind: 'url'; url: string };

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'emphasis' | 'delete'; children: Inline[] }
  | { kind: 'code'; text: string }
  /** A `[[…]]` in house style. `target` is absent when the reference cannot be linked (see RenderDocument.problems). */
  | { kind: 'reference'; text: string; raw: string; target?: LinkTarget }
  | { kind: 'link'; target: LinkTarget; children: Inline[] }
  /** A footnote mark. `first` is false for a second mark of the same footnote. */
  | { kind: 'footnoteRef'; number: number; first: boolean }
  | { kind: 'break' }
  /** Tracked changes (redlines only): the children were inserted or deleted against the baseline. */
  | { kind: 'insertion' | 'deletion'; children: Inline[] };

/** How a whole block (or table row, definition, footnote) changed in a redline. Absent in a clean build. */
export type BlockChangeKind = 'inserted' | 'deleted' | 'movedFrom' | 'movedTo';

export interface BlockChange {
  kind: BlockChangeKind;
  /** Shown beside the change: "retained from SMETS1 TMAD Clause 3.14E", "moved from AM 4". */
  note?: string;
  /** Pairs a movedFrom with its movedTo. */
  moveId?: number;
}

export type Alignment = 'left' | 'center' | 'right' | null;

export interface TableCell {
  content: Inline[];
}

/** Every block may carry a change in a redline. */
export type Block = (
  | SectionBlock
  | { kind: 'heading'; level: 2 | 3; content: Inline[]; anchor: string }
  | ClauseBlock
  | SubParagraphBlock
  /** `caption`: a table's caption, kept on the page of the table that follows it. */
  | { kind: 'paragraph'; content: Inline[]; caption?: true }
  | ListBlock
  | TableBlock
  | DefinitionsBlock
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
) & { change?: BlockChange };

/** A numbered section: `## 7 Requesting Party Decommissioning`. Renderers show it as a level-1 heading. */
export interface SectionBlock {
  kind: 'section';
  id: string;
  number: string;
  title: Inline[];
  /** Plain text of the title, for outlines and contents entries. */
  titleText: string;
  anchor: string;
  children: Block[];
}

/** A clause: the number hangs in the margin of the first paragraph (`lead`); `children` follow it, indented. */
export interface ClauseBlock {
  kind: 'clause';
  id: string;
  number: string;
  anchor: string;
  lead: Inline[];
  children: Block[];
  /** Provenance (`from=`), e.g. `AL 3.14E`: redlines show a retained clause as such. */
  from?: string;
}

/** A labelled sub-paragraph: `(b)` hangs before `lead`; depth 1 for `(a)`, 2 for `(i)` inside it, … */
export interface SubParagraphBlock {
  kind: 'subParagraph';
  id: string;
  label: string;
  depth: number;
  anchor: string;
  lead: Inline[];
  children: Block[];
}

/** An ordinary (unlabelled) list. */
export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  depth: number;
  items: Block[][];
}

export interface TableBlock {
  kind: 'table';
  align: Alignment[];
  header: TableCell[];
  rows: TableCell[][];
  /** Redlines: per body row, whether it was inserted or deleted. */
  rowChanges?: Array<BlockChange | undefined>;
}

export interface DefinitionEntry {
  term: string;
  anchor: string;
  /** A heading of the definitions file that comes just before this entry, e.g. the letter "A" of an alphabetical list. */
  heading?: string;
  /** Provenance (`from=`) of a retained definition. */
  from?: string;
  /** Text after the term ("means …"), without leading space. */
  lead: Inline[];
  children: Block[];
  /** Redlines: a definition added or removed as a whole. */
  change?: BlockChange;
}

/** The defined terms whose home is this document. */
export interface DefinitionsBlock {
  kind: 'definitions';
  /** Heading shown when the definitions stand alone at the end; absent when they sit inside a section. */
  title?: string;
  anchor: string;
  entries: DefinitionEntry[];
}

export interface Footnote {
  number: number;
  children: Block[];
  /** Redlines: a footnote added or removed as a whole. */
  change?: BlockChange;
}

export interface ContentsEntry {
  level: 1 | 2 | 3;
  /** Section number, when numbered. */
  number?: string;
  title: string;
  anchor: string;
  /** Redlines: an entry only the new version (inserted) or only the baseline (deleted) has. */
  change?: BlockChange;
}

/** Something the model could not show as written: reported to the user, never dropped silently. */
export interface RenderProblem {
  /** The catalogue code a command reports it under. */
  code: 'unsupported-content' | 'missing-footnote' | 'unresolved-reference' | 'expired-reference';
  file: string;
  offset?: number;
  message: string;
}

/** Provisions left out because they are not in force on the as-at date. */
export interface Omission {
  id: string;
  inForce: Interval;
}

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** The build's source date (SOURCE_DATE_EPOCH or the last commit), used for every date written into a file. */
  date: Date;
}

export interface CoverModel {
  reference: string;
  title: string;
  /** Rows of the cover's fact table: label → value (Version, Status, As at, In force). */
  facts: Array<{
    label: string;
    value: string;
    /** Redlines: the baseline's value, when it differs. */
    was?: string;
    /** Redlines: a fact only the new version (inserted) or only the baseline (deleted) has. */
    change?: 'inserted' | 'deleted';
  }>;
  /** Boilerplate from templates/, placeholders filled in. */
  notice: Block[];
  /** The manifest's optional preamble text. */
  preamble: Block[];
  boilerplate: Block[];
}

export interface RenderDocument {
  code: string;
  title: string;
  shortTitle: string;
  reference: string;
  version: string;
  status: string;
  asAt: IsoDate;
  /** "23 November 2026". */
  asAtText: string;
  /** Running header and footer texts. `page` holds `{page}` and `{pages}`, e.g. "Page {page} of {pages}". */
  running: { headerLeft: string; headerRight: string; footerLeft: string; page: string };
  metadata: DocumentMetadata;
  cover: CoverModel;
  contentsTitle: string;
  contents: ContentsEntry[];
  body: Block[];
  footnotes: Footnote[];
  omitted: Omission[];
  problems: RenderProblem[];
  /** Present only in a redline: who and when, against what, and the change summary. */
  redline?: RedlineMarking;
}

/** A clause's change in the summary of a redline. */
export type ClauseChange = 'inserted' | 'deleted' | 'changed' | 'moved' | 'retained';

export interface MetadataChange {
  field: string;
  from: string;
  to: string;
}

/** What a listed change is: clauses, definitions, tables and footnotes are counted apart. */
/** `device`: a row of a device matrix (one device model). */
export type ChangeItemKind = 'clause' | 'definition' | 'table' | 'footnote' | 'device';

export interface ChangeSummary {
  /** Clauses only, by what happened to them. */
  counts: Record<ClauseChange, number>;
  /** Every change, in document order: clauses, definitions, tables and footnotes, each with its kind. */
  clauses: Array<{ id: string; kind: ChangeItemKind; change: ClauseChange; anchor?: string }>;
  metadata: MetadataChange[];
}

export interface RedlineInfo {
  author: string;
  /** ISO date-time written on every change. */
  date: string;
  baseVersion: string;
  /** What the baseline is called: a git ref, a folder name. */
  baseLabel: string;
  /** Set when the base has no such document: everything is shown inserted. */
  baseMissing?: boolean;
  /** Anything else the reader must know (duplicate IDs in the base, a base of another document). */
  notes?: string[];
  /** Print only changed clauses with their section context (PDF). */
  changesOnly?: boolean;
}

export interface RedlineMarking extends RedlineInfo {
  summary: ChangeSummary;
  /**
   * The two clean documents compared: what accepting every change gives (`next`) and rejecting every change (`base`,
   * absent when the baseline has no such document). Renderers that cache layout facts (the DOCX contents' page
   * numbers) work them out for each side, so Accept All and Reject All leave each side's own.
   */
  sides: { base?: RenderDocument; next: RenderDocument };
}
