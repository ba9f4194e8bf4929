/**
 * `check --watch` against the real file system: files are edited in a temporary root and the test waits for the
 * re-check each edit causes. Timeouts are generous and nothing asserts on time: file events arrive when the
 * operating system delivers them.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../model/dates.js';
import type { Io } from './io.js';
import { run } from '../test/cliHarness.js';
import type { RecheckResult } from '../watch/session.js';
import { watchCheck } from './watchCheck.js';

const FIXTURE = join(import.meta.dirname, '..', 'test', 'fixtures', 'before-retention');
const roots: string[] = [];

afterAll(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

/** A running `check --watch` on a copy of the fixture, with its output and a way to wait for the next re-check. */
async function start(): Promise<{ root: string; out: string[]; next: (edit: () => Promise<void>) => Promise<RecheckResult>; stop: () => Promise<number> }> {
  const root = await mkdtemp(join(tmpdir(), 'regmark-watch-fs-'));
  roots.push(root);
  for (const folder of ['documents', 'clauses', 'definitions']) await cp(join(FIXTURE, folder), join(root, folder), { recursive: true });
  const out: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void out.push(t), color: false };
  const controller = new AbortController();
  const waiting: Array<(r: RecheckResult) => void> = [];
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = watchCheck(root, { ...io, out: (t) => (out.push(t), t.startsWith('watching') && ready()) }, {
    asAt: '2025-10-17' as IsoDate,
    format: 'text',
    signal: controller.signal,
    debounceMs: 50,
    onRecheck: (r) => waiting.shift()?.(r),
  });
  await started;
  return {
    root,
    out,
    next: async (edit) => {
      const result = new Promise<RecheckResult>((resolve) => waiting.push(resolve));
      await edit();
      return result;
    },
    stop: async () => {
      controller.abort();
      return done;
    },
  };
}

describe('check --watch', () => {
  it('reports the first check, then only what each save changes', async () => {
    const w = await start();
    // 19 of the references are the variations cells of the fixture's device matrix (clauses/AM/annex-a.csv).
    expect(w.out.join('\n')).toContain('checked 4 documents, 74 clauses, 41 definitions, 351 term uses, 49 references as at 2025-10-17: 11 errors, 0 warnings');
    const am13 = join(w.root, 'clauses/AM/13-pre-migration-configuration.md');

    // An ordinary save: one use of GroupID becomes a use of Group.
    let r = await w.next(async () => writeFile(am13, (await readFile(am13, 'utf8')).replace('looking up the GroupID recorded', 'looking up the Group ID recorded')));
    expect(r.changed).toEqual(['clauses/AM/13-pre-migration-configuration.md']);
    expect(r.added.map((d) => d.message)).toEqual([expect.stringMatching(/AM 13.2 uses "Group"/)]);
    expect(r.fixed.map((d) => d.message)).toEqual([expect.stringMatching(/AM 13.2 uses "GroupID"/)]);
    expect(w.out.join('\n')).toMatch(/clauses\/AM\/13-pre-migration-configuration\.md changed, re-checked in \d+ ms: 1 new, 1 fixed; now 11 errors, 0 warnings/);
    expect(w.out.join('\n')).toContain('  fixed  clauses/AM/13-pre-migration-configuration.md:5:169  dangling-definition');

    // An editor's atomic save (write a temporary file, rename it over the original), then a save after it.
    r = await w.next(async () => {
      await writeFile(am13 + '.tmp', (await readFile(am13, 'utf8')).replace('Group ID', 'GroupID'));
      await rename(am13 + '.tmp', am13);
    });
    expect(r.fixed).toHaveLength(1);
    r = await w.next(async () => writeFile(am13, (await readFile(am13, 'utf8')) + '\n**13.5** See [[AL 9.9]].\n'));
    expect(r.added.map((d) => d.code)).toEqual(['unresolved-reference']);

    // Carrying the definitions into AM fixes the dangling uses in AM.
    const amDefs = join(w.root, 'definitions/AM.md');
    r = await w.next(async () => {
      const al = await readFile(join(w.root, 'definitions/AL.md'), 'utf8');
      const pick = (term: string) => al.split('\n\n').find((p) => p.startsWith(`**${term}**`))!.replace(/^(\*\*[^*]+\*\*)/, '$1 {from="AL"}');
      await writeFile(amDefs, (await readFile(amDefs, 'utf8')) + '\n' + ['Group', 'Group Device Model Combination List', 'GroupID'].map(pick).join('\n\n') + '\n');
    });
    expect(r.fixed.map((d) => d.code)).toEqual(Array(5).fill('dangling-definition'));
    expect(r.added).toEqual([]);

    // A new document folder and file, then the file deleted.
    r = await w.next(async () => {
      await mkdir(join(w.root, 'clauses/ZZ'));
      await writeFile(join(w.root, 'clauses/ZZ/01-x.md'), '## 1 X\n\n**1.1** Text.\n');
    });
    expect(r.added.map((d) => d.code)).toEqual(['unknown-document']);
    r = await w.next(async () => unlink(join(w.root, 'clauses/ZZ/01-x.md')));
    expect(r.fixed.map((d) => d.code)).toEqual(['unknown-document']);

    expect(await w.stop()).toBe(0);
  }, 60_000);

  it('ignores files that are not sources (editor swap files, temporary files)', async () => {
    const w = await start();
    const seen: RecheckResult[] = [];
    const r = await w.next(async () => {
      await writeFile(join(w.root, 'clauses/AM/.13-pre-migration-configuration.md.swp'), 'x');
      await writeFile(join(w.root, 'clauses/AM/notes.txt'), 'x');
      // A real change after them, so the test knows the events have been seen.
      await writeFile(join(w.root, 'clauses/AM/01-general.md'), (await readFile(join(w.root, 'clauses/AM/01-general.md'), 'utf8')) + '\n**1.9** More.\n');
    });
    seen.push(r);
    expect(seen.flatMap((x) => x.changed)).toEqual(['clauses/AM/01-general.md']);
    expect(await w.stop()).toBe(0);
  }, 60_000);

  it('refuses formats it cannot stream', async () => {
    const r = await run(['check', '--watch', '--format', 'sarif', '--root', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--watch prints text or json');
  });
});
