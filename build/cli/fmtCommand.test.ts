import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../test/cliHarness.js';
import { cleanRoots, definitions, manifest, writeRoot } from '../test/ruleTester.js';

const CANONICAL_ROOT = join(import.meta.dirname, '../test/fixtures/consultation');
const MESSY = '## 7 A\n\n**7.2**  {kind=obligation  from="AL 3.1"}  See [[AL 7.9A – 7.9D]].\n\n| a | b |\n|---|---|\n| long cell | x |\n';
const CANONICAL = '## 7 A\n\n**7.2** {from="AL 3.1" kind=obligation} See [[AL 7.9A-7.9D]].\n\n| a         | b |\n| --------- | - |\n| long cell | x |\n';

async function tree(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await tree(root, path)));
    else out.push(path);
  }
  return out.sort();
}

describe('regmark fmt', () => {
  afterAll(cleanRoots);

  it('--check passes a content root that is in canonical form', async () => {
    const r = await run(['fmt', '--check', '--root', CANONICAL_ROOT]);
    expect(r.out).toMatch(/fmt --check: \d+ files already canonical/);
    expect(r.code).toBe(0);
  });

  it('--check lists the files that would change, exits 1 and writes nothing', async () => {
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/07-a.md': MESSY, 'clauses/AL/08-b.md': '## 8 B\n\n**8.1** Fine.\n' });
    const r = await run(['fmt', '--check', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('would reformat clauses/AL/07-a.md');
    expect(r.out).not.toContain('08-b.md');
    expect(r.out).toContain('fmt --check: 1 file of 3 would be reformatted');
    expect(await readFile(join(root, 'clauses/AL/07-a.md'), 'utf8')).toBe(MESSY);
  });

  it('leaves a device matrix (CSV) as written and does not count it', async () => {
    const csv = 'Manufacturer,Device Type,Model,Firmware,Variations\n  Acme ,ESME,M1,1.0,  8.1 \n';
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/08-b.md': '## 8 B\n\n**8.1** {kind=variation} Fine.\n', 'clauses/AL/annex-a.csv': csv });
    const r = await run(['fmt', '--root', root]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('0 files formatted, 2 already canonical');
    expect(await readFile(join(root, 'clauses/AL/annex-a.csv'), 'utf8')).toBe(csv);
  });

  it('--diff shows the change', async () => {
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/07-a.md': MESSY });
    const r = await run(['fmt', '--check', '--diff', '--root', root]);
    expect(r.out).toContain('-**7.2**  {kind=obligation  from="AL 3.1"}  See [[AL 7.9A – 7.9D]].');
    expect(r.out).toContain('+**7.2** {from="AL 3.1" kind=obligation} See [[AL 7.9A-7.9D]].');
  });

  it('rewrites in place, leaves no temporary file, and a second run changes nothing', async () => {
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/07-a.md': MESSY, 'definitions/AL.md': definitions('AL', '**Term** {from=AM plural="Terms"}  means x.\n') });
    const before = await tree(root);
    const r = await run(['fmt', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('formatted clauses/AL/07-a.md');
    expect(r.out).toContain('formatted definitions/AL.md');
    expect(await readFile(join(root, 'clauses/AL/07-a.md'), 'utf8')).toBe(CANONICAL);
    expect(await readFile(join(root, 'definitions/AL.md'), 'utf8')).toBe('---\ndocument: AL\n---\n**Term** {plural="Terms" from="AM"} means x.\n');
    expect(await tree(root)).toEqual(before);
    const again = await run(['fmt', '--check', '--root', root]);
    expect(again.code).toBe(0);
  });

  it('formats only the paths given (files or folders)', async () => {
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/07-a.md': MESSY, 'clauses/AL/08-b.md': MESSY.replace(/7/g, '8') });
    const r = await run(['fmt', join(root, 'clauses/AL/08-b.md'), '--root', root]);
    expect(r.out).toContain('formatted clauses/AL/08-b.md');
    expect(await readFile(join(root, 'clauses/AL/07-a.md'), 'utf8')).toBe(MESSY);
    const folder = await run(['fmt', join(root, 'clauses'), '--root', root]);
    expect(folder.out).toContain('formatted clauses/AL/07-a.md');
  });

  it('leaves a file that does not parse cleanly untouched, reports it and exits 1', async () => {
    const bad = '## 7 A\n\n**7.2**  {frm="AL 3.1"} Text.\n';
    const root = await writeRoot({ 'documents/AL.md': manifest('AL'), 'clauses/AL/07-a.md': bad, 'clauses/AL/08-b.md': MESSY.replace(/7/g, '8') });
    const r = await run(['fmt', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('clauses/AL/07-a.md:3:11  not formatted: invalid-attribute');
    expect(r.out).toContain('formatted clauses/AL/08-b.md');
    expect(r.out).toContain('1 file left untouched');
    expect(await readFile(join(root, 'clauses/AL/07-a.md'), 'utf8')).toBe(bad);
  });

  it('refuses paths that are not sources of the root', async () => {
    const root = await writeRoot({ 'documents/AL.md': manifest('AL') });
    const r = await run(['fmt', join(root, 'README.md'), '--root', root]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a source file of the content root/);
    expect((await run(['fmt', '/', '--root', root])).code).toBe(2);
  });
});
