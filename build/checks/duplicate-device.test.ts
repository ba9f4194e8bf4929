import { ruleTester, manifest } from '../test/ruleTester.js';
import { duplicateDevice } from './duplicate-device.js';

const head = 'manufacturer,device type,model,firmware,variations\n';
const clauses = '## 18 V\n\n**18.1** {kind=variation} One.\n\n**18.2** {kind=variation} Two.\n';

ruleTester(duplicateDevice, {
  valid: [
    {
      name: 'one model in two firmware versions, and one model of two device types',
      files: {
        'documents/AM.md': manifest('AM'),
        'clauses/AM/18-v.md': clauses,
        'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1\nAcme,ESME,M1,1.1,18.1\nAcme,GSME,M1,1.0,18.2\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a repeated device model, even with other case and spacing, in the second matrix of a document',
      files: {
        'documents/AM.md': manifest('AM'),
        'clauses/AM/18-v.md': clauses,
        'clauses/AM/annex-a.csv': `${head}Acme,ESME,M1,1.0,18.1\n`,
        'clauses/AM/annex-b.csv': `${head}Acme,ESME,M1,1.0,18.1\nBeta,ESME,B7,2,18.2\n"acme",esme, M1 ,1.0,18.2\n`,
      },
      errors: [{ file: 'clauses/AM/annex-b.csv', line: 4, column: 1, message: /AM Annex B \(acme esme M1 firmware 1\.0\) is already listed/, related: [{ file: 'clauses/AM/annex-b.csv', line: 2 }] }],
    },
  ],
});
