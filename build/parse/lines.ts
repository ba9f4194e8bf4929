/** Offset → 1-based line and column. Built lazily: most files never produce a diagnostic. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  locate(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The offset of a 1-based line and column: `locate`'s inverse. */
  offsetOf(line: number, column: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    return (starts[line - 1] ?? 0) + column - 1;
  }

  lineText(line: number): string {
    const starts = (this.starts ??= lineStarts(this.text));
    const start = starts[line - 1] ?? this.text.length;
    const end = starts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line indexes of many files, made on first use: turns (file, offset) into line and column. */
export class FileLocator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  index(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new LineIndex(this.texts.get(file) ?? '')));
    return index;
  }

  locate(file: string, offset: number): { line: number; column: number } {
    return this.index(file).locate(offset);
  }
}

/** The text of a given line of a given file, for diagnostics' source excerpts. */
export function lineSource(texts: ReadonlyMap<string, string>): (file: string, line: number) => string | undefined {
  const files = new FileLocator(texts);
  return (file, line) => (texts.has(file) ? files.index(file).lineText(line) : undefined);
}
