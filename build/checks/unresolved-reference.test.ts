import { ruleTester, manifest } from '../test/ruleTester.js';
import { unresolvedReference } from './unresolved-reference.js';

const AM = manifest('AM');
ruleTester(unresolvedReference, {
  valid: [
    {
      name: 'every form of reference resolves',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** Text.\n\n- (a) first\n- (b) second\n\n**1.2** See [[1.1]], [[AM 1.1(b)]], [[AM 1]], [[AM]] and [[1.1|that clause]].\n',
        'clauses/AM/annex-a.csv': 'manufacturer,device type,model,firmware,variations\nAcme,ESME,M1,1.0,1.1; AM 1.2; 1.1-1.2\n',
      },
    },
  ],
  invalid: [
    {
      name: 'missing clause, unknown document, unclosed and malformed brackets',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** See [[1.9]] and [[ZZ 1.1]].\n\n**1.2** Broken [[1.1 here.\n\n**1.3** Odd [[hello world]].\n',
      },
      errors: [
        { file: 'clauses/AM/01-general.md', line: 3, column: 13, message: /AM has no clause, section or sub-paragraph 1\.9; did you mean AM 1\.1, AM 1\.2, AM 1\.3\?$/ },
        { file: 'clauses/AM/01-general.md', line: 3, column: 25, message: /no document `ZZ` \(no documents\/ZZ\.md\)$/ },
        { file: 'clauses/AM/01-general.md', line: 5, column: 16, message: /never closed/ },
        { file: 'clauses/AM/01-general.md', line: 7, column: 13, message: /not a reference/ },
      ],
    },
    {
      name: 'a device matrix cell names a clause its document does not have',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/18-v.md': '## 18 V\n\n**18.1** {kind=variation} Text.\n',
        'clauses/AM/annex-a-devices.csv': 'manufacturer,device type,model,firmware,variations\r\nAcme,ESME,M1,1.0,18.1; 18.9\r\n',
      },
      errors: [{ file: 'clauses/AM/annex-a-devices.csv', line: 2, column: 24, message: /AM has no clause, section or sub-paragraph 18\.9; did you mean AM 18\.1/ }],
    },
    {
      name: 'a consultation\'s future-changes name a missing clause and a term the document does not define',
      files: {
        'documents/AM.md': AM,
        'definitions/AM.md': '---\ndocument: AM\n---\n**Widget** means a thing.\n',
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** A Widget.\n',
        'documents/CON-X.md': '---\nkind: consultation\nid: CON-X\ntitle: T\nversion: "1.0"\ndate: 2025-10-17\nfuture-changes:\n  - reference: "AM 1.9"\n    item: a\n    comment: b\n  - reference: AM\n    term: Widgets\n    item: a\n    comment: b\n  - reference: AM 1.1\n    item: fine\n    comment: fine\n---\n',
      },
      errors: [
        { file: 'documents/CON-X.md', line: 8, column: 17, message: /AM has no clause, section or sub-paragraph 1\.9/ },
        { file: 'documents/CON-X.md', line: 11, column: 16, message: /AM does not define `Widgets`; did you mean `Widget`\?/ },
      ],
    },
    {
      name: 'escaped pipe in a table cell keeps exact columns',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** Table:\n\n| a | b |\n|---|---|\n| x | [[AM 9.9\\|gone]] |\n',
      },
      errors: [{ file: 'clauses/AM/01-general.md', line: 7, column: 7, message: /AM has no clause.*9\.9/ }],
    },
  ],
});

ruleTester(unresolvedReference, {
  valid: [
    {
      name: 'a consultation paper cites clauses and documents by their document',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** Text.\n',
        'documents/CON-T.md': '---\nkind: consultation\nid: CON-T\ntitle: T\ndate: 2025-03-01\nrespond-to: a@example.org\n---\n# Summary\n\nWe change [[AM 1.1]] of [[AM]].[^n]\n\n[^n]: See also [[AM 1]].\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a paper reference without its document, to a missing clause, to an unknown document, in a footnote and a table',
      files: {
        'documents/AM.md': AM,
        'clauses/AM/01-general.md': '## 1 General\n\n**1.1** Text.\n',
        'documents/CON-T.md': '---\nkind: consultation\nid: CON-T\ntitle: T\ndate: 2025-03-01\nrespond-to: a@example.org\n---\n# Summary\n\nWe change [[1.1]] and [[AM 9.9]].[^n]\n\n| a | b |\n|---|---|\n| x | [[ZZ 1]] |\n\n[^n]: See also [[AM 7]].\n',
      },
      errors: [
        { file: 'documents/CON-T.md', line: 10, column: 11, message: /a paper must name the document \(e\.g\. \[\[AM 1\.1\]\]\)/ },
        { file: 'documents/CON-T.md', line: 10, column: 23, message: /AM has no clause, section or sub-paragraph 9\.9/ },
        { file: 'documents/CON-T.md', line: 14, column: 7, message: /no document `ZZ`/ },
        { file: 'documents/CON-T.md', line: 16, column: 16, message: /AM has no clause, section or sub-paragraph 7/ },
      ],
    },
  ],
});
