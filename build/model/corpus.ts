/** The model shared by every phase after parsing: per-file records (cacheable) and the corpus that holds them. */
import type { Interval, IsoDate } from './dates.js';
import type { ReferenceTarget } from './ids.js';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import type { SourceTrees } from './sourceTrees.js';

export type FileRole = 'manifest' | 'clauses' | 'definitions' | 'matrix';

/** One cell of a device matrix as written, located by the offset of its first character. */
export interface MatrixCell {
  text: string;
  offset: number;
}

/** A device model row of a matrix (`clauses/<DOC>/annex-<x>.csv`): who makes it, what it is, and the variations that apply. */
export interface MatrixRow {
  /** Offset of the row's first character. */
  offset: number;
  /** The row's cells in column order, extra columns included. */
  cells: MatrixCell[];
  /** The clauses its variations cell names, as references into the matrix's own document. */
  clauses: ReferenceRecord[];
}

/** A device matrix annex: its label ("A"), its header, and its rows. */
export interface MatrixRecord {
  annex: string;
  header: MatrixCell[];
  /** Column index of each required column. */
  columns: { manufacturer: number; deviceType: number; model: number; firmware: number; variations: number };
  rows: MatrixRow[];
}

/** A diagnostic found while parsing, located by offset; line and column are computed when it is reported. */
export interface OffsetDiagnostic {
  code: DiagnosticCode;
  offset: number;
  message: string;
  related?: Array<{ file: string; offset: number; message?: string }>;
}

/** Text of a clause or definition that term detection scans, with its offset in the file. */
export interface TextRun {
  offset: number;
  text: string;
  /** Present when `text` is not a verbatim slice of the source (escapes): source offset of each text index. */
  map?: number[];
}

export interface ReferenceRecord {
  raw: string;
  target: ReferenceTarget;
  offset: number;
}

export type ProvisionKind = 'section' | 'clause' | 'subParagraph';

/** A section, clause or sub-paragraph of a clause file. `local` is its number within the document. */
export interface ProvisionRecord {
  kind: ProvisionKind;
  local: string;
  /** The enclosing section (for clauses) or clause (for sub-paragraphs). */
  parent?: string;
  title?: string;
  offset: number;
  attributes: Record<string, string>;
  runs: TextRun[];
  references: ReferenceRecord[];
}

export interface DefinitionRecord {
  term: string;
  offset: number;
  attributes: Record<string, string>;
  /** Whitespace-normalised text after the term, to compare homes. */
  text: string;
  runs: TextRun[];
  references: ReferenceRecord[];
}

/** A leaf (or misplaced text/container) directive of a consultation paper, with its arguments as written. */
export interface DirectiveRecord {
  name: string;
  type: 'leafDirective' | 'textDirective' | 'containerDirective';
  attributes: Record<string, string>;
  offset: number;
}

/** What the body of a consultation paper gives the binder and the checks. */
export interface PaperRecord {
  runs: TextRun[];
  references: ReferenceRecord[];
  directives: DirectiveRecord[];
}

export interface ManifestData {
  id: string;
  kind: 'document' | 'consultation';
  title?: string;
  shortTitle?: string;
  reference?: string;
  version?: string;
  status?: string;
  inForce: Interval;
  sections?: string[];
  /** Every other front-matter key, kept verbatim for consultations and renderers. */
  extra: Record<string, unknown>;
  offset: number;
  /** Offsets of front-matter keys, for diagnostics about them. */
  keyOffsets: Record<string, number>;
  /** The first day this version applies (FORMAT.md: Versions). */
  effective?: IsoDate;
  /** The latest day it may take effect; inside [effective, effective-by) either it or its previous version applies. */
  effectiveBy?: IsoDate;
  /** Where the version it replaces lives: a git commit, tag or branch, or a folder. */
  previous?: string;
  accepted?: AcceptanceEntry[];
  /** A consultation's changes for future consideration. */
  futureChanges?: FutureChangeEntry[];
}

/** One row of a consultation's `future-changes:` (changes for future consideration). */
export interface FutureChangeEntry {
  /** What it is about, as the inside of a `[[…]]`; resolved and checked with the other references. */
  reference: ReferenceRecord;
  /** A term defined in the referenced document, when the row is about a definition. */
  term?: string;
  item: string;
  comment: string;
  offset: number;
}

/** A known gap accepted until a day (FORMAT.md: Accepted risks). */
export interface AcceptanceEntry {
  code: DiagnosticCode;
  term?: string;
  clause?: string;
  reference?: string;
  until: IsoDate;
  reason: string;
  /** Offset of the entry in its manifest. */
  offset: number;
}

export interface ParsedFile {
  path: string;
  role: FileRole;
  /** The document code from the path (clauses/<DOC>/…, definitions/<DOC>.md, documents/<DOC>.md). */
  doc: string;
  manifest?: ManifestData;
  /** `document:` from a definitions file's front matter. */
  declaredDocument?: string;
  /** The body of a consultation manifest. */
  paper?: PaperRecord;
  /** `title:` from a definitions file's front matter: what the document calls its list of defined terms. */
  definitionsTitle?: string;
  provisions: ProvisionRecord[];
  definitions: DefinitionRecord[];
  diagnostics: OffsetDiagnostic[];
  /** Offsets where prose such as "Clause 7.2" appears outside `[[…]]`. */
  untagged: Array<{ offset: number; text: string }>;
  /** A device matrix file's rows (role `matrix`). */
  matrix?: MatrixRecord;
}

export interface DocumentSymbol {
  code: string;
  manifest: ManifestData;
  manifestPath: string;
  /** The document's life (its manifest's `in-force`), whichever version's text applies. */
  inForce: Interval;
  files: ParsedFile[];
  /** Its chain of versions, oldest first; the working tree's version is the last. */
  versions: VersionSymbol[];
}

/**
 * One version of a document placed in time. `window` holds the days on which its text may apply: from the
 * earliest day it may take effect to the day before its successor's latest. Inside a designation window two
 * versions' windows overlap.
 */
export interface VersionSymbol {
  doc: string;
  /** Position in the chain, 0 = oldest. */
  index: number;
  manifest: ManifestData;
  /** Key of its manifest file (in `texts`). */
  manifestPath: string;
  /** Where it was read from (the `previous` that named it); undefined for the working tree. */
  ref?: string;
  /** When read from a folder: its path from the content root (a git ref's files have no path on disk). */
  folder?: string;
  /** Its clause and definition files; for the working tree's version, the document's own files. */
  files: ParsedFile[];
  window: Interval;
  /** The first day it applies as planned (`effective`, or the as-at date for an undated draft); undefined = always. */
  effective?: IsoDate;
  effectiveBy?: IsoDate;
}

/** A section, clause or sub-paragraph once bound: where it lives and when it applies. */
export interface ProvisionSymbol {
  id: string;
  doc: string;
  record: ProvisionRecord;
  file: string;
  /** Document order, for ranges. */
  order: number;
  inForce: Interval;
  /** The clause a sub-paragraph belongs to, or the clause itself; undefined for sections. */
  clause?: string;
  /** Set for text of an earlier version (history tables only). */
  version?: VersionSymbol;
}

export interface DefinitionSymbol {
  term: string;
  home: string;
  record: DefinitionRecord;
  file: string;
  inForce: Interval;
  /** Set for text of an earlier version (history tables only). */
  version?: VersionSymbol;
}

export interface TermUse {
  term: string;
  file: string;
  offset: number;
  /** Who uses it: a provision ID (`AM 2A.1.1`) or a definition (`definition:AM:GroupID`). */
  user: UserRef;
}

/** For a user in an earlier version, `version` and that text's `inForce` (IDs repeat across versions, so no table lookup). */
export type UserRef =
  | { kind: 'provision'; id: string; doc: string; version?: VersionSymbol; inForce?: Interval }
  | { kind: 'definition'; term: string; doc: string; version?: VersionSymbol; inForce?: Interval }
  /** A consultation paper: about the code, never in force itself. */
  | { kind: 'paper'; doc: string; version?: undefined; inForce?: undefined };

export interface ResolvedReference {
  record: ReferenceRecord;
  file: string;
  from: UserRef;
  fromInForce: Interval;
  /** Resolved targets (one, or both ends of a range); empty when unresolved. */
  targets: ReferenceTargetSymbol[];
  /** Why it did not resolve. */
  problem?: { code: 'unresolved-reference' | 'invalid-range'; message: string };
}

export type ReferenceTargetSymbol = { kind: 'document'; doc: string } | { kind: 'provision'; id: string };

export interface Duplicate {
  what: string;
  file: string;
  offset: number;
  first: { file: string; offset: number };
}

export interface Corpus {
  root: string;
  files: ParsedFile[];
  texts: Map<string, string>;
  documents: Map<string, DocumentSymbol>;
  provisions: Map<string, ProvisionSymbol>;
  definitions: Map<string, DefinitionSymbol[]>;
  uses: TermUse[];
  /**
   * Uses of defined terms in consultation papers. Kept apart from `uses`: a paper is about the code, so no check of
   * the code counts them; find-references and rename reach them.
   */
  paperUses: TermUse[];
  references: ResolvedReference[];
  /** Consultation manifests: documents about the code, not part of it. */
  consultations: Map<string, { manifest: ManifestData; path: string }>;
  /** Structural clashes the binder met; checks turn them into diagnostics. */
  duplicates: Duplicate[];
  /** Clause and definition files whose document has no manifest. */
  orphans: ParsedFile[];
  /** Earlier versions' text, bound for the time checks; empty when no manifest names a `previous`. */
  history: History;
  /**
   * The users of each term, already grouped by window: set by a re-check from its digest (watch/useDigest.ts), whose
   * `uses` are only the changed files'. Absent, unused-definition groups `uses` itself.
   */
  termUsers?: TermUsers;
  /**
   * Set by a re-check with `termUsers`: the only terms whose users may have changed. unused-definition judges these
   * alone; its answers for the others stand.
   */
  termsToJudge?: ReadonlySet<string>;
  /** Trees the load kept for the renderers (loadCorpus's `keepTrees`), each taken at most once. */
  trees?: SourceTrees;
}

/**
 * Per term, the distinct windows of its users (canonical interval objects) and, per window, whose own definition
 * the users are in ('' for any other user): all that unused-definition reads of the term uses.
 */
export type TermUsers = Map<string, Map<Interval, Set<string>>>;

/** Where a file of an earlier version was read from; its key in `texts` is `<ref>:<path>`. */
export interface FileOrigin {
  path: string;
  ref: string;
  version: VersionSymbol;
}

export interface History {
  /** Keyed `<ref>:<path>`, like the files of earlier versions. */
  origins: Map<string, FileOrigin>;
  texts: Map<string, string>;
  provisions: ProvisionSymbol[];
  /** Homes of terms in earlier versions, by term. */
  definitions: Map<string, DefinitionSymbol[]>;
  uses: TermUse[];
  references: ResolvedReference[];
  /** Uses in working-tree text of terms that only earlier versions define. */
  removedUses: TermUse[];
  /** Problems reading `previous` chains, located in working-tree manifests. */
  problems: Array<{ code: 'invalid-previous' | 'unsafe-path'; file: string; offset: number; message: string }>;
}

export type { IsoDate, Interval };

/** Every text a diagnostic may point into: the working tree's by path, earlier versions' by `<ref>:<path>`. */
export function allTexts(corpus: Corpus): Map<string, string> {
  return corpus.history.texts.size ? new Map([...corpus.texts, ...corpus.history.texts]) : corpus.texts;
}
