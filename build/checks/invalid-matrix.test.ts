import { ruleTester, manifest } from '../test/ruleTester.js';
import { invalidMatrix } from './invalid-matrix.js';

const head = 'manufacturer,device type,model,firmware,variations\n';
const base = { 'documents/AM.md': manifest('AM'), 'clauses/AM/18-v.md': '## 18 V\n\n**18.1** {kind=variation} One.\n' };

ruleTester(invalidMatrix, {
  valid: [
    {
      name: 'quoted cells with commas and doubled quotes, extra columns in any order, CRLF lines, a blank line',
      files: { ...base, 'clauses/AM/annex-a-dmvesm.csv': 'notes,variations,firmware,model,device type,manufacturer\r\n"Seen ""twice"", once",18.1,1.0,"M1, rev B",ESME,Acme\r\n\r\n,,2.0,M1,ESME,Acme\r\n' },
    },
  ],
  invalid: [
    {
      name: 'a file not named for an annex',
      files: { ...base, 'clauses/AM/devices.csv': head },
      errors: [{ file: 'clauses/AM/devices.csv', line: 1, column: 1, message: /named annex-<letter>\.csv/ }],
    },
    {
      name: 'a header without a needed column',
      files: { ...base, 'clauses/AM/annex-a.csv': 'manufacturer,model,firmware,variations\nAcme,M1,1,18.1\n' },
      errors: [{ file: 'clauses/AM/annex-a.csv', line: 1, column: 1, message: /no column `device type` .*is not read$/ }],
    },
    {
      name: 'a misspelt column: the caret at that cell, and the nearest name suggested',
      files: { ...base, 'clauses/AM/annex-a.csv': 'Manufacturer,Device Type,Model,Firmwre,Variations\nAcme,ESME,M1,1,18.1\n' },
      errors: [{ file: 'clauses/AM/annex-a.csv', line: 1, column: 32, message: /no column `firmware` .*; did you mean `firmware` for `Firmwre`\?$/ }],
    },
    {
      name: 'short rows, empty identity cells, bad clause lists, stray text after quotes and an unclosed quote',
      files: {
        ...base,
        'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1\n,ESME,M2,1,18.1\nAcme,ESME,M3,1,18.1; see above; AL 7.2\nAcme,"ESME"x,M4,1,18.1\nAcme,ESME,M5,1,"18.1\n`,
      },
      errors: [
        { file: 'clauses/AM/annex-a.csv', line: 2, column: 1, message: /this row has 3 cells; the header has 5/ },
        { file: 'clauses/AM/annex-a.csv', line: 3, column: 1, message: /the manufacturer cell is empty/ },
        { file: 'clauses/AM/annex-a.csv', line: 4, column: 22, message: /`see above` is not a clause number/ },
        { file: 'clauses/AM/annex-a.csv', line: 4, column: 33, message: /`AL 7\.2` names a clause of AL/ },
        { file: 'clauses/AM/annex-a.csv', line: 5, column: 12, message: /text after a quoted cell/ },
        { file: 'clauses/AM/annex-a.csv', line: 6, column: 16, message: /never closed/ },
      ],
    },
  ],
});
