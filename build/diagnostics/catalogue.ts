/**
 * The one catalogue of diagnostic codes, for every command: check, watch, build, redline, pack, retain and the
 * editor all report through it. FORMAT.md's codes first, then the ones regmark adds. `docs/diagnostics.md` is
 * generated from this table (`npm run docs`), and a test fails when the two differ.
 */
export type Severity = 'error' | 'warning';

/**
 * What a code's verdict depends on. `item`: one clause, definition or file, so an edit re-checks only what it
 * touched. `corpus`: the whole corpus at once (a duplicate, an unused term), always re-run in full. `tables`: only the
 * symbol tables' shape (clause kinds, a device matrix), which an edit of text alone cannot change, so the answer is
 * kept until the tables change. `paper`: a consultation paper's own content and directives. `output`: found while
 * laying out an output, not by `check`.
 */
export type Scope = 'item' | 'corpus' | 'tables' | 'paper' | 'output';

export interface CatalogueEntry {
  severity: Severity;
  scope: Scope;
  /** One line, for tables and tool rule lists. */
  description: string;
  /** What it means and how to fix it: the diagnostics reference and SARIF `help` text. */
  help: string;
}

export const CATALOGUE = {
  'unresolved-reference': {
    severity: 'error',
    scope: 'item',
    description: '`[[…]]` names no clause, section, sub-paragraph or document',
    help: 'The reference names a document with no manifest, or a number the document does not have. Correct the ID (the message suggests the nearest one), add the missing clause, or drop the brackets if the text is not meant as a reference. In a consultation paper every reference must name its document, e.g. `[[AM 18.17p]]`.',
  },
  'invalid-range': {
    severity: 'error',
    scope: 'item',
    description: 'a range whose ends are missing or reversed',
    help: 'A range `[[AL 7.9A-7.9D]]` needs both ends to exist in the one document and the first to come before the second in document order. Fix the ends, or cite the provisions separately.',
  },
  'dangling-definition': {
    severity: 'error',
    scope: 'item',
    description: 'an in-force clause or definition uses a term none of whose homes is in force',
    help: 'On the date shown, the text uses a defined term whose every home (the documents that define it) is out of force, often because the home document expires. Retain the definition into a document that stays in force (`regmark retain`), reword the text, or record an `accepted:` entry in the manifest with a reason and an end date.',
  },
  'expired-reference': {
    severity: 'error',
    scope: 'item',
    description: 'an in-force clause references a clause or document that is not in force',
    help: 'On the date shown, text that is in force cites a clause or document that is not. Retain the cited provision, cite its successor, or limit the citing clause with `in-force-until`. Inside a designation window both versions of a document are checked, so the message names the version that may still apply.',
  },
  'duplicate-id': {
    severity: 'error',
    scope: 'corpus',
    description: 'two clauses, sections or sub-paragraphs with one ID',
    help: 'Every section, clause and sub-paragraph number must be unique within its document, across all of its files. Renumber one of them; the related location shows the first.',
  },
  'conflicting-definition': {
    severity: 'warning',
    scope: 'corpus',
    description: 'two homes in force at once give one term different texts',
    help: 'A term defined in more than one document (an original and a retained copy) must read the same while both are in force. Align the texts, or bound one home with `in-force-until`.',
  },
  'invalid-front-matter': {
    severity: 'error',
    scope: 'item',
    description: 'missing or malformed front matter, bad dates, unknown keys',
    help: 'A manifest or definitions file has front matter that is not valid YAML, lacks a required key, has an unknown key, or has a date that is not a real YYYY-MM-DD. The message names the key; the format reference lists the allowed keys.',
  },
  'invalid-attribute': {
    severity: 'error',
    scope: 'item',
    description: 'a `{…}` attribute that is unknown or malformed',
    help: 'Attributes after a clause number or a defined term (`**7.9A** {from="AL 7.9A"}`) must be known names with well-formed values. The message lists the allowed names and suggests the nearest one.',
  },
  'unknown-document': {
    severity: 'error',
    scope: 'corpus',
    description: 'a clause or definition file whose document has no manifest',
    help: 'Files under `clauses/<DOC>/` and `definitions/<DOC>.md` belong to the document `<DOC>`, which needs a manifest `documents/<DOC>.md`. Add it, or move the file to the right folder.',
  },
  'unused-definition': {
    severity: 'warning',
    scope: 'corpus',
    description: 'a definition that no in-force clause or other definition uses',
    help: 'No in-force text uses the term on the date shown. Remove the definition, or check that the clauses meant to use it spell it the same way (plurals come from `plural=`, other forms from `also=`).',
  },
  'untagged-reference': {
    severity: 'warning',
    scope: 'item',
    description: 'prose like "Clause 7.2" outside `[[…]]`',
    help: 'A citation written as plain prose is not checked and does not link. Write it as a reference, `[[7.2]]` or `[[AL 7.2]]`, and let the renderer print it in house style.',
  },
  'removed-definition': {
    severity: 'error',
    scope: 'item',
    description: 'a term the previous version defined has no home any more, but in-force text still uses it',
    help: 'The new version deletes a definition that text in force still uses. Keep the definition, retain it elsewhere, or reword the users; the related location shows the old definition.',
  },
  'missing-effective-date': {
    severity: 'warning',
    scope: 'item',
    description: 'a draft or consultation version without `effective`',
    help: 'A version that is not designated yet is checked as if it took effect on the as-at date. Give it `effective:` (and `effective-by:` when designation may slip) so that the time checks see the real window.',
  },
  'invalid-previous': {
    severity: 'error',
    scope: 'corpus',
    description: '`previous` names no commit or folder, the chain loops, or a version takes effect before the one it replaces',
    help: 'A manifest\'s `previous:` must name a git commit, tag or branch, or a folder inside the repository, holding an earlier version of the same document. Fix the name, fetch more history in a shallow clone, or break the loop.',
  },
  'unused-acceptance': {
    severity: 'warning',
    scope: 'corpus',
    description: 'an `accepted:` entry that matches no diagnostic',
    help: 'The accepted risk no longer happens (the gap was fixed) or the entry names the wrong code, term, clause or reference. Remove the entry or correct it; an entry whose `until` has passed is not reported.',
  },
  'unsafe-path': {
    severity: 'error',
    scope: 'item',
    description: 'a source path that resolves outside the content root; it is not read',
    help: 'A symbolic link, a `sections:` entry, a template or a `previous:` folder points outside the content root. regmark reads and publishes only what is inside it; copy the file in or fix the path.',
  },
  'unreadable-file': {
    severity: 'error',
    scope: 'item',
    description: 'a file that is not UTF-8, too large, or cannot be read',
    help: 'The file could not be read as Markdown: it is not UTF-8, exceeds the size limit, nests too deeply, or the system refused to read it. Save it as UTF-8, split it, or fix its permissions.',
  },
  'invalid-matrix': {
    severity: 'error',
    scope: 'item',
    description: 'a device matrix (`clauses/<DOC>/annex-<x>.csv`) that is malformed: header, cell count, quoting, clause list',
    help: 'A device matrix is a CSV file named `annex-<letter>.csv` in a document\'s clause folder, with the columns `manufacturer`, `device type`, `model`, `firmware` and `variations` and one row per device model; `variations` lists the document\'s clauses that apply, separated by `;`. The message names the row and cell that break that shape.',
  },
  'duplicate-device': {
    severity: 'error',
    scope: 'item',
    description: 'two rows of a device matrix for one manufacturer, device type, model and firmware',
    help: 'Each device model appears once in its matrix. Merge the two rows\' clause lists into one row; the related location shows the first.',
  },
  'unmatched-variation': {
    severity: 'warning',
    scope: 'tables',
    description: 'an in-force `kind=variation` clause that no device model of its document\'s matrix names',
    help: 'A variation clause says how some device models behave; the matrix must name at least one model it applies to. Add the clause to the rows of the models it describes, or change its kind if it is not a variation.',
  },
  'invalid-consultation': {
    severity: 'error',
    scope: 'paper',
    description: 'a consultation manifest key that is missing or malformed',
    help: 'A consultation needs `date:`, and its `closes:`, `annexes:` and `respond-to:` must be well formed: dates as YYYY-MM-DD (closing time as YYYY-MM-DDTHH:MM), annexes as a list of document codes of the code, and somewhere to send responses.',
  },
  'invalid-directive': {
    severity: 'error',
    scope: 'paper',
    description: 'a `::directive` in a paper that is unknown or has bad arguments',
    help: 'Generated content in a paper is asked for with a leaf directive on its own line: `::retention-table{from=AL}`, `::impact{doc=AL}`, `::changes{doc=AM}`, `::how-to-respond`. The message names the unknown directive or attribute, the missing argument, or the document that does not exist.',
  },
  'empty-directive': {
    severity: 'warning',
    scope: 'paper',
    description: 'a directive that has nothing to list',
    help: 'The directive is well formed but finds nothing, e.g. a retention table for a document from which nothing is retained. The paper says so in a sentence; remove the directive if that is not what you meant.',
  },
  'unplaced-future-changes': {
    severity: 'warning',
    scope: 'paper',
    description: 'a consultation lists `future-changes:` but its paper has no `::future-changes` to print them',
    help: 'The changes for future consideration in the front matter are printed where the paper says `::future-changes` (usually its Appendix Two). Add the directive, or remove the list.',
  },
  'missing-footnote': {
    severity: 'warning',
    scope: 'item',
    description: 'a footnote marker with no footnote text',
    help: 'A `[^name]` marker in a clause, definitions or paper file has no `[^name]: text` definition in the same file, so the marker is printed as written. Add the definition or remove the marker.',
  },
  'orphan-text': {
    severity: 'error',
    scope: 'item',
    description: 'text before the first section heading belongs to no section',
    help: 'In a clause file every paragraph, list or table belongs to a section (`## <number> <title>`) or to a clause (`**<number>** …`). Text above the file\'s first section heading belongs to neither, so it is never checked as part of a provision and would be printed at the end of the section before. Move it under a heading or into a clause, or delete it. Front matter, blank lines and HTML comments are not orphan text; references in orphan text are still resolved.',
  },
  'orphan-caption': {
    severity: 'warning',
    scope: 'paper',
    description: 'a `Table:` caption with no table next to it',
    help: 'A paragraph starting `Table:` captions the table (or table directive) just after it, or else the table just before it if that table has no caption of its own. With no such table, it is printed as a paragraph.',
  },
  'unsupported-content': {
    severity: 'warning',
    scope: 'output',
    description: 'Markdown that an output cannot show as written (an image, raw HTML)',
    help: 'The renderers print clauses, lists, tables, footnotes, links and emphasis. Other Markdown (images, raw HTML, unknown nodes) is shown as its text and reported, never dropped silently.',
  },
  'invalid-template': {
    severity: 'error',
    scope: 'output',
    description: 'a template with an unknown placeholder',
    help: 'Consultation templates in `templates/consultation/` may use the placeholders the message lists, written `{{name}}`. Correct the name or remove it.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export const CODES = Object.keys(CATALOGUE) as DiagnosticCode[];

/**
 * Exit statuses of every command: 0 nothing fails; 1 a diagnostic fails the run (an error, or with `--strict` any
 * warning); 2 the command line is wrong; 70 regmark itself broke (a report is printed).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;

/**
 * Bad input that has no place in a source file (a missing folder, an unreadable baseline, a broken template): the
 * command prints its message as one line and exits with EXIT.failed. Each command's own errors extend it.
 */
export class InputError extends Error {}

/**
 * A wrong command-line argument found only once the content is loaded (a document or consultation the root does not
 * have, an output format regmark does not write): a usage error like a bad option, so it exits with EXIT.usage.
 */
export class ArgumentError extends InputError {}

export interface Location {
  file: string;
  line: number;
  column: number;
  /** For text of an earlier version: where it was read from (a git ref or folder), as its `previous:` names it. */
  ref?: string;
  /** For text of an earlier version read from a folder: the file's path from the content root, which can be opened. */
  path?: string;
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

/** A diagnostic of `code` at a place, with the catalogue's severity. */
export function diagnostic(code: DiagnosticCode, at: Location, message: string): Diagnostic {
  return { code, severity: CATALOGUE[code].severity, ...at, message };
}
