import { ruleTester, versionManifest } from '../test/ruleTester.js';
import { unsafePath } from './unsafe-path.js';

const head = (previous: string) => versionManifest('RX', { version: '2.0', from: '2020-01-01', effective: '2025-06-01', previous });

ruleTester(unsafePath, {
  valid: [{ name: 'a previous folder inside the content root', files: { 'documents/RX.md': head('old/v1'), 'old/v1/documents/RX.md': versionManifest('RX', { version: '1.0', from: '2020-01-01' }) } }],
  invalid: [
    {
      name: 'a previous folder above the content root, and an absolute path',
      files: { 'documents/RX.md': head('../elsewhere'), 'documents/SY.md': head('/etc').replace('id: RX', 'id: SY') },
      errors: [
        { file: 'documents/RX.md', line: 11, column: 1, message: /`previous: \.\.\/elsewhere` is a path outside the content root; it is not read/ },
        { file: 'documents/SY.md', line: 11, column: 1, message: /`previous: \/etc` resolves to \/etc, outside the content root; it is not read/ },
      ],
    },
  ],
});
