/** What a re-check reports differently from the check before it: new diagnostics and fixed ones. */
import type { Diagnostic } from '../diagnostics/catalogue.js';

export interface DiagnosticChange {
  added: Diagnostic[];
  fixed: Diagnostic[];
}

/**
 * Diagnostics are matched on code, file, message and date, not line and column: text inserted above a
 * problem moves it without fixing it, and it should not be reported again.
 */
export function diagnosticChange(before: Diagnostic[], after: Diagnostic[]): DiagnosticChange {
  const key = (d: Diagnostic) => `${d.code}\0${d.file}\0${d.message}\0${d.date ?? ''}`;
  const count = (list: Diagnostic[]) => {
    const m = new Map<string, number>();
    for (const d of list) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
    return m;
  };
  const unmatched = (list: Diagnostic[], other: Map<string, number>) =>
    list.filter((d) => {
      const n = other.get(key(d)) ?? 0;
      if (n > 0) {
        other.set(key(d), n - 1);
        return false;
      }
      return true;
    });
  return { added: unmatched(after, count(before)), fixed: unmatched(before, count(after)) };
}
