import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { duplicateId } from './duplicate-id.js';

ruleTester(duplicateId, {
  valid: [
    {
      name: 'same number in two documents, and same label under two clauses',
      files: {
        'documents/AL.md': manifest('AL'),
        'documents/AM.md': manifest('AM'),
        'clauses/AL/01-a.md': '## 1 A\n\n**1.1** x\n\n- (a) y\n',
        'clauses/AM/01-a.md': '## 1 A\n\n**1.1** x\n\n- (a) y\n\n**1.2** z\n\n- (a) w\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a clause repeated across files, a repeated label, a repeated section and a term defined twice',
      files: {
        'documents/AM.md': manifest('AM'),
        'clauses/AM/01-a.md': '## 1 A\n\n**1.1** x\n\n- (a) y\n- (a) again\n',
        'clauses/AM/02-b.md': '## 1 Again\n\n**1.1** copy\n',
        'definitions/AM.md': definitions('AM', '**Term** means one thing.\n\n**Term** means another.\n'),
      },
      errors: [
        { file: 'clauses/AM/01-a.md', line: 6, column: 3, message: /AM 1\.1\(a\) is already defined/, related: [{ file: 'clauses/AM/01-a.md', line: 5 }] },
        { file: 'clauses/AM/02-b.md', line: 1, column: 4, message: /AM 1 is already defined/, related: [{ file: 'clauses/AM/01-a.md', line: 1 }] },
        { file: 'clauses/AM/02-b.md', line: 3, column: 3, message: /AM 1\.1 is already defined/, related: [{ file: 'clauses/AM/01-a.md', line: 3 }] },
        { file: 'definitions/AM.md', line: 6, column: 3, message: /definition of Term in AM/ },
      ],
    },
  ],
});
