import { ruleTester, manifest, definitions, versionManifest } from '../test/ruleTester.js';
import { danglingDefinition } from './dangling-definition.js';

const TEXT = 'means a party that asks the DCC to migrate a device.';
const base = {
  'documents/AL.md': manifest('AL', { from: '2018-12-05', until: '2025-12-31' }),
  'documents/AM.md': manifest('AM', { from: '2019-06-21' }),
  'definitions/AL.md': definitions('AL', `**Requesting Party** {plural="Requesting Parties"} ${TEXT}\n`),
  'clauses/AL/01-a.md': '## 1 A\n\n**1.1** Each Requesting Party acts.\n',
};

ruleTester(danglingDefinition, {
  valid: [
    { name: 'the term is retained in the document that stays in force', files: { ...base, 'definitions/AM.md': definitions('AM', `**Requesting Party** {from="AL"} ${TEXT}\n`), 'clauses/AM/02-b.md': '## 2 B\n\n**2.1** The Requesting Parties act.\n' } },
    { name: 'the using clause ends with the home', files: { ...base, 'clauses/AM/02-b.md': '## 2 B\n\n**2.1** {in-force-until=2025-12-31} A Requesting Party acts.\n' } },
    {
      name: 'an undated draft whose effective-by has passed: its window closes at once, no day is left without a version',
      asAt: '2025-06-01',
      files: {
        'documents/RX.md': versionManifest('RX', { version: '2.0', status: 'draft', from: '2020-01-01', effectiveBy: '2025-01-01', previous: 'old' }),
        'definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
        'clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget is listed.\n',
        'old/documents/RX.md': versionManifest('RX', { version: '1.0', from: '2020-01-01' }),
        'old/definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
        'old/clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget is listed.\n',
      },
    },
    { name: 'only uses after the home ended matter', files: { ...base, 'clauses/AM/02-b.md': '## 2 B\n\n**2.1** A `Requesting Party` in code and [[AL|Requesting Party]] in a reference are not uses.\n' } },
  ],
  invalid: [
    {
      name: 'a clause and a definition that stay in force use a term of an expiring document (found today, dated on expiry)',
      asAt: '2025-10-17',
      files: {
        ...base,
        'clauses/AM/02-b.md': '## 2 B\n\n**2.1** The DCC shall notify each\nRequesting Party.\n\n- (a) and the Requesting Parties too.\n',
        'definitions/AM.md': definitions('AM', '**Notice** means a message to a Requesting Party.\n\n**DCC** means the company.\n'),
      },
      errors: [
        { file: 'clauses/AM/02-b.md', line: 4, column: 1, date: '2026-01-01', message: /AM 2\.1 uses "Requesting Party"/, related: [{ file: 'definitions/AL.md', line: 4 }] },
        { file: 'clauses/AM/02-b.md', line: 6, column: 15, date: '2026-01-01', message: /AM 2\.1\(a\) uses "Requesting Party"/ },
        { file: 'definitions/AM.md', line: 4, column: 33, date: '2026-01-01', message: /definition of Notice \(AM\) uses "Requesting Party"/ },
      ],
    },
  ],
});
