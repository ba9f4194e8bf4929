/** Bad input of every kind in one root: each file gets a located diagnostic, the rest is still checked, exit 1, no stack trace. */
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './cliHarness.js';
import { cleanRoots, definitions, manifest, writeRoot } from './ruleTester.js';

afterAll(cleanRoots);

describe('bad input', () => {
  it('is reported file by file while the rest of the corpus is checked', async () => {
    const root = await writeRoot({
      'documents/AL.md': manifest('AL', { until: '2025-12-31' }),
      'documents/AM.md': manifest('AM'),
      'documents/BAD.md': '---\nid: BAD\ntitle: [unclosed\n---\n',
      'documents/DT.md': '---\nid: DT\nin-force:\n  until: 2025-02-29\n---\n',
      'documents/KY.md': '---\nid: KY\ncolour: blue\nsections: [../../outside.md]\n---\n',
      'documents/EM.md': '',
      'definitions/EM.md': '',
      'definitions/AL.md': definitions('AL', '**Requesting Party** means a party.\n'),
      'clauses/AL/01-a.md': '## 1 A\n\n**1.1** A Requesting Party.\n',
      'clauses/AM/01-bom.md': '\uFEFF## 1 A\r\n\r\n**1.1** {kind=duty} Each Requesting Party.\r\n',
      'clauses/AM/02-latin1.md': Buffer.concat([Buffer.from('## 2 B\n\n**2.1** Caf'), Buffer.from([0xe9, 0xff]), Buffer.from('.\n')]),
      'clauses/AM/03-deep.md': '## 3 C\n\n**3.1** Deep.\n\n' + '- '.repeat(10_000) + 'x\n',
      'clauses/AM/04-huge.md': '## 4 D\n\n' + 'lorem ipsum '.repeat(50 * 1024 * 1024 / 12),
      'clauses/AM/05-unclosed.md': '## 5 E\n\n**5.1** See [[AL 1.1 and more.\n',
      'clauses/AM/06-empty.md': '',
      'clauses/ZZ/01-a.md': '## 1 A\n',
    });
    const t = performance.now();
    const r = await run(['check', '--root', root, '--as-at', '2025-06-01', '--format', 'json', '--no-cache']);
    expect(performance.now() - t).toBeLessThan(20_000); // a guard against pathological inputs hanging the check, not a benchmark
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const found = (JSON.parse(r.out) as Array<{ file: string; line: number; column: number; code: string; message: string }>).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'documents/BAD.md:3:17 invalid-front-matter',
        'documents/DT.md:4:10 invalid-front-matter',
        'documents/KY.md:3:1 invalid-front-matter',
        'documents/KY.md:4:1 invalid-front-matter',
        'documents/EM.md:1:1 invalid-front-matter',
        'definitions/EM.md:1:1 invalid-front-matter',
        'clauses/AM/01-bom.md:3:15 invalid-attribute',
        'clauses/AM/01-bom.md:3:26 dangling-definition',
        'clauses/AM/02-latin1.md:3:12 unreadable-file',
        'clauses/AM/03-deep.md:5:1 unreadable-file',
        'clauses/AM/04-huge.md:1:1 unreadable-file',
        'clauses/AM/05-unclosed.md:3:13 unresolved-reference',
        'clauses/ZZ/01-a.md:1:1 unknown-document',
      ]),
    );
  }, 60_000);
});
