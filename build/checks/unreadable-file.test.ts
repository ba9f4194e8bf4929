import { ruleTester, manifest } from '../test/ruleTester.js';
import { unreadableFile } from './unreadable-file.js';

const bytes = (s: string, bad: number[]) => Buffer.concat([Buffer.from(s), Buffer.from(bad), Buffer.from(' tail\n')]);

ruleTester(unreadableFile, {
  valid: [{ name: 'UTF-8 with BOM and CRLF line ends', files: { 'documents/AM.md': '\uFEFF' + manifest('AM').replace(/\n/g, '\r\n'), 'clauses/AM/01-a.md': '\uFEFF## 1 A\r\n\r\n**1.1** Café “quoted”.\r\n' } }],
  invalid: [
    {
      name: 'Latin-1 bytes and a file over the size limit',
      files: {
        'documents/AM.md': manifest('AM'),
        'clauses/AM/01-a.md': bytes('## 1 A\n\n**1.1** Caf', [0xe9]),
        'clauses/AM/02-big.md': '## 2 B\n\n' + 'word '.repeat(3_500_000),
      },
      errors: [
        { file: 'clauses/AM/01-a.md', line: 3, column: 12, message: /not valid UTF-8/ },
        { file: 'clauses/AM/02-big.md', line: 1, column: 1, message: /files over 16 MB are not read/ },
      ],
    },
  ],
});
