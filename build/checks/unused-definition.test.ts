import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { unusedDefinition } from './unused-definition.js';

const docs = { 'documents/AL.md': manifest('AL', { until: '2025-12-31' }), 'documents/AM.md': manifest('AM') };

ruleTester(unusedDefinition, {
  valid: [
    {
      name: 'used by a clause, by another definition, and only in plural',
      files: {
        ...docs,
        'definitions/AM.md': definitions('AM', '**Group** means a set.\n\n**GroupID** means the number of a Group.\n\n**Party** {plural="Parties"} means x.\n'),
        'clauses/AM/01-a.md': '## 1 A\n\n**1.1** Each GroupID names the Parties.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'never used, used only by itself, used only by an expired document',
      asAt: '2025-06-01',
      files: {
        ...docs,
        'definitions/AM.md': definitions('AM', '**Orphan** means nothing.\n\n**Loop** means a Loop.\n\n**Legacy** means old.\n'),
        'clauses/AL/01-a.md': '## 1 A\n\n**1.1** A Legacy rule.\n',
      },
      errors: [
        { file: 'definitions/AM.md', line: 4, column: 3, date: '2025-06-01', message: /"Orphan"/ },
        { file: 'definitions/AM.md', line: 6, column: 3, date: '2025-06-01', message: /"Loop"/ },
        { file: 'definitions/AM.md', line: 8, column: 3, date: '2026-01-01', message: /"Legacy".*2026-01-01/ },
      ],
    },
  ],
});
