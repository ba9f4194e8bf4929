import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { missingFootnote } from './missing-footnote.js';

const QX = { 'documents/QX.md': manifest('QX') };
const paper = (body: string) => `---\nkind: consultation\nid: CON-Q\ntitle: A footnoted consultation\ndate: 2025-03-01\nrespond-to: replies@example.org\n---\n${body}`;

ruleTester(missingFootnote, {
  valid: [
    {
      name: 'every call has its text, in clauses, definitions and a paper; brackets that are not calls',
      files: {
        ...QX,
        'clauses/QX/01-a.md': '## 1 Scope\n\n**1.1** A rule[^src] with [^ spaced] brackets and `[^code]`.\n\n[^src]: Where it came from.\n',
        'definitions/QX.md': definitions('QX', '**Widget** means a thing[^w].\n\n[^w]: A note.\n'),
        'documents/CON-Q.md': paper('# Summary\n\nWe propose[^p] a change.\n\n[^p]: Why.\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'calls with no text in a clause file, a definitions file and a paper',
      files: {
        ...QX,
        'clauses/QX/01-a.md': '## 1 Scope\n\n**1.1** A rule[^zz] here.\n\n- (a) and a list[^yy]\n',
        'definitions/QX.md': definitions('QX', '**Widget** means a thing[^w].\n'),
        'documents/CON-Q.md': paper('# Summary\n\nWe propose[^p] a change.\n'),
      },
      errors: [
        { file: 'clauses/QX/01-a.md', line: 3, column: 15, message: /footnote \[\^zz\] has no `\[\^zz\]: …` text/ },
        { file: 'clauses/QX/01-a.md', line: 5, column: 17, message: /\[\^yy\]/ },
        { file: 'definitions/QX.md', line: 4, column: 25, message: /\[\^w\]/ },
        { file: 'documents/CON-Q.md', line: 10, column: 11, message: /\[\^p\]/ },
      ],
    },
  ],
});
