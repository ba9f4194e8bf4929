import { ruleTester, manifest } from '../test/ruleTester.js';
import { untaggedReference } from './untagged-reference.js';

ruleTester(untaggedReference, {
  valid: [{ name: 'tagged references, section letters, headings and code', files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/01-a.md': '## 1 Clause 1 heading\n\n**1.1** See [[1.1]] under Section G and `Clause 7.2`.\n' } }],
  invalid: [
    {
      name: 'prose references in a clause and a table',
      files: { 'documents/AM.md': manifest('AM'), 'clauses/AM/01-a.md': '## 1 A\n\n**1.1** As Clause 7.2 and Sections 18 say.\n\n| a |\n|---|\n| Paragraph 4(b) |\n' },
      errors: [
        { file: 'clauses/AM/01-a.md', line: 3, column: 12, message: /"Clause 7\.2" is not a checked reference; write \[\[7\.2\]\]/ },
        { file: 'clauses/AM/01-a.md', line: 3, column: 27, message: /"Sections 18"/ },
        { file: 'clauses/AM/01-a.md', line: 7, column: 3, message: /"Paragraph 4\(b\)"/ },
      ],
    },
  ],
});
