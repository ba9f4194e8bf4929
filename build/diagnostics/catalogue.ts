/** The one catalogue of diagnostic codes. FORMAT.md's codes first, then the ones regmark adds for unreadable input. */
export type Severity = 'error' | 'warning';

export const CATALOGUE = {
  'unresolved-reference': { severity: 'error', description: '`[[…]]` names no clause, section, sub-paragraph or document' },
  'invalid-range': { severity: 'error', description: 'a range whose ends are missing or reversed' },
  'dangling-definition': { severity: 'error', description: 'an in-force clause or definition uses a term none of whose homes is in force' },
  'expired-reference': { severity: 'error', description: 'an in-force clause references a clause or document that is not in force' },
  'duplicate-id': { severity: 'error', description: 'two clauses, sections or sub-paragraphs with one ID' },
  'conflicting-definition': { severity: 'warning', description: 'two homes in force at once give one term different texts' },
  'invalid-front-matter': { severity: 'error', description: 'missing or malformed front matter, bad dates, unknown keys' },
  'invalid-attribute': { severity: 'error', description: 'a `{…}` attribute that is unknown or malformed' },
  'unknown-document': { severity: 'error', description: 'a clause or definition file whose document has no manifest' },
  'unused-definition': { severity: 'warning', description: 'a definition that no in-force clause or other definition uses' },
  'untagged-reference': { severity: 'warning', description: 'prose like "Clause 7.2" outside `[[…]]`' },
  'removed-definition': { severity: 'error', description: 'a term the previous version defined has no home any more, but in-force text still uses it' },
  'missing-effective-date': { severity: 'warning', description: 'a draft or consultation version without `effective`' },
  'invalid-previous': { severity: 'error', description: '`previous` names no commit or folder, the chain loops, or a version takes effect before the one it replaces' },
  'unused-acceptance': { severity: 'warning', description: 'an `accepted:` entry that matches no diagnostic' },
  'unsafe-path': { severity: 'error', description: 'a source path that resolves outside the content root; it is not read' },
  'invalid-matrix': { severity: 'error', description: 'a device matrix (`clauses/<DOC>/annex-<x>.csv`) that is malformed: header, cell count, quoting, clause list' },
  'duplicate-device': { severity: 'error', description: 'two rows of a device matrix for one manufacturer, device type, model and firmware' },
  'unmatched-variation': { severity: 'warning', description: 'an in-force `kind=variation` clause that no device model of its document\'s matrix names' },
  'unreadable-file': { severity: 'error', description: 'a file that is not UTF-8, too large, or cannot be read' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface Location {
  file: string;
  line: number;
  column: number;
  /** For text of an earlier version: where it was read from (a git ref or folder). */
  ref?: string;
}

/** A diagnostic exactly as FORMAT.md lists its fields; `json` output is an array of these. */
export interface Diagnostic extends Location {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  date?: string;
  /** For text of an earlier version: that version's number. */
  version?: string;
  related?: Array<Location & { message?: string }>;
  /** The lifecycle date's source that makes it happen: a manifest's `in-force` line, a clause's own bound. */
  cause?: Location & { message: string };
  /** Reported but not failing: an `accepted:` entry covers every date on which it occurs. */
  accepted?: { reason: string; until: string; file: string; line: number; about: string };
}
