/** The diagnostics reference, `docs/diagnostics.md`, made from the catalogue so that the two cannot drift apart. */
import { CATALOGUE, CODES, EXIT } from './catalogue.js';

const SCOPES = {
  item: 'one clause, definition or file',
  corpus: 'the whole corpus',
  tables: 'the symbol tables (clause kinds, device matrices)',
  paper: 'a consultation paper',
  output: 'laying out an output',
} as const;

export function diagnosticsReference(): string {
  const lines = [
    '# Diagnostics reference',
    '',
    '<!-- Generated from build/diagnostics/catalogue.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every command reports problems with these codes, in the same four formats (`--format text | json | sarif |',
    'github` where the command offers them). A diagnostic has a code, a severity, a file, a line and a column, a',
    'message, and where relevant the evaluation date, related locations and the cause (the line whose date makes it',
    'happen). "Scope" says what a code\'s verdict depends on: `check --watch` and the editor re-check `item` codes',
    'for the edited file alone, keep `tables` codes until a clause, term, kind or matrix changes, and re-run the others',
    'in full.',
    '',
    `Exit statuses: ${EXIT.ok} nothing fails; ${EXIT.failed} a diagnostic fails the run (an error, or with \`--strict\` any warning);`,
    `${EXIT.usage} the command line is wrong; ${EXIT.internal} regmark itself failed (it prints a report to attach to a bug).`,
    '',
    '| code | severity | scope | when |',
    '|---|---|---|---|',
    ...CODES.map((code) => `| [\`${code}\`](#${code}) | ${CATALOGUE[code].severity} | ${CATALOGUE[code].scope} | ${CATALOGUE[code].description.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const code of CODES) {
    const entry = CATALOGUE[code];
    lines.push(`## ${code}`, '', `*${entry.severity}, found in ${SCOPES[entry.scope]}.* ${entry.help}`, '');
  }
  return lines.join('\n');
}
