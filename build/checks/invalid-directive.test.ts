import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { invalidDirective } from './invalid-directive.js';

const paper = (body: string) => `---\nkind: consultation\nid: CON-T\ntitle: A test consultation\ndate: 2025-03-01\nrespond-to: answers@example.org\n---\n${body}`;
const AM = manifest('AM', { until: '2030-12-31' });
/** A retention from OLD into AM: one term and two clauses that `order=` may name. */
const retained = {
  'documents/OLD.md': manifest('OLD'),
  'documents/AM.md': AM,
  'definitions/AM.md': definitions('AM', '**Widget** {from="OLD"} means a kept device.\n'),
  'clauses/AM/03-kept.md': '## 3 Kept\n\n**3.1** {from="OLD 5.1"} A Widget is kept.\n\n**3.2** {from="OLD 5.2"} A Widget is logged.\n',
};

ruleTester(invalidDirective, {
  valid: [
    {
      name: 'known directives with known documents and good arguments',
      files: {
        'documents/AM.md': AM,
        'documents/CON-T.md': paper('# Summary\n\nText at 17:00.\n\n::retention-table{from=AM}\n\n::impact{doc=AM in=baseline}\n\n::impact{doc=AM on=2031-01-01}\n\n::changes{doc=AM}\n\n::how-to-respond\n'),
      },
    },
    {
      name: 'a retention table ordered by a term, a bare clause number and a clause with its code',
      files: { ...retained, 'documents/CON-T.md': paper('# Summary\n\n::retention-table{from=OLD order="OLD 5.2; Widget; 5.1"}\n') },
    },
  ],
  invalid: [
    {
      name: 'a retention table whose order names nothing retained (a misspelt term, a clause not retained)',
      files: { ...retained, 'documents/CON-T.md': paper('# Summary\n\nThe table:\n\n::retention-table{from=OLD order="5.1; Widgett; 5.9"}\n') },
      errors: [
        { file: 'documents/CON-T.md', line: 12, column: 1, message: /`order` names `Widgett`, which is no term or clause retained from OLD .*did you mean `Widget`\?/ },
        { file: 'documents/CON-T.md', line: 12, column: 1, message: /`order` names `5\.9`, which is no term or clause retained from OLD/ },
      ],
    },
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
