/**
 * Offsets ↔ LSP positions. Both count UTF-16 code units (JavaScript strings do too), so an astral character is
 * two columns; LSP lines end at \r\n, \n or a lone \r. Diagnostics carry 1-based line and column counted over
 * \n-separated lines; they are turned back into offsets first.
 */
import type { Position, Range } from 'vscode-languageserver';

export class LineMap {
  private readonly starts: number[] = [0];
  private newlineStarts: number[] | undefined;
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - this.starts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const next = this.starts[position.line + 1] ?? this.text.length;
    // A character past the end of its line means the end of the line (its line break excluded).
    let end = next;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** The offset of a 1-based line and column counted over \n-separated lines (as diagnostics are). */
  offsetOfLineColumn(line: number, column: number): number {
    if (!this.newlineStarts) {
      this.newlineStarts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.newlineStarts.push(i + 1);
    }
    const start = this.newlineStarts[line - 1] ?? this.text.length;
    return Math.min(this.text.length, start + Math.max(0, column - 1));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
