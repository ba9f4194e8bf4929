/** GitHub Actions workflow commands, so each diagnostic annotates its line in a pull request. */
import type { Diagnostic } from './catalogue.js';

/** Workflow-command values escape %, CR and LF; properties also escape : and ,. */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      // An accepted risk is a notice, not a failure. Text of an earlier version read from a git ref is not in the
      // checked-out tree, so it is not pinned to a line of the working tree's file of the same name: its place goes
      // into the message. One read from a folder is pinned to that folder's file.
      const level = d.accepted ? 'notice' : d.severity === 'error' ? 'error' : 'warning';
      const pinned = d.ref === undefined || d.path !== undefined;
      const text = `${!pinned ? `${d.ref}:${d.file}:${d.line}:${d.column}: ` : ''}${d.message}${d.date ? ` [${d.date}]` : ''}${d.accepted ? ` — accepted until ${d.accepted.until}: ${d.accepted.reason}` : ''}`;
      const where = pinned ? `file=${prop(d.path ?? d.file)},line=${d.line},col=${d.column},` : '';
      return `::${level} ${where}title=${prop(d.code)}::${data(text)}`;
    })
    .join('\n');
}
