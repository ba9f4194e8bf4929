/**
 * Every command's help, apart from the commands themselves: `regmark --help` and the command table list them
 * without loading parsers or renderers.
 */
import { OUTPUT_FORMATS } from '../render/formats.js';

export const BUILD_HELP = `regmark build [DOC…] [--as-at YYYY-MM-DD] [--format ${OUTPUT_FORMATS.join(',')}] [--out DIR] [--force] [--root DIR] [--templates DIR]

Writes a clean Word and PDF file of each document as at a date (default: every document in force on
--as-at, every format, into out/). A document with a device matrix also gets it as a workbook
(DOC-annex-A.xlsx) and as annex pages. Each document is built in the version that applies on that date (an
earlier version named by \`previous\` until its successor's \`effective\`); provisions not in force then are
left out. Refuses to build
(exit 1, diagnostics printed) when \`regmark check\` finds errors on that date, unless --force.
House style comes from templates/ (theme.json and Markdown boilerplate); --templates DIR reads another.
Dates inside the files come from SOURCE_DATE_EPOCH, else the last commit of the content, so two builds
of the same sources are byte-identical.

Options:
  --as-at DATE     the date the documents are shown as at (default: today)
  --format LIST    comma-separated formats (default: ${OUTPUT_FORMATS.join(',')}); xlsx is the workbook of a
                   document's device matrix (clauses/<DOC>/annex-<x>.csv), whose annex pages follow docx and pdf
  --out DIR        output folder (default: out)
  --force          build even when check has errors on that date
  --working-tree   build the working tree's version even where an earlier one applies on --as-at
                   (a draft or consultation text shown as it would read on that date)
  --templates DIR  house style folder (default: ROOT/templates, else regmark's own)
  --quiet          print only problems
  --no-cache       do not use or fill the parse cache`;

export const CHECK_HELP = `regmark check [--root DIR] [--as-at YYYY-MM-DD] [--strict] [--format text|json|sarif|github] [--no-cache] [--watch]

Checks references, term uses and time: evaluates the corpus on --as-at (default today) and on every
later day on which anything enters or leaves force. Exit 1 on any error (--strict: on any warning too).
--watch re-checks on every save and prints only the diagnostics that appeared or were fixed (text or json).`;

export const FMT_HELP = `regmark fmt [PATH…] [--check] [--diff] [--root DIR]

Rewrites sources into the canonical form: front-matter key order, clause numbers and attributes,
\`- (a)\` sub-paragraphs, blank lines, reference spelling [[AL 7.9A-7.9D]], aligned tables. PATHs are
files or folders of the content root (default: all of it). A file is only rewritten when it reads back
to the same model; a file with parse errors is left as it is and reported. Writes are atomic.
--check writes nothing and exits 1 when a file would change (for CI); --diff prints what would change.`;

export const IMPACT_HELP = `regmark impact <DOC> [--on YYYY-MM-DD] [--root DIR] [--format text|json]

Lists the terms only DOC defines that content staying in force uses (with the terms their definitions
need, marked "via"), and DOC's provisions that such content references. --on defaults to the day after
DOC's in-force until, or tomorrow when it has none.`;

export const LSP_HELP = `regmark lsp --stdio [--root DIR] [--as-at YYYY-MM-DD] [--no-cache]

A Language Server Protocol server for editors, over stdin and stdout: diagnostics as \`check\` reports them
(updated as you type, for open and closed files), hover, go to definition, find references, completion
inside [[…]], outlines, workspace symbols, renaming a term, and quick fixes. The content root is --root,
else the editor's workspace folder, else the current folder. See docs/editor.md.

Options:
  --stdio          talk LSP over stdin/stdout (the only transport)
  --as-at DATE     the date diagnostics are evaluated from (default: today)
  --no-cache       do not use or fill the parse cache`;

export const PACK_HELP = `regmark pack <CONSULTATION-ID> [--root DIR] [--base REF|DIR] [--out DIR] [--zip] [--force] [--quiet] [--json]

Builds the consultation pack of documents/<ID>.md (kind: consultation) into <out>/<ID>/: the paper as DOCX
and PDF, each annex as clean and redlined DOCX and PDF, and manifest.json (sha256 of every file, versions,
baseline, build date, warnings). Runs \`check\` first on the consultation date and every later date on which
anything enters or leaves force: an error stops the pack (exit 1) unless --force. A bad directive in the
paper is reported at file:line:col and stops the pack. Two packs of the same sources are byte-identical.

Options:
  --base REF|DIR   what the redlines compare against (default: the manifest's baseline:)
  --out DIR        the folder the pack folder goes in (default: out)
  --zip            also write <out>/<ID>.zip holding the whole pack
  --force          pack even when check finds errors
  --templates DIR  house style folder (default: ROOT/templates, else regmark's own)
  --quiet          print only problems
  --json           print the report as JSON (files, sizes, hashes, warnings, diagnostics)
  --no-cache       do not use or fill the parse cache`;

export const REDLINE_HELP = `regmark redline <DOC…> [--base <git-ref|DIR>] [--as-at DATE] [--format ${OUTPUT_FORMATS.join(',')}] [--out DIR] [--author NAME] [--date DATE] [--changes-only]

Writes a redline of each document against a baseline: a Word file with real tracked changes (accept
them all and you have the new text, reject them all and you have the baseline's) and a PDF with
insertions underlined, deletions struck through, change bars, and a change summary on the first page.
Clauses are aligned by ID; words are compared only inside aligned clauses. Files are named after the
document, e.g. "SEC Appendix AM v17.0 redline against v16.0.docx".

Options:
  --base REF|DIR   the baseline: a git ref of the content repository, or a folder with the content layout
                   (default: each document's \`previous\` version, as its manifest names it)
  --as-at DATE     both sides are shown as at this date (default: today)
  --format LIST    comma-separated formats (default: ${OUTPUT_FORMATS.join(',')}); xlsx is the workbook of a
                   document's device matrix (clauses/<DOC>/annex-<x>.csv), whose annex pages follow docx and pdf
  --out DIR        output folder (default: out)
  --author NAME    author of the changes (default: git config user.name, else "regmark")
  --date DATE      date of the changes, YYYY-MM-DD or an ISO date-time (default: the build's source date)
  --changes-only   print only the changed clauses, each under its section heading
  --templates DIR  house style folder (default: ROOT/templates, else regmark's own)
  --quiet          print only problems
  --no-cache       do not use or fill the parse cache`;

export const RETAIN_HELP = `regmark retain <SRC-ID> --to <DEST-ID> [--move] [--with-definitions] [--dry-run] [--section-title TEXT] [--as-at YYYY-MM-DD] [--root DIR]

Copies clause SRC-ID, or the range "AL 7.9A-7.9D", into the destination document, numbering the copies
in sequence from DEST-ID ("AM 2B.1.1", "AM 2B.1.2", …), each with from="<source ID>". References in the
copies keep their targets (or follow the copies, inside the range). --with-definitions copies into
definitions/<DEST>.md every term the copies use whose homes would all leave force before the destination
does, transitively, each with from=. --move also removes the originals and points references to them at
the copies. A term alone is retained with "AL GroupID" --to AM. --dry-run prints the diff and writes
nothing. Never overwrites an ID. After planning, the corpus is checked as it would be (--as-at, default today).`;

export const USES_HELP = `regmark uses "<term>" [--root DIR] [--format text|json]

Every use of a defined term across all documents, with each home and its in-force window.`;
