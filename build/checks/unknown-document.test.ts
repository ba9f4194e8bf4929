import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { unknownDocument } from './unknown-document.js';

ruleTester(unknownDocument, {
  valid: [{ name: 'files whose documents have manifests', files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/01-a.md': '## 1 A\n', 'definitions/AM.md': definitions('AM', '') } }],
  invalid: [
    {
      name: 'a clause folder and a definitions file with no manifest',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AZ/01-a.md': '## 1 A\n\n**1.1** x\n', 'definitions/AZ.md': definitions('AZ', '') },
      errors: [
        { file: 'clauses/AZ/01-a.md', line: 1, column: 1, message: /no manifest documents\/AZ\.md/ },
        { file: 'definitions/AZ.md', line: 1, column: 1, message: /no manifest documents\/AZ\.md/ },
      ],
    },
  ],
});
