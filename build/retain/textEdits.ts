/** Offset-based edits of a source text. Retention edits text in place, so everything it does not touch stays byte for byte. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order); two inserts at one offset keep the order given. */
export function applyEdits(source: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** The line ending a file uses, so inserted text matches it. */
export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset just past the blank lines that follow `offset` (used to remove a block with its separator). */
export function skipBlankLines(text: string, offset: number): number {
  const m = /^(?:[ \t]*\r?\n)*/.exec(text.slice(offset));
  return offset + (m ? m[0].length : 0);
}
