import { ruleTester, definitions, versionManifest } from '../test/ruleTester.js';
import { invalidPrevious } from './invalid-previous.js';

const head = (extra: Parameters<typeof versionManifest>[1]) => versionManifest('RX', { from: '2020-01-01', ...extra });
const older = (folder: string, extra: Parameters<typeof versionManifest>[1]) => ({
  [`${folder}/documents/RX.md`]: head(extra),
  [`${folder}/clauses/RX/01-a.md`]: '## 1 A\n\n**1.1** Text.\n',
});

ruleTester(invalidPrevious, {
  valid: [
    { name: 'a chain of three versions, each later than the one it replaces', files: { 'documents/RX.md': head({ version: '3.0', effective: '2025-06-01', previous: 'v2' }), ...older('v2', { version: '2.0', effective: '2024-01-01', previous: 'v1' }), ...older('v1', { version: '1.0' }), 'definitions/RX.md': definitions('RX', '') } },
    { name: 'a version without previous', files: { 'documents/RX.md': head({ version: '1.0' }) } },
  ],
  invalid: [
    {
      name: 'a folder that does not exist (and no git repository)',
      files: { 'documents/RX.md': head({ version: '2.0', effective: '2025-06-01', previous: 'nowhere' }) },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /`previous: nowhere` is not a folder, and the content root is not in a git repository/ }],
    },
    {
      name: 'a value that looks like an option',
      files: { 'documents/RX.md': head({ version: '2.0', effective: '2025-06-01', previous: '-x' }) },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /looks like an option/ }],
    },
    {
      name: 'a folder that holds no version of the document',
      files: { 'documents/RX.md': head({ version: '2.0', effective: '2025-06-01', previous: 'v1' }), 'v1/documents/SY.md': head({ version: '1.0' }).replace('id: RX', 'id: SY') },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /has no documents\/RX\.md/ }],
    },
    {
      name: "a previous version whose manifest names another document",
      files: { 'documents/RX.md': head({ version: '2.0', effective: '2025-06-01', previous: 'v1' }), 'v1/documents/RX.md': head({ version: '1.0' }).replace('id: RX', 'id: QQ') },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /the manifest of RX at `v1` cannot be read: `id: QQ` does not match/ }],
    },
    {
      name: 'a chain that loops',
      files: { 'documents/RX.md': head({ version: '3.0', effective: '2025-06-01', previous: 'a' }), ...older('a', { version: '2.0', effective: '2024-06-01', previous: 'b' }), ...older('b', { version: '1.0', previous: 'a' }) },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /the chain of RX loops: RX v1\.0 \(b\) names `a`, which is already in the chain/ }],
    },
    {
      name: 'a version that takes effect before the one it replaces',
      files: { 'documents/RX.md': head({ version: '2.0', effective: '2024-01-01', previous: 'v1' }), ...older('v1', { version: '1.0', effective: '2025-01-01' }) },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /RX v2\.0 takes effect on 2024-01-01, before RX v1\.0 \(`v1`\), the version it replaces, on 2025-01-01/ }],
    },
    {
      name: 'two versions with one number',
      files: { 'documents/RX.md': head({ version: '1.0', effective: '2025-06-01', previous: 'v1' }), ...older('v1', { version: '1.0' }) },
      errors: [{ file: 'documents/RX.md', line: 11, column: 1, message: /two versions of RX are numbered 1\.0/ }],
    },
  ],
});
