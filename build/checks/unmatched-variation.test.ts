import { ruleTester, manifest, versionManifest } from '../test/ruleTester.js';
import { unmatchedVariation } from './unmatched-variation.js';

const head = 'manufacturer,device type,model,firmware,variations\n';
const clauses = '## 18 V\n\n**18.1** {kind=variation} One.\n\n**18.2** {kind=variation} Two.\n\n**18.3** {kind=variation} Three.\n\n**18.4** A plain clause.\n';

ruleTester(unmatchedVariation, {
  valid: [
    {
      name: 'every variation named, one through a range; a plain clause needs no device',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/18-v.md': clauses, 'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1-18.2\nBeta,GSME,B2,3,18.3\n` },
    },
    {
      name: 'a matrix that cannot be read names nobody: its invalid-matrix error says so, not one warning per variation',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/18-v.md': clauses, 'clauses/AM/annex-a.csv': 'manufacturer,device type,model,firmwre,variations\nAcme,ESME,M1,1.0,18.1\n' },
    },
    {
      name: 'a variation that has left force before the as-at date',
      asAt: '2026-02-01',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/18-v.md': '## 18 V\n\n**18.1** {kind=variation in-force-until=2025-12-31} Gone.\n' },
    },
  ],
  invalid: [
    {
      name: 'a variation no row names, and a document with variations but no matrix',
      files: {
        'documents/AM.md': manifest('AM'),
        'documents/AX.md': manifest('AX'),
        'clauses/AM/18-v.md': clauses,
        'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1; 18.3\n`,
        'clauses/AX/01-v.md': '## 1 V\n\n**1.1** {kind=variation} Alone.\n',
      },
      errors: [
        { file: 'clauses/AM/18-v.md', line: 5, column: 3, message: /AM 18\.2 is a variation, but no device model in the device matrix \(annex-a\.csv\) names it/ },
        { file: 'clauses/AX/01-v.md', line: 3, column: 3, message: /AX 1\.1 .* a device matrix \(clauses\/AX\/annex-a\.csv, which AX does not have\)/ },
      ],
    },
    {
      name: 'a CSV file that is not read as a matrix is not named as the matrix',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/18-v.md': '## 18 V\n\n**18.1** {kind=variation} One.\n', 'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1\n`, 'clauses/AX/devices.csv': `${head}Acme,ESME,M1,1.0,1.1\n`, 'documents/AX.md': manifest('AX'), 'clauses/AX/01-v.md': '## 1 V\n\n**1.1** {kind=variation} Alone.\n' },
      errors: [{ file: 'clauses/AX/01-v.md', line: 3, column: 3, message: /^AX 1\.1 is a variation, but no device model in a device matrix \(clauses\/AX\/annex-a\.csv, which AX does not have\) names it/ }],
    },
    {
      name: 'an earlier version that still applies is read with the matrix it shipped',
      asAt: '2025-10-17',
      files: {
        'documents/AM.md': versionManifest('AM', { version: '2.0', status: 'consultation', from: '2019-06-21', effective: '2025-12-12', previous: 'v1' }),
        'clauses/AM/18-v.md': clauses,
        'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1-18.3\n`,
        'v1/documents/AM.md': versionManifest('AM', { version: '1.0', from: '2019-06-21' }),
        'v1/clauses/AM/18-v.md': clauses,
        'v1/clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1; 18.2\n`,
      },
      errors: [{ file: 'clauses/AM/18-v.md', line: 7, column: 3, ref: 'v1', version: '1.0', date: '2025-10-17', message: /^AM v1\.0: AM 18\.3 is a variation/ }],
    },
  ],
});
