/** SARIF 2.1.0, one run, with the catalogue as the tool's rules so code-scanning UIs can describe each code. */
import { CATALOGUE, type Diagnostic, type Location } from './catalogue.js';

export function formatSarif(diagnostics: Diagnostic[], version: string): string {
  const codes = Object.keys(CATALOGUE) as Array<keyof typeof CATALOGUE>;
  // Text of an earlier version is not in the checked-out tree: its location names the ref it was read from.
  const location = (l: Location) => ({
    physicalLocation: { artifactLocation: { uri: l.file, uriBaseId: '%SRCROOT%' }, region: { startLine: l.line, startColumn: l.column } },
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
              shortDescription: { text: CATALOGUE[code].description },
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
