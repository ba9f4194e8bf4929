import { ruleTester, manifest } from '../test/ruleTester.js';
import { expiredReference } from './expired-reference.js';

const base = {
  'documents/AL.md': manifest('AL', { from: '2018-12-05', until: '2025-12-31' }),
  'documents/AM.md': manifest('AM', { from: '2019-06-21' }),
  'clauses/AL/07-a.md': '## 7 A\n\n**7.2** Text.\n\n**7.3** See [[7.2]] and [[AM 1.1]]. {not attributes}\n',
};

ruleTester(expiredReference, {
  valid: [
    { name: 'references within the expiring document, and from a clause that ends with it', files: { ...base, 'clauses/AM/01-a.md': '## 1 A\n\n**1.1** {in-force-until=2025-12-31} See [[AL 7.2]].\n' }, asAt: '2019-07-01' },
  ],
  invalid: [
    {
      name: 'a clause that stays in force cites a clause, a range end and a whole document that expire',
      asAt: '2025-10-17',
      files: { ...base, 'clauses/AM/01-a.md': '## 1 A\n\n**1.1** See [[AL 7.2]], [[AL 7.2-7.3]] and [[AL]].\n' },
      errors: [
        { file: 'clauses/AM/01-a.md', line: 3, column: 13, date: '2026-01-01', message: /refers to AL 7\.2 \(\[\[AL 7\.2\]\]\), which is not in force on 2026-01-01; retain it into a document that stays in force, cite a provision that does, or accept the risk/, related: [{ file: 'clauses/AL/07-a.md', line: 3 }] },
        { file: 'clauses/AM/01-a.md', line: 3, column: 25, date: '2026-01-01', message: /AL 7\.2 and AL 7\.3 \(\[\[AL 7\.2-7\.3\]\]\), which are not in force on 2026-01-01; retain them/ },
        { file: 'clauses/AM/01-a.md', line: 3, column: 44, date: '2026-01-01', message: /document AL/ },
      ],
    },
    {
      name: 'a device matrix row names a variation that leaves force while the matrix stays',
      asAt: '2025-10-17',
      files: {
        'documents/AM.md': manifest('AM', { from: '2019-06-21' }),
        'clauses/AM/05-v.md': '## 5 V\n\n**5.1** {kind=variation in-force-until=2025-12-31} Old behaviour.\n\n**5.2** {kind=variation} New behaviour.\n',
        'clauses/AM/annex-a.csv': 'manufacturer,device type,model,firmware,variations\nAcme,ESME,M1,1.0,5.2\nAcme,GSME,G2,2.0,"5.2; 5.1"\n',
      },
      errors: [{ file: 'clauses/AM/annex-a.csv', line: 3, column: 24, date: '2026-01-01', message: /AM Annex A \(Acme GSME G2 firmware 2\.0\) refers to AM 5\.1/ }],
    },
    {
      name: 'a clause that cites a later document before it starts',
      asAt: '2019-01-01',
      files: { ...base, 'clauses/AM/01-a.md': '## 1 A\n\n**1.1** Text.\n' },
      errors: [{ file: 'clauses/AL/07-a.md', line: 5, column: 25, date: '2019-01-01', message: /AL 7\.3 refers to AM 1\.1/ }],
    },
  ],
});
