import { ruleTester, manifest, definitions } from '../test/ruleTester.js';
import { invalidFrontMatter } from './invalid-front-matter.js';

ruleTester(invalidFrontMatter, {
  valid: [
    { name: 'complete manifest and definitions header', files: { 'documents/AL.md': manifest('AL', { from: '2018-12-05', until: '2025-12-31' }), 'definitions/AL.md': definitions('AL', '') } },
    { name: 'a definitions file titles its list of terms', files: { 'documents/AL.md': manifest('AL'), 'definitions/AL.md': '---\ndocument: AL\ntitle: Defined Terms and Interpretations\n---\n' } },
    {
      name: 'a consultation with well-formed future-changes entries',
      files: { 'documents/AL.md': manifest('AL'), 'documents/CON-X.md': '---\nkind: consultation\nid: CON-X\ntitle: T\nversion: \"1.0\"\ndate: 2025-10-17\nfuture-changes:\n  - reference: AL\n    term: Widget\n    item: The term\n    comment: Later.\n---\n' },
    },
    { name: 'sections listing existing files', files: { 'documents/AL.md': '---\nid: AL\nsections: [02-b.md, 01-a.md]\n---\n', 'clauses/AL/01-a.md': '## 1 A\n', 'clauses/AL/02-b.md': '## 2 B\n' } },
  ],
  invalid: [
    {
      name: 'unknown key, impossible date, bad status, unquoted version',
      files: { 'documents/AL.md': '---\nid: AL\nversion: 29.0\nstatus: final\nin-force:\n  from: 2025-02-30\nowner: DCC\n---\n' },
      errors: [
        { file: 'documents/AL.md', line: 3, column: 1, message: /must be quoted/ },
        { file: 'documents/AL.md', line: 4, column: 1, message: /`status` must be one of/ },
        { file: 'documents/AL.md', line: 6, column: 9, message: /not `2025-02-30`/ },
        { file: 'documents/AL.md', line: 7, column: 1, message: /unknown key `owner` \(allowed: [^;]*\)$/ },
      ],
    },
    {
      name: 'a consultation key with an underscore for its hyphen is matched to the nearest key',
      files: { 'documents/AM.md': '---\nid: AM\ntitle: Doc AM\nversion: "1.0"\nstatus: designated\n---\n', 'documents/CON-R.md': '---\nkind: consultation\nid: CON-R\ntitle: A consultation\ndate: 2025-03-01\nrespond_to: answers@example.org\n---\n# Summary\n\nText.\n' },
      errors: [{ file: 'documents/CON-R.md', line: 6, column: 1, message: /unknown key `respond_to` \(allowed: .*\); did you mean `respond-to`\?$/ }],
    },
    {
      name: 'malformed YAML, missing front matter, wrong id, from after until',
      files: {
        'documents/A.md': '---\nid: [A\n---\n',
        'documents/AC.md': '# no front matter\n',
        'documents/AM.md': '---\nid: AX\n---\n',
        'documents/AN.md': '---\nid: AN\nin-force:\n  from: 2026-01-01\n  until: 2025-01-01\n---\n',
      },
      errors: [
        { file: 'documents/A.md', line: 2, column: 7, message: /malformed YAML/ },
        { file: 'documents/AC.md', line: 1, column: 1, message: /needs YAML front matter/ },
        { file: 'documents/AM.md', line: 2, column: 1, message: /does not match the file name/ },
        { file: 'documents/AN.md', line: 3, column: 1, message: /is after `until`/ },
      ],
    },
    {
      name: 'sections entry outside the content root is refused; missing entries and definition headers are reported',
      files: {
        'documents/AL.md': '---\nid: AL\nsections:\n  - ../../../etc/passwd\n  - 09-missing.md\n---\n',
        'definitions/AL.md': '---\ndocument: AM\n---\n',
      },
      errors: [
        { file: 'definitions/AL.md', line: 2, column: 1, message: /does not match the file name/ },
        { file: 'documents/AL.md', line: 3, column: 1, message: /points outside clauses\/AL\/ and is refused/ },
        { file: 'documents/AL.md', line: 3, column: 1, message: /09-missing\.md, which does not exist/ },
      ],
    },
    {
      name: 'future-changes: not a list, unknown keys, missing fields, a reference without a document, a term beside a clause',
      files: {
        'documents/CON-X.md': '---\nkind: consultation\nid: CON-X\ntitle: T\nversion: \"1.0\"\ndate: 2025-10-17\nfuture-changes:\n  - reference: 7.2\n    item: a\n    comment: b\n  - reference: AL 7.2\n    term: Widget\n    item: a\n    comment: b\n  - reference: AL\n    note: x\n  - just text\n---\n',
        'documents/CON-Y.md': '---\nkind: consultation\nid: CON-X\ntitle: T\nversion: \"1.0\"\ndate: 2025-10-17\nfuture-changes: AL\n---\n'.replace('CON-X', 'CON-Y'),
      },
      errors: [
        { file: 'documents/CON-X.md', line: 8, column: 16, message: /must name a document/ },
        { file: 'documents/CON-X.md', line: 12, column: 11, message: /`future-changes\.term` goes with a whole-document `reference`/ },
        { file: 'documents/CON-X.md', line: 15, column: 5, message: /needs `item` and `comment`/ },
        { file: 'documents/CON-X.md', line: 16, column: 5, message: /unknown key `future-changes\.note`/ },
        { file: 'documents/CON-X.md', line: 17, column: 5, message: /must be a mapping/ },
        { file: 'documents/CON-Y.md', line: 7, column: 1, message: /must be a list/ },
      ],
    },
  ],
});
