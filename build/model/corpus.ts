/** The model shared by every phase after parsing: per-file records (cacheable) and the corpus that holds them. */
import type { Interval, IsoDate } from './dates.js';
import type { ReferenceTarget } from './ids.js';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';

export type FileRole = 'manifest' | 'clauses' | 'definitions';

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
}

export interface ParsedFile {
  path: string;
  role: FileRole;
  /** The document code from the path (clauses/<DOC>/…, definitions/<DOC>.md, documents/<DOC>.md). */
  doc: string;
  manifest?: ManifestData;
  /** `document:` from a definitions file's front matter. */
  declaredDocument?: string;
  provisions: ProvisionRecord[];
  definitions: DefinitionRecord[];
  diagnostics: OffsetDiagnostic[];
  /** Offsets where prose such as "Clause 7.2" appears outside `[[…]]`. */
  untagged: Array<{ offset: number; text: string }>;
}

export interface DocumentSymbol {
  code: string;
  manifest: ManifestData;
  manifestPath: string;
  inForce: Interval;
  files: ParsedFile[];
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
}

export interface DefinitionSymbol {
  term: string;
  home: string;
  record: DefinitionRecord;
  file: string;
  inForce: Interval;
}

export interface TermUse {
  term: string;
  file: string;
  offset: number;
  /** Who uses it: a provision ID (`AM 2A.1.1`) or a definition (`definition:AM:GroupID`). */
  user: UserRef;
}

export type UserRef =
  | { kind: 'provision'; id: string; doc: string }
  | { kind: 'definition'; term: string; doc: string };

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
  references: ResolvedReference[];
  /** Consultation manifests: documents about the code, not part of it. */
  consultations: Map<string, { manifest: ManifestData; path: string }>;
  /** Structural clashes the binder met; checks turn them into diagnostics. */
  duplicates: Duplicate[];
  /** Clause and definition files whose document has no manifest. */
  orphans: ParsedFile[];
}

export type { IsoDate, Interval };
