/** Turns term uses and references into the located rows that `impact` and `uses` print. */
import type { Corpus, UserRef } from '../model/corpus.js';
import { FileLocator } from '../parse/lines.js';

export interface UseRow {
  file: string;
  line: number;
  column: number;
  document: string;
  clause: string | null;
  definition?: string;
}

export class Locator {
  private readonly files: FileLocator;
  constructor(corpus: Corpus) {
    this.files = new FileLocator(corpus.texts);
  }

  at(file: string, offset: number): { line: number; column: number } {
    return this.files.locate(file, offset);
  }

  row(file: string, offset: number, user: UserRef): UseRow {
    const row: UseRow = { file, ...this.at(file, offset), document: user.doc, clause: user.kind === 'provision' ? user.id : null };
    if (user.kind === 'definition') row.definition = user.term;
    return row;
  }
}

export const byPlace = (a: UseRow, b: UseRow) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
