/** SARIF 2.1.0, one run, with the catalogue as the tool's rules so code-scanning UIs can describe each code. */
import { CATALOGUE, type Diagnostic } from './catalogue.js';

export function formatSarif(diagnostics: Diagnostic[], version: string): string {
  const codes = Object.keys(CATALOGUE) as Array<keyof typeof CATALOGUE>;
  const location = (file: string, line: number, column: number) => ({
    physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: column } },
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
          locations: [location(d.file, d.line, d.column)],
          ...(d.related?.length
            ? { relatedLocations: d.related.map((r, i) => ({ id: i, ...location(r.file, r.line, r.column), message: { text: r.message ?? '' } })) }
            : {}),
          ...(d.date ? { properties: { date: d.date } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
