/** Discovery lists a root's sources in one fixed order, whatever order the folders are read in. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverSources } from './discover.js';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function root(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'regmark-discover-'));
  roots.push(dir);
  for (const f of files) {
    await mkdir(dirname(join(dir, f)), { recursive: true });
    await writeFile(join(dir, f), '');
  }
  return dir;
}

describe('discoverSources', () => {
  it('lists manifests, then each document folder’s clause files and matrices by name, then definitions', async () => {
    const dir = await root([
      'definitions/ZB.md',
      'definitions/AA.md',
      'clauses/ZB/02-second.md',
      'clauses/ZB/01-first.md',
      'clauses/ZB/annex-a.csv',
      'clauses/ZB/.hidden.md',
      'clauses/ZB/notes.txt',
      'clauses/ZB/nested/03-ignored.md',
      'clauses/AA/10-ten.md',
      'clauses/AA/09-nine.md',
      'clauses/stray.md',
      'documents/ZB.md',
      'documents/AA.md',
      'outside/XX.md',
    ]);
    // A linked folder counts as the folder it points at.
    await mkdir(join(dir, 'elsewhere/MM'), { recursive: true });
    await writeFile(join(dir, 'elsewhere/MM/01-linked.md'), '');
    await symlink(join(dir, 'elsewhere/MM'), join(dir, 'clauses/MM'));
    expect((await discoverSources(dir)).map((r) => `${r.role} ${r.doc} ${r.path}`)).toEqual([
      'manifest AA documents/AA.md',
      'manifest ZB documents/ZB.md',
      'clauses AA clauses/AA/09-nine.md',
      'clauses AA clauses/AA/10-ten.md',
      'clauses MM clauses/MM/01-linked.md',
      'clauses ZB clauses/ZB/01-first.md',
      'clauses ZB clauses/ZB/02-second.md',
      'matrix ZB clauses/ZB/annex-a.csv',
      'definitions AA definitions/AA.md',
      'definitions ZB definitions/ZB.md',
    ]);
  });

  it('gives an empty list for a root without the content folders', async () => {
    expect(await discoverSources(await root(['README.md']))).toEqual([]);
  });
});
