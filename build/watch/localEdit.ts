/**
 * The fast path of a re-check: an edit that changes only the text inside existing clauses and definitions.
 *
 * When the changed files still declare the same sections, clauses, sub-paragraphs and terms, with the same
 * attributes (and so the same in-force intervals and term forms), every symbol table keeps its shape: the
 * binder's result differs only in the records of the changed files, and each diagnostic about an unchanged file
 * stays what it was. So the records are swapped into the tables in place, only the changed files' references
 * are resolved and their text scanned for terms, the per-item checks run over the changed files alone — those about
 * single term uses and references over the records the edit touched (editSpan.ts), keeping their answers elsewhere
 * in the file — the corpus-wide checks run in full (but unused-definition, which judges only the terms whose users
 * changed, and conflicting-definition, whose answers stand while no definition is edited), and the diagnostics of
 * other files are kept (with related locations that point into a changed file moved along with the text). Anything
 * else takes the full re-bind; tests assert both paths give the same diagnostics.
 */
import type { Corpus, DefinitionSymbol, ParsedFile, ProvisionSymbol, TermUse } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { qualify } from '../model/ids.js';
import { CATALOGUE, type Diagnostic, type DiagnosticCode } from '../diagnostics/catalogue.js';
import { resolveReferences } from '../bind/index.js';
import { corpusTables } from '../bind/resolveReferences.js';
import { CHECKS, runChecks } from '../checks/index.js';
import { unusedTerm } from '../checks/unused-definition.js';
import { LineIndex } from '../parse/lines.js';
import type { TermUseFinder } from './termUses.js';
import type { FileUses } from '../bind/findTermUses.js';
import { matchesAfterEdit } from './editMatches.js';
import { OverlayMap, type UseDigest } from './useDigest.js';
import { editSpan, textEdit, type EditSpan, type TextEdit } from './editSpan.js';

export interface FileChange {
  path: string;
  before: ParsedFile;
  after: ParsedFile;
  beforeText: string;
  afterText: string;
  /**
   * The term matches stored for the text before the edit, by record (the term-use cache), when the caller keeps
   * them: the re-check then scans only the records the edit touched, and sets `after` to the new text's matches.
   */
  matches?: { before: FileUses | undefined; after?: FileUses };
}

/** Checks whose diagnostics depend on the whole corpus at once (the catalogue's `corpus` scope): always run in full. */
const CORPUS_WIDE = new Set<DiagnosticCode>(CHECKS.filter((c) => CATALOGUE[c.code].scope === 'corpus').map((c) => c.code));
/** Checks that read only the symbol tables' shape (the catalogue's `tables` scope): a local edit keeps their answers. */
const TABLES_ONLY = new Set<DiagnosticCode>(CHECKS.filter((c) => CATALOGUE[c.code].scope === 'tables').map((c) => c.code));
const PER_ITEM_CHECKS = CHECKS.filter((c) => !CORPUS_WIDE.has(c.code) && !TABLES_ONLY.has(c.code));
/** Checks whose diagnostics each sit at one term use or reference: outside the records an edit touched, they stand. */
const OCCURRENCES = new Set<DiagnosticCode>(CHECKS.filter((c) => c.occurrences).map((c) => c.code));
const CORPUS_WIDE_CHECKS = CHECKS.filter((c) => CORPUS_WIDE.has(c.code));
/** Corpus-wide checks that read only the definitions: an edit that touches none keeps their answers. */
const DEFINITIONS_ONLY = new Set<DiagnosticCode>(CHECKS.filter((c) => c.definitionsOnly).map((c) => c.code));

/** What a file contributes to the symbol tables: if this is unchanged, so are the tables' shapes. */
function shapeOf(file: ParsedFile): string {
  return JSON.stringify([
    file.role,
    file.doc,
    file.declaredDocument ?? null,
    file.provisions.map((p) => [p.kind, p.local, p.parent ?? null, p.attributes]),
    file.definitions.map((d) => [d.term, d.attributes]),
  ]);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Moves locations in a changed file from its old text to its new one: record offsets by record, others by the unchanged prefix and suffix. */
function relocator(change: FileChange, { prefix, suffix }: TextEdit, before: LineIndex, after: LineIndex): (line: number, column: number) => { line: number; column: number } {
  const byRecord = new Map<number, number>();
  change.before.provisions.forEach((p, i) => byRecord.set(p.offset, change.after.provisions[i]!.offset));
  change.before.definitions.forEach((d, i) => byRecord.set(d.offset, change.after.definitions[i]!.offset));
  const a = change.beforeText;
  const b = change.afterText;
  return (line, column) => {
    const old = before.offsetOf(line, column);
    const moved = byRecord.get(old) ?? (old < prefix ? old : old >= a.length - suffix ? old + b.length - a.length : Math.min(old, b.length));
    return after.locate(moved);
  };
}

/** A changed file's two texts, compared once: what its edit touched, and lines to find locations by in either text. */
interface Edited {
  change: FileChange;
  edit: TextEdit;
  /** The records the edit touched; undefined when it may have touched the whole file. */
  span: EditSpan | undefined;
  before: LineIndex;
  after: LineIndex;
}

function edited(change: FileChange): Edited {
  const edit = textEdit(change.beforeText, change.afterText);
  const starts = [...change.after.provisions.map((p) => p.offset), ...change.after.definitions.map((d) => d.offset)];
  return { change, edit, span: editSpan(change.beforeText, change.afterText, starts, edit), before: new LineIndex(change.beforeText), after: new LineIndex(change.afterText) };
}

/**
 * Applies `changes` to `corpus` in place and returns the new diagnostics, or undefined (corpus untouched)
 * when the edit is not local and a full re-bind is needed.
 */
export function applyLocalEdit(corpus: Corpus, digest: UseDigest, changes: FileChange[], previous: Diagnostic[], asAt: IsoDate, finder: TermUseFinder, timings: Record<string, number>): Diagnostic[] | undefined {
  let t = performance.now();
  const changed = new Set(changes.map((c) => c.path));
  if (corpus.duplicates.some((d) => changed.has(d.file) || changed.has(d.first.file))) return undefined;
  const provisionSwaps: ProvisionSymbol[] = [];
  const definitionSwaps: Array<{ homes: DefinitionSymbol[]; index: number; symbol: DefinitionSymbol }> = [];
  for (const c of changes) {
    // A manifest, or a device matrix (whose rows are references of their own), is re-bound in full.
    if (c.after.role === 'manifest' || c.before.role === 'manifest' || c.after.role === 'matrix' || c.before.role === 'matrix') return undefined;
    const doc = corpus.documents.get(c.after.doc);
    if (!doc || !doc.files.includes(c.before)) return undefined;
    if (shapeOf(c.before) !== shapeOf(c.after)) return undefined;
    if (c.after.role === 'clauses') {
      for (let i = 0; i < c.before.provisions.length; i++) {
        const old = corpus.provisions.get(qualify(doc.code, c.before.provisions[i]!.local));
        if (!old || old.record !== c.before.provisions[i]) return undefined;
        provisionSwaps.push({ ...old, record: c.after.provisions[i]! });
      }
    } else {
      for (let i = 0; i < c.before.definitions.length; i++) {
        const homes = corpus.definitions.get(c.before.definitions[i]!.term);
        const index = homes ? homes.findIndex((h) => h.record === c.before.definitions[i]) : -1;
        if (!homes || index < 0) return undefined;
        definitionSwaps.push({ homes, index, symbol: { ...homes[index]!, record: c.after.definitions[i]! } });
      }
    }
  }

  // Bind: the new records take the old ones' places; references and term uses of the changed files only.
  for (const s of provisionSwaps) corpus.provisions.set(s.id, s);
  for (const s of definitionSwaps) s.homes[s.index] = s.symbol;
  for (const c of changes) {
    const doc = corpus.documents.get(c.after.doc)!;
    doc.files[doc.files.indexOf(c.before)] = c.after;
    corpus.files[corpus.files.indexOf(c.before)] = c.after;
    corpus.texts.set(c.path, c.afterText);
  }
  const definitionsView = new Map<string, DefinitionSymbol[]>();
  for (const s of definitionSwaps) (definitionsView.get(s.symbol.term) ?? definitionsView.set(s.symbol.term, []).get(s.symbol.term)!).push(s.symbol);
  const scope: Corpus = {
    ...corpus,
    files: changes.map((c) => c.after),
    provisions: new OverlayMap(provisionSwaps.map((s) => [s.id, s] as const), corpus.provisions),
    definitions: definitionsView,
    references: [],
    uses: [],
    duplicates: [],
    orphans: [],
  };
  // Against the whole table, so that a "did you mean" weighs every clause, not only the changed files' ones.
  resolveReferences(scope, corpusTables(corpus));
  corpus.references = corpus.references.filter((r) => !changed.has(r.file)).concat(scope.references);
  timings.bind = performance.now() - t;
  t = performance.now();
  // Each changed file compared once: the span its edit touched serves the term scan and the checks.
  const edits = new Map(changes.map((c) => [c.path, edited(c)]));
  finder.carryOver(changes.map((c) => c.before));
  // Where the caller keeps term matches by file, a changed file's come from its old ones and a scan of the span.
  const known = new Map<object, ReadonlyArray<readonly [string, number]>>();
  for (const c of changes) {
    if (!c.matches) continue;
    const after = (c.matches.after = matchesAfterEdit(finder.trieFor(corpus), c.after, c.matches.before, edits.get(c.path)!.span));
    c.after.provisions.forEach((p, i) => known.set(p, after[`p${i}`] ?? []));
    c.after.definitions.forEach((d, i) => known.set(d, after[`d${i}`] ?? []));
  }
  finder.find(corpus, scope, known.size ? (record) => known.get(record) : undefined);
  const byFile = new Map(changes.map((c) => [c.path, [] as TermUse[]]));
  for (const use of scope.uses) byFile.get(use.file)?.push(use);
  // The terms whose users may have changed: unused-definition judges these again and keeps its other answers.
  const touched = new Set<string>();
  for (const [file, uses] of byFile) for (const term of digest.replace(corpus, file, uses)) touched.add(term);
  corpus.uses = digest.allUses();
  timings.terms = performance.now() - t;

  // Check: per-item checks over the changed files (against the full tables), but those about single term uses and
  // references over the records the edit touched only; corpus-wide checks in full but for unused-definition, whose
  // answers for untouched terms stand, and those of definitions alone when no definition was edited.
  t = performance.now();
  const touches = (file: string, offset: number) => {
    const span = edits.get(file)?.span;
    return !span || (offset >= span.from && offset < span.toAfter);
  };
  // The dates from the digest's intervals: walking the provision table for them would read every clause.
  const clauses = digest.clauseIntervals();
  const uses = scope.uses.filter((u) => touches(u.file, u.offset));
  const references = scope.references.filter((r) => touches(r.file, r.record.offset));
  const local = runChecks({ ...scope, uses, references, provisions: corpus.provisions, definitions: corpus.definitions, documents: corpus.documents }, asAt, PER_ITEM_CHECKS, clauses).filter(
    (d) => changed.has(d.file) && (!OCCURRENCES.has(d.code) || d.ref !== undefined || touches(d.file, edits.get(d.file)!.after.offsetOf(d.line, d.column))),
  );
  const definitionsEdited = changes.some((c) => c.before.definitions.length > 0 || c.after.definitions.length > 0);
  const wideChecks = definitionsEdited ? CORPUS_WIDE_CHECKS : CORPUS_WIDE_CHECKS.filter((c) => !DEFINITIONS_ONLY.has(c.code));
  const wide = runChecks({ ...corpus, termUsers: digest.termUsers(corpus, touched), termsToJudge: touched }, asAt, wideChecks, clauses);
  // Made when a kept diagnostic first points into the file.
  const relocators = new Map<string, ReturnType<typeof relocator>>();
  const relocate = (path: string) => {
    let moves = relocators.get(path);
    if (!moves) {
      const e = edits.get(path)!;
      relocators.set(path, (moves = relocator(e.change, e.edit, e.before, e.after)));
    }
    return moves;
  };
  // An occurrence's diagnostic in a changed file stands when it lies outside the records the edit touched.
  const untouched = (d: Diagnostic) => {
    const e = edits.get(d.file)!;
    if (!e.span || d.ref !== undefined) return false;
    const at = e.before.offsetOf(d.line, d.column);
    return at < e.span.from || at >= e.span.toBefore;
  };
  const stands = (d: Diagnostic) =>
    CORPUS_WIDE.has(d.code)
      ? (d.code === 'unused-definition' && !touched.has(unusedTerm(d.message) ?? '')) || (!definitionsEdited && DEFINITIONS_ONLY.has(d.code))
      : !changed.has(d.file) || TABLES_ONLY.has(d.code) || (OCCURRENCES.has(d.code) && untouched(d));
  const kept = previous
    .filter(stands)
    .map((d) => (changed.has(d.file) && d.ref === undefined ? { ...d, ...relocate(d.file)(d.line, d.column) } : d))
    .map((d) => (d.related?.some((r) => changed.has(r.file)) ? { ...d, related: d.related.map((r) => (changed.has(r.file) ? { ...r, ...relocate(r.file)(r.line, r.column) } : r)) } : d));
  timings.check = performance.now() - t;
  return [...kept, ...local, ...wide].sort(compareDiagnostics);
}
