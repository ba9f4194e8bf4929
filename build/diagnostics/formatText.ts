/** Compiler-style text: `file:line:col  severity  code  message`, the source line, and a caret under the column. */
import type { Diagnostic } from './catalogue.js';

export type LineSource = (file: string, line: number) => string | undefined;

export function formatText(diagnostics: Diagnostic[], lineOf: LineSource, options: { color?: boolean } = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const d of diagnostics) {
    const sev = d.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    out.push(`${d.file}:${d.line}:${d.column}  ${sev}  ${d.code}  ${d.message}${d.date ? ` [${d.date}]` : ''}`);
    const line = lineOf(d.file, d.line);
    if (line !== undefined && line.trim() !== '' && line.length <= 400) {
      const gutter = String(d.line).padStart(5);
      out.push(`${gutter} | ${line.replace(/\t/g, ' ')}`);
      out.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint('36', '^')}`);
    }
    for (const r of d.related ?? []) out.push(`    ${r.file}:${r.line}:${r.column}  note  ${r.message ?? ''}`.trimEnd());
  }
  return out.join('\n');
}

export function summarise(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
