/** Turns term uses and references into the located rows that `impact` and `uses` print. */
import type { Corpus, UserRef } from '../model/corpus.js';
import { LineIndex } from '../parse/lines.js';

export interface UseRow {
  file: string;
  line: number;
  column: number;
  document: string;
  clause: string | null;
  definition?: string;
}

export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly corpus: Corpus) {}

  at(file: string, offset: number): { line: number; column: number } {
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new LineIndex(this.corpus.texts.get(file) ?? '')));
    return index.locate(offset);
  }

  row(file: string, offset: number, user: UserRef): UseRow {
    const row: UseRow = { file, ...this.at(file, offset), document: user.doc, clause: user.kind === 'provision' ? user.id : null };
    if (user.kind === 'definition') row.definition = user.term;
    return row;
  }
}

export const byPlace = (a: UseRow, b: UseRow) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
