/** The source text and lines a check's answer is printed with, read from the content root only when asked for. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { LineSource } from '../diagnostics/formatText.js';
import { decodeUtf8 } from '../parse/decode.js';
import { lineSource } from '../parse/lines.js';

/** Texts read from the content root when first asked for: an answer found without reading shows only a few. */
export class SourceTexts extends Map<string, string> {
  constructor(
    private readonly root: string,
    private readonly paths: ReadonlySet<string>,
  ) {
    super();
  }
  override has(path: string): boolean {
    return super.has(path) || this.paths.has(path);
  }
  override get(path: string): string | undefined {
    if (!super.has(path) && this.paths.has(path)) {
      let text = '';
      try {
        text = decodeUtf8(readFileSync(join(this.root, path))).text;
      } catch {
        // Gone since it was checked: the diagnostic is printed without its source line.
      }
      super.set(path, text);
    }
    return super.get(path);
  }
}

function lineKey(file: string, line: number): string {
  return `${file}\u0000${line}`;
}

/** The line each diagnostic points at, as `lineOf` gives it. */
export function linesOf(diagnostics: readonly Diagnostic[], lineOf: LineSource): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const d of diagnostics) {
    if (d.ref !== undefined) continue;
    const text = lineOf(d.file, d.line);
    if (text !== undefined) lines[lineKey(d.file, d.line)] = text;
  }
  return lines;
}

/** The stored lines of every file but `files`. */
export function linesOutside(lines: Record<string, string>, files: ReadonlySet<string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, text] of Object.entries(lines)) if (!files.has(key.slice(0, key.indexOf('\u0000')))) kept[key] = text;
  return kept;
}

/** Stored lines first, then the text (read on demand). */
export function storedLineSource(lines: Record<string, string>, texts: ReadonlyMap<string, string>): LineSource {
  const read = lineSource(texts);
  return (file, line) => lines[lineKey(file, line)] ?? read(file, line);
}
