/** Compiler-style text: `file:line:col  severity  code  message`, the source line, and a caret under the column. */
import type { Diagnostic, Location } from './catalogue.js';

export type LineSource = (file: string, line: number) => string | undefined;

/** A burst of at least this many diagnostics with one cause gets a summary line above the details. */
export const BURST = 5;

/** One line per cause behind a burst: "documents/AL.md:9:1  cause  AL leaves force …: 137 diagnostics (…), below". */
export function causeSummaries(diagnostics: Diagnostic[]): string[] {
  const groups = new Map<string, { cause: NonNullable<Diagnostic['cause']>; codes: Map<string, number>; count: number }>();
  for (const d of diagnostics) {
    if (!d.cause || d.accepted) continue;
    const key = `${where(d.cause)}:${d.cause.line}:${d.cause.column}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cause: d.cause, codes: new Map(), count: 0 }));
    g.count++;
    g.codes.set(d.code, (g.codes.get(d.code) ?? 0) + 1);
  }
  return [...groups.entries()]
    .filter(([, g]) => g.count >= BURST)
    .map(([key, g]) => `${key}  cause  ${g.cause.message}: ${g.count} diagnostics (${[...g.codes].map(([c, n]) => `${c} ${n}`).join(', ')}), each listed below`);
}

export function formatText(diagnostics: Diagnostic[], lineOf: LineSource, options: { color?: boolean } = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = causeSummaries(diagnostics);
  if (out.length) out.push('');
  for (const d of diagnostics) {
    const sev = d.accepted ? paint('32', 'accepted') : d.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    out.push(`${where(d)}:${d.line}:${d.column}  ${sev}  ${d.code}  ${d.message}${d.date ? ` [${d.date}]` : ''}`);
    const line = lineOf(d.ref === undefined ? d.file : `${d.ref}:${d.file}`, d.line);
    if (line !== undefined && line.trim() !== '' && line.length <= 400) {
      const gutter = String(d.line).padStart(5);
      out.push(`${gutter} | ${line.replace(/\t/g, ' ')}`);
      out.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, d.column - 1))}${paint('36', '^')}`);
    }
    if (d.accepted) out.push(`    ${d.accepted.file}:${d.accepted.line}  accepted (${d.accepted.about}) until ${d.accepted.until}: ${d.accepted.reason}`);
    if (d.cause) out.push(`    ${where(d.cause)}:${d.cause.line}:${d.cause.column}  cause  ${d.cause.message}`);
    for (const r of d.related ?? []) out.push(`    ${where(r)}:${r.line}:${r.column}  note  ${r.message ?? ''}`.trimEnd());
  }
  return out.join('\n');
}

/** A path that can be opened: the working tree's, or an earlier version's folder's; `<ref>:<path>` for a git ref's text. */
export function where(location: Location): string {
  if (location.path !== undefined) return location.path;
  return location.ref === undefined ? location.file : `${location.ref}:${location.file}`;
}

/** A diagnostic that fails the run: an error (with `strict`, any diagnostic) that no acceptance covers. */
export function fails(d: Diagnostic, strict = false): boolean {
  return !d.accepted && (strict || d.severity === 'error');
}

export function summarise(diagnostics: Diagnostic[]): string {
  const accepted = diagnostics.filter((d) => d.accepted).length;
  const errors = diagnostics.filter((d) => !d.accepted && d.severity === 'error').length;
  const warnings = diagnostics.length - errors - accepted;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${accepted ? `, ${accepted} accepted` : ''}`;
}
