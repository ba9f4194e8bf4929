/** SARIF 2.1.0, one run, with the catalogue as the tool's rules so code-scanning UIs can describe each code. */
import { CATALOGUE, CODES, type Diagnostic, type Location } from './catalogue.js';

/** Where each code is explained: the generated diagnostics reference, one anchor per code. */
export const HELP_URI = 'https://github.com/regmark/regmark/blob/main/docs/diagnostics.md';

export function formatSarif(diagnostics: Diagnostic[], version: string): string {
  const codes = CODES;
  // Text of an earlier version read from a git ref is not in the checked-out tree: its location names the ref it was
  // read from. One read from a folder is: its uri is that file, so the line numbers are that file's.
  const location = (l: Location) => ({
    physicalLocation: { artifactLocation: { uri: l.path ?? l.file, uriBaseId: '%SRCROOT%' }, region: { startLine: l.line, startColumn: l.column } },
    ...(l.ref !== undefined ? { properties: { ref: l.ref } } : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'regmark',
            version,
            informationUri: 'https://github.com/regmark/regmark#diagnostics',
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z])/g, (_all, _dash: string, c: string) => c.toUpperCase()),
              shortDescription: { text: sentence(CATALOGUE[code].description) },
              fullDescription: { text: CATALOGUE[code].help },
              help: { text: CATALOGUE[code].help, markdown: `**${code}** (${CATALOGUE[code].severity}): ${CATALOGUE[code].help}` },
              helpUri: `${HELP_URI}#${code}`,
              properties: { scope: CATALOGUE[code].scope },
              defaultConfiguration: { level: CATALOGUE[code].severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.date ? `${d.message} [${d.date}]` : d.message },
          locations: [location(d)],
          ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => ({ id: i, ...location(r), message: { text: r.message ?? '' } })) } : {}),
          ...(d.accepted ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: `${d.accepted.reason} (accepted until ${d.accepted.until}, ${d.accepted.file}:${d.accepted.line})` }] } : {}),
          ...(d.date || d.version !== undefined ? { properties: { ...(d.date ? { date: d.date } : {}), ...(d.version !== undefined ? { version: d.version, ref: d.ref } : {}) } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** Code-scanning rules want descriptions as sentences: capitalised, ending with a full stop. */
function sentence(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
