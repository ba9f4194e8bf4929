import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { conflictingDefinition } from './conflicting-definition.js';

const docs = {
  'documents/AL.md': manifest('AL', { from: '2018-12-05', until: '2025-12-31' }),
  'documents/AM.md': manifest('AM', { from: '2019-06-21' }),
  'definitions/AL.md': definitions('AL', '**GroupID** means the number given to a group.\n'),
};

ruleTester(conflictingDefinition, {
  valid: [
    { name: 'a retained copy with the same words (white space aside)', files: { ...docs, 'definitions/AM.md': definitions('AM', '**GroupID** {from="AL"} means the number\ngiven to a group.\n') } },
    { name: 'different words once the original has expired', asAt: '2026-01-01', files: { ...docs, 'definitions/AM.md': definitions('AM', '**GroupID** means something else.\n') } },
  ],
  invalid: [
    {
      name: 'two homes in force at once with different words',
      files: { ...docs, 'definitions/AM.md': definitions('AM', '**GroupID** means something else.\n') },
      errors: [{ file: 'definitions/AM.md', line: 4, column: 3, date: '2025-06-01', message: /defined differently in AM and AL/, related: [{ file: 'definitions/AL.md', line: 4 }] }],
    },
  ],
});
