/**
 * Problems the pack finds in a consultation paper while it lays the paper out: a bad directive argument, a
 * malformed consultation key, a footnote with no text. They are catalogue diagnostics with a place, like check's.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/catalogue.js';
import { LineIndex } from '../parse/lines.js';

/** Collects diagnostics for one file, located by offset. */
export class PaperDiagnostics {
  readonly list: Diagnostic[] = [];
  private readonly index: LineIndex;
  constructor(
    readonly file: string,
    text: string,
  ) {
    this.index = new LineIndex(text);
  }
  add(code: DiagnosticCode, offset: number, message: string): void {
    this.list.push(diagnostic(code, { file: this.file, ...this.index.locate(Math.max(0, offset)) }, message));
  }
}
