/** GitHub Actions workflow commands, so each diagnostic annotates its line in a pull request. */
import type { Diagnostic } from './catalogue.js';

/** Workflow-command values escape %, CR and LF; properties also escape : and ,. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `::${d.severity === 'error' ? 'error' : 'warning'} file=${prop(d.file)},line=${d.line},col=${d.column},title=${prop(d.code)}::${data(d.message + (d.date ? ` [${d.date}]` : ''))}`)
    .join('\n');
}
