/** What `check` says after its diagnostics: the counts, the version timeline, and notes on empty sources. */
import type { Corpus, ParsedFile } from '../model/corpus.js';

export interface CheckSummary {
  documents: number;
  clauses: number;
  definitions: number;
  uses: number;
  references: number;
  /** One line per document with earlier versions, under a "versions:" heading; undefined when none has any. */
  timeline?: string;
  notes: string[];
}

export function summariseCheck(corpus: Corpus): CheckSummary {
  let clauses = 0;
  for (const p of corpus.provisions.values()) if (p.record.kind === 'clause') clauses++;
  let definitions = 0;
  for (const homes of corpus.definitions.values()) definitions += homes.length;
  const timeline = describeTimeline(corpus);
  return { documents: corpus.documents.size, clauses, definitions, uses: corpus.uses.length, references: corpus.references.length, ...(timeline ? { timeline } : {}), notes: emptinessNotes(corpus) };
}

/** One line per document with earlier versions: which version takes over when, so a reader sees the windows checked. */
function describeTimeline(corpus: Corpus): string | undefined {
  const lines: string[] = [];
  for (const doc of [...corpus.documents.values()].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (doc.versions.length < 2) continue;
    const steps = doc.versions.slice(1).map((v, i) => {
      const before = doc.versions[i]!;
      const when = v.effective === undefined ? 'undated' : v.effectiveBy && v.effectiveBy !== v.effective ? `on ${v.effective} (as late as ${v.effectiveBy})` : `on ${v.effective}`;
      return `v${before.manifest.version ?? '?'} (${before.ref}) → v${v.manifest.version ?? '?'} ${when}`;
    });
    lines.push(`  ${doc.code}: ${steps.join(', ')}`);
  }
  return lines.length ? `versions:\n${lines.join('\n')}` : undefined;
}

/**
 * What an author may have expected to be there: no manifest at all, or source files that hold nothing. `noteOf`
 * gives each file's note (a re-check keeps those of the files it did not read).
 */
export function emptinessNotes(corpus: Corpus, noteOf: (file: ParsedFile, index: number) => string | undefined = fileNote): string[] {
  const notes: string[] = [];
  if (!corpus.documents.size) notes.push('no documents: put one manifest per document in documents/<DOC>.md (docs/format.md: document manifests)');
  for (const [index, file] of corpus.files.entries()) {
    const note = noteOf(file, index);
    if (note !== undefined) notes.push(note);
  }
  return notes;
}

/** The note on a source file that holds nothing, if it is one. */
export function fileNote(file: ParsedFile): string | undefined {
  if (file.role === 'manifest' || file.diagnostics.length) return undefined;
  if (file.role === 'clauses' && !file.provisions.length) return `${file.path} holds no section or clause (a section is a heading that starts with its number, a clause a paragraph that starts with a bold number)`;
  if (file.role === 'definitions' && !file.definitions.length) return `${file.path} defines no term (a definition is a paragraph that starts with the bold term)`;
  return undefined;
}
