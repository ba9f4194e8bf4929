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

export class SymbolIndex {
  private readonly byFile = new Map<string, Occurrence[]>();
  private readonly forms = new Map<string, string[]>();

  constructor(readonly corpus: Corpus) {
    const add = (o: Occurrence) => {
      let list = this.byFile.get(o.file);
      if (!list) this.byFile.set(o.file, (list = []));
      list.push(o);
    };
    for (const use of corpus.uses) {
      const text = corpus.texts.get(use.file) ?? '';
      const form = this.formsOf(use.term).find((f) => text.startsWith(f, use.offset)) ?? use.term;
      add({ kind: 'use', file: use.file, start: use.offset, end: use.offset + form.length, term: use.term, form, use });
    }
    for (const homes of corpus.definitions.values()) {
      for (const h of homes) if (!h.version) add({ kind: 'definition', file: h.file, start: h.record.offset, end: h.record.offset + h.term.length, term: h.term, symbol: h });
    }
    for (const reference of corpus.references) {
      const text = corpus.texts.get(reference.file) ?? '';
      const close = text.indexOf(']]', reference.record.offset + 2);
      const end = close < 0 ? reference.record.offset + reference.record.raw.length + 4 : close + 2;
      add({ kind: 'reference', file: reference.file, start: reference.record.offset, end, reference });
    }
    for (const symbol of corpus.provisions.values()) {
      const text = corpus.texts.get(symbol.file) ?? '';
      const pattern = symbol.record.kind === 'subParagraph' ? LABEL : NUMBER;
      pattern.lastIndex = symbol.record.offset;
      const m = pattern.exec(text);
      add({ kind: 'provision', file: symbol.file, start: symbol.record.offset, end: symbol.record.offset + (m ? m[0].length : symbol.record.local.length), symbol });
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  formsOf(term: string): string[] {
    let forms = this.forms.get(term);
    if (!forms) this.forms.set(term, (forms = formsOfTerm(this.corpus, term)));
    return forms;
  }

  /** What is at `offset` of `file` (a cursor just after a word still names it); the innermost when spans nest. */
  at(file: string, offset: number): Occurrence | undefined {
    const list = this.byFile.get(file) ?? [];
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

  inFile(file: string): readonly Occurrence[] {
    return this.byFile.get(file) ?? [];
  }

  /** The definitions and uses of a term (every form), in file and text order. */
  termOccurrences(term: string): Array<Extract<Occurrence, { kind: 'use' | 'definition' }>> {
    const found: Array<Extract<Occurrence, { kind: 'use' | 'definition' }>> = [];
    for (const list of this.byFile.values()) for (const o of list) if ((o.kind === 'use' || o.kind === 'definition') && o.term === term) found.push(o);
    return found.sort(bySpan);
  }

  /**
   * The references that name a provision (directly, or by a range that runs over it) or a document (the whole
   * document, when `id` is a document code).
   */
  referencesTo(id: string): Array<Extract<Occurrence, { kind: 'reference' }>> {
    const target = this.corpus.provisions.get(id);
    const found: Array<Extract<Occurrence, { kind: 'reference' }>> = [];
    for (const list of this.byFile.values()) {
      for (const o of list) {
        if (o.kind !== 'reference') continue;
        const [first, last] = o.reference.targets;
        if (!first) continue;
        if (!target) {
          if (first.kind === 'document' && first.doc === id) found.push(o);
          continue;
        }
        if (first.kind !== 'provision') continue;
        if (first.id === id) found.push(o);
        else if (last?.kind === 'provision') {
          const [a, b] = [this.corpus.provisions.get(first.id), this.corpus.provisions.get(last.id)];
          if (a && b && a.doc === target.doc && a.order <= target.order && target.order <= b.order) found.push(o);
        }
      }
    }
    return found.sort(bySpan);
  }
}

export const bySpan = (a: Span, b: Span) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start);
