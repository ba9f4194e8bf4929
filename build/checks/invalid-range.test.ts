import { ruleTester, manifest } from '../test/ruleTester.js';
import { invalidRange } from './invalid-range.js';

const files = (body: string) => ({
  'documents/AL.md': manifest('AL'),
  'clauses/AL/07-decommissioning.md': '## 7 Decommissioning\n\n**7.9A** One.\n\n**7.9B** Two.\n\n**7.9D** Four.\n\n' + body,
});

ruleTester(invalidRange, {
  valid: [{ name: 'ascending range with hyphen and en dash', files: files('**7.10** See [[7.9A-7.9D]] and [[AL 7.9A–7.9B]].\n') }],
  invalid: [
    {
      name: 'reversed and missing ends',
      files: files('**7.10** See [[7.9D-7.9A]] and [[AL 7.9A-7.9C]].\n'),
      errors: [
        { file: 'clauses/AL/07-decommissioning.md', line: 9, column: 14, message: /7\.9D does not come before 7\.9A/ },
        { file: 'clauses/AL/07-decommissioning.md', line: 9, column: 32, message: /range end 7\.9C does not exist/ },
      ],
    },
  ],
});
