import { ruleTester, manifest, definitions, versionManifest } from '../test/ruleTester.js';
import { removedDefinition } from './removed-definition.js';

/** Version 1.0 of RX, kept in the folder `old/`, defines Widget and Gadget. */
const v1 = {
  'old/documents/RX.md': versionManifest('RX', { version: '1.0', from: '2020-01-01' }),
  'old/definitions/RX.md': definitions('RX', '**Widget** means a small device.\n\n**Gadget** means a larger device.\n'),
  'old/clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget and each Gadget is listed.\n',
};
const v2 = (defs: string, clause: string) => ({
  ...v1,
  'documents/RX.md': versionManifest('RX', { version: '2.0', from: '2020-01-01', effective: '2025-03-01', previous: 'old' }),
  'definitions/RX.md': definitions('RX', defs),
  'clauses/RX/01-a.md': `## 1 A\n\n**1.1** ${clause}\n`,
});

ruleTester(removedDefinition, {
  valid: [
    { name: 'a definition removed together with its last use', files: v2('**Widget** means a small device.\n', 'Each Widget is listed.') },
    { name: 'a definition moved to another document that stays in force', files: { ...v2('**Widget** means a small device.\n', 'Each Widget and each Gadget is listed.'), 'documents/SY.md': manifest('SY'), 'definitions/SY.md': definitions('SY', '**Gadget** means a larger device.\n') } },
    { name: 'no previous version: nothing was removed', files: { 'documents/RX.md': manifest('RX'), 'clauses/RX/01-a.md': '## 1 A\n\n**1.1** A Gadget, in plain words.\n' } },
  ],
  invalid: [
    {
      name: 'deleted but still used by the new text',
      files: v2('**Widget** means a small device.\n', 'Each Widget and each Gadget is listed.'),
      errors: [{ file: 'clauses/RX/01-a.md', line: 3, column: 30, date: '2025-06-01', message: /RX 1\.1 uses "Gadget", which RX v1\.0 defined but no document defines any more/, related: [{ file: 'definitions/RX.md', line: 6 }] }],
    },
  ],
});
