/** GitHub Actions workflow commands, so each diagnostic annotates its line in a pull request. */
import type { Diagnostic } from './catalogue.js';

/** Workflow-command values escape %, CR and LF; properties also escape : and ,. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      // An accepted risk is a notice, not a failure; text of an earlier version names its ref in the message.
      const level = d.accepted ? 'notice' : d.severity === 'error' ? 'error' : 'warning';
      const text = `${d.ref !== undefined ? `(in ${d.ref}) ` : ''}${d.message}${d.date ? ` [${d.date}]` : ''}${d.accepted ? ` — accepted until ${d.accepted.until}: ${d.accepted.reason}` : ''}`;
      return `::${level} file=${prop(d.file)},line=${d.line},col=${d.column},title=${prop(d.code)}::${data(text)}`;
    })
    .join('\n');
}
