import { ruleTester, manifest } from '../test/ruleTester.js';
import { invalidDirective } from './invalid-directive.js';

const paper = (body: string) => `---\nkind: consultation\nid: CON-T\ntitle: A test consultation\ndate: 2025-03-01\nrespond-to: answers@example.org\n---\n${body}`;
const AM = manifest('AM', { until: '2030-12-31' });

ruleTester(invalidDirective, {
  valid: [
    {
      name: 'known directives with known documents and good arguments',
      files: {
        'documents/AM.md': AM,
        'documents/CON-T.md': paper('# Summary\n\nText at 17:00.\n\n::retention-table{from=AM}\n\n::impact{doc=AM in=baseline}\n\n::impact{doc=AM on=2031-01-01}\n\n::changes{doc=AM}\n\n::how-to-respond\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'unknown directive, unknown attribute, missing argument, unknown document, bad values',
      files: {
        'documents/AM.md': manifest('AM'),
        'documents/CON-T.md': paper('# Summary\n\n::imapct{doc=AM}\n\n::changes{doc=AM colour=red}\n\n::retention-table\n\n::impact{doc=ZZ}\n\n::impact{doc=AM in=later on=2031-02-30}\n\n::impact{doc=AM}\n\nInline :changes{doc=AM} here.\n'),
      },
      errors: [
        { file: 'documents/CON-T.md', line: 10, column: 1, message: /unknown directive `::imapct`.*did you mean `::impact`\?/ },
        { file: 'documents/CON-T.md', line: 12, column: 1, message: /`::changes` has no attribute `colour`/ },
        { file: 'documents/CON-T.md', line: 14, column: 1, message: /`::retention-table` needs `from=`/ },
        { file: 'documents/CON-T.md', line: 16, column: 1, message: /no document `ZZ`/ },
        { file: 'documents/CON-T.md', line: 18, column: 1, message: /`in=later` must be `proposed` or `baseline`/ },
        { file: 'documents/CON-T.md', line: 18, column: 1, message: /`on=2031-02-30` is not a real date/ },
        { file: 'documents/CON-T.md', line: 20, column: 1, message: /AM has no `in-force.until`/ },
        { file: 'documents/CON-T.md', line: 22, column: 8, message: /must stand alone on its line as a leaf directive/ },
      ],
    },
  ],
});
