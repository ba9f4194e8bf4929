/**
 * What sits where in the working tree's text: each term use, defining term, `[[reference]]` and provision number
 * with its span, grouped by file and ordered, so an editor's "what is under the cursor" and "where is this used"
 * are a lookup. Built from a bound corpus in one pass over its tables.
 */
import type { Corpus, DefinitionSymbol, ProvisionSymbol, ResolvedReference, TermUse } from '../model/corpus.js';
import { CLAUSE_NUMBER_SOURCE } from '../model/ids.js';
import { termForms } from '../bind/bindDefinitions.js';

export interface Span {
  file: string;
  start: number;
  end: number;
}

export type Occurrence =
  | (Span & { kind: 'use'; term: string; form: string; use: TermUse })
  | (Span & { kind: 'definition'; term: string; symbol: DefinitionSymbol })
  | (Span & { kind: 'reference'; reference: ResolvedReference })
  | (Span & { kind: 'provision'; symbol: ProvisionSymbol });

const NUMBER = new RegExp(CLAUSE_NUMBER_SOURCE, 'y');
const LABEL = /\([^)\s]*\)/y;

/** Every written form of a term across its homes, longest first (a use is the longest form that matches). */
export function formsOfTerm(corpus: Corpus, term: string): string[] {
  return [...new Set((corpus.definitions.get(term) ?? []).flatMap(termForms))].sort((a, b) => b.length - a.length);
}

/**
 * Occurrences are gathered per file on first use: an editor asks about the file in front of it, and after each
 * edit the index starts afresh, so no request pays for files nobody looks at.
 */
export class SymbolIndex {
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly forms = new Map<string, string[]>();

  constructor(readonly corpus: Corpus) {}

  private useOccurrence(use: TermUse): Extract<Occurrence, { kind: 'use' }> {
    const text = this.corpus.texts.get(use.file) ?? '';
    const form = this.formsOf(use.term).find((f) => text.startsWith(f, use.offset)) ?? use.term;
    return { kind: 'use', file: use.file, start: use.offset, end: use.offset + form.length, term: use.term, form, use };
  }

  private referenceOccurrence(reference: ResolvedReference): Extract<Occurrence, { kind: 'reference' }> {
    const text = this.corpus.texts.get(reference.file) ?? '';
    const close = text.indexOf(']]', reference.record.offset + 2);
    const end = close < 0 ? reference.record.offset + reference.record.raw.length + 4 : close + 2;
    return { kind: 'reference', file: reference.file, start: reference.record.offset, end, reference };
  }

  /** The span of a provision's number (or a sub-paragraph's label). */
  provisionOccurrence(symbol: ProvisionSymbol): Extract<Occurrence, { kind: 'provision' }> {
    const text = this.corpus.texts.get(symbol.file) ?? '';
    const pattern = symbol.record.kind === 'subParagraph' ? LABEL : NUMBER;
    pattern.lastIndex = symbol.record.offset;
    const m = pattern.exec(text);
    return { kind: 'provision', file: symbol.file, start: symbol.record.offset, end: symbol.record.offset + (m ? m[0].length : symbol.record.local.length), symbol };
  }

  private definitionOccurrence(h: DefinitionSymbol): Extract<Occurrence, { kind: 'definition' }> {
    return { kind: 'definition', file: h.file, start: h.record.offset, end: h.record.offset + h.term.length, term: h.term, symbol: h };
  }

  private occurrences(file: string): Occurrence[] {
    let list = this.byFile.get(file);
    if (list) return list;
    const { corpus } = this;
    list = [];
    for (const use of corpus.uses) if (use.file === file) list.push(this.useOccurrence(use));
    for (const use of corpus.paperUses) if (use.file === file) list.push(this.useOccurrence(use));
    for (const reference of corpus.references) if (reference.file === file) list.push(this.referenceOccurrence(reference));
    for (const symbol of corpus.provisions.values()) if (symbol.file === file) list.push(this.provisionOccurrence(symbol));
    const parsed = corpus.files.find((f) => f.path === file);
    for (const record of parsed?.definitions ?? []) {
      const h = corpus.definitions.get(record.term)?.find((d) => d.record === record);
      if (h) list.push(this.definitionOccurrence(h));
    }
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    this.byFile.set(file, list);
    return list;
  }

  formsOf(term: string): string[] {
    let forms = this.forms.get(term);
    if (!forms) this.forms.set(term, (forms = formsOfTerm(this.corpus, term)));
    return forms;
  }

  /** What is at `offset` of `file` (a cursor just after a word still names it); the innermost when spans nest. */
  at(file: string, offset: number): Occurrence | undefined {
    const list = this.occurrences(file);
    let lo = 0;
    let hi = list.length;
    // The first occurrence starting after the offset; candidates are before it.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    let found: Occurrence | undefined;
    for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
      const o = list[i]!;
      if (o.start <= offset && offset < o.end && (!found || o.end - o.start < found.end - found.start)) found = o;
    }
    if (found) return found;
    const before = list[lo - 1];
    return before && before.end === offset ? before : undefined;
  }


  /** The definitions and uses of a term (every form), in file and text order. */
  termOccurrences(term: string): Array<Extract<Occurrence, { kind: 'use' | 'definition' }>> {
    const found: Array<Extract<Occurrence, { kind: 'use' | 'definition' }>> = [];
    for (const h of this.corpus.definitions.get(term) ?? []) if (!h.version) found.push(this.definitionOccurrence(h));
    for (const use of this.corpus.uses) if (use.term === term) found.push(this.useOccurrence(use));
    // A consultation paper's uses too: renaming a term renames it in the paper that discusses it.
    for (const use of this.corpus.paperUses) if (use.term === term) found.push(this.useOccurrence(use));
    return found.sort(bySpan);
  }

  /**
   * The references that name a provision (directly, or by a range that runs over it) or a document (the whole
   * document, when `id` is a document code).
   */
  referencesTo(id: string): Array<Extract<Occurrence, { kind: 'reference' }>> {
    const target = this.corpus.provisions.get(id);
    const found: Array<Extract<Occurrence, { kind: 'reference' }>> = [];
    for (const reference of this.corpus.references) {
      const [first, last] = reference.targets;
      if (!first) continue;
      let names: boolean;
      if (!target) names = first.kind === 'document' && first.doc === id;
      else if (first.kind !== 'provision') names = false;
      else if (first.id === id) names = true;
      else {
        const [a, b] = last?.kind === 'provision' ? [this.corpus.provisions.get(first.id), this.corpus.provisions.get(last.id)] : [];
        names = Boolean(a && b && a.doc === target.doc && a.order <= target.order && target.order <= b.order);
      }
      if (names) found.push(this.referenceOccurrence(reference));
    }
    return found.sort(bySpan);
  }
}

export const bySpan = (a: Span, b: Span) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start);
