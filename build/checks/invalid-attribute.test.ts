import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { invalidAttribute } from './invalid-attribute.js';

const AM = { 'documents/AM.md': manifest('AM') };

ruleTester(invalidAttribute, {
  valid: [
    {
      name: 'known attributes, quoted and bare',
      files: { ...AM, 'clauses/AM/02-a.md': '## 2 A\n\n**2B.1.1** {from="AL 7.9A" kind=obligation in-force-from=2026-01-01} Text.\n', 'definitions/AM.md': definitions('AM', '**Party** {plural="Parties" also="party member" from="AL"} means x.\n') },
    },
  ],
  invalid: [
    {
      name: 'typo, bad kind, impossible date, valueless, malformed provenance, unclosed block',
      files: {
        ...AM,
        'clauses/AM/02-a.md': '## 2 A\n\n**2.1** {form="AL 7.9A"} One.\n\n**2.2** {kind=duty} Two.\n\n**2.3** {in-force-from=2026-13-01} Three.\n\n**2.4** {from="the old TMAD"} Four.\n\n**2.5** {kind=note Five.\n\n**2.6** {in-force-from=2026-01-01 kind=varaition} Six.\n',
        'definitions/AM.md': definitions('AM', '**Party** {plural} means x.\n'),
      },
      errors: [
        { file: 'clauses/AM/02-a.md', line: 3, column: 10, message: /unknown attribute `form` \(allowed: .*\); did you mean `from`\?$/ },
        { file: 'clauses/AM/02-a.md', line: 5, column: 15, message: /`kind=duty` is not one of [^;]*$/ },
        { file: 'clauses/AM/02-a.md', line: 7, column: 3, message: /not a real date/ },
        { file: 'clauses/AM/02-a.md', line: 9, column: 3, message: /must name a document or clause/ },
        { file: 'clauses/AM/02-a.md', line: 11, column: 9, message: /never closed/ },
        { file: 'clauses/AM/02-a.md', line: 13, column: 40, message: /`kind=varaition` is not one of .*; did you mean `variation`\?$/ },
        { file: 'definitions/AM.md', line: 4, column: 12, message: /`plural` has no value/ },
      ],
    },
  ],
});
