/** What the layout could not show as written, as catalogue diagnostics: never failures, since the output is made. */
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { LineIndex } from '../parse/lines.js';
import type { RenderProblem } from '../model/document.js';

export function problemDiagnostics(textOf: (file: string) => string | undefined, problems: readonly RenderProblem[]): Diagnostic[] {
  const indexes = new Map<string, LineIndex>();
  return problems.map((p) => {
    const text = textOf(p.file);
    let at = { line: 1, column: 1 };
    if (text !== undefined && p.offset !== undefined) {
      let index = indexes.get(p.file);
      if (!index) indexes.set(p.file, (index = new LineIndex(text)));
      at = index.locate(p.offset);
    }
    return { code: p.code, severity: 'warning', file: p.file, ...at, message: p.message };
  });
}
