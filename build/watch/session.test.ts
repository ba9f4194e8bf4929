/** A watch session's re-check must report exactly what a fresh `check` would, whichever path it takes. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDiagnostics, copyOfFixture, EDIT_SNIPPETS, tableChangingEdits } from '../test/sameAsFresh.js';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import { discoverSources } from '../parse/discover.js';
import { createWatchSession, type WatchSession } from './session.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/before-retention');
const AS_AT = '2025-10-17' as IsoDate;
const SCALE = Number(process.env.REGMARK_FC_SCALE ?? 1);
const roots: string[] = [];

const copyOf = (source: string) => copyOfFixture(source, roots, 'regmark-watch-');
const canonical = canonicalDiagnostics;

async function fresh(root: string): Promise<string[]> {
  return canonical(runChecks(await loadCorpus(root, { workers: 0, asAt: AS_AT }), AS_AT));
}

async function expectSameAsFresh(session: WatchSession, root: string): Promise<void> {
  expect(canonical(session.diagnostics)).toEqual(await fresh(root));
}

/** A session on a fresh copy of the fixture, after one file was saved with `from` replaced by `to`. */
async function sessionAfterEdit(path: string, from: string, to: string) {
  const root = await copyOf(FIXTURE);
  const session = await createWatchSession(root, { asAt: AS_AT });
  const text = await readFile(join(root, path), 'utf8');
  await writeFile(join(root, path), text.replace(from, to));
  return { root, session, result: await session.recheck([join(root, path)]) };
}

afterAll(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

describe('WatchSession', () => {
  it('starts with the diagnostics of a full check', async () => {
    const root = await copyOf(FIXTURE);
    const session = await createWatchSession(root, { asAt: AS_AT });
    await expectSameAsFresh(session, root);
    // What the fixture is documented to hold: the five AL-only terms dangle once AL leaves force, and nothing else.
    expect(new Set(session.diagnostics.map((d) => `${d.code} ${d.date}`))).toEqual(new Set(['dangling-definition 2026-01-01']));
    expect([...new Set(session.diagnostics.map((d) => /uses "([^"]+)"/.exec(d.message)?.[1]))].sort()).toEqual(['Group', 'Group Device Model Combination List', 'GroupID', 'SMETS1 CAD', 'SMETS1 PPMID']);
  });

  it('starts from the term matches a cached check left, and re-checks on both paths as a fresh check does', async () => {
    const root = await copyOf(FIXTURE);
    const cacheDir = await mkdtemp(join(tmpdir(), 'regmark-watch-cache-'));
    roots.push(cacheDir);
    const checked = await loadCorpus(root, { workers: 0, asAt: AS_AT, cacheDir });
    const session = await createWatchSession(root, { asAt: AS_AT, cacheDir });
    expect(session.corpus.uses).toEqual(checked.uses);
    await expectSameAsFresh(session, root);
    const path = 'clauses/AM/13-pre-migration-configuration.md';
    const text = await readFile(join(root, path), 'utf8');
    await writeFile(join(root, path), text.replace('looking up the GroupID recorded', 'looking up the Group ID recorded'));
    await session.recheck([path]);
    expect(session.lastPath).toBe('local');
    await expectSameAsFresh(session, root);
    await writeFile(join(root, path), `${text.trimEnd()}\n\n**13.99** The GroupID is kept.\n`);
    await session.recheck([path]);
    expect(session.lastPath).toBe('full');
    await expectSameAsFresh(session, root);
    await session.close();
  });

  it('re-checks a text edit on the fast path and reports only what changed', async () => {
    const path = 'clauses/AM/13-pre-migration-configuration.md';
    const { root, session, result: r } = await sessionAfterEdit(path, 'looking up the GroupID recorded', 'looking up the Group ID recorded');
    expect(session.lastPath).toBe('local');
    expect(r.changed).toEqual([path]);
    expect(r.reparsed).toEqual([path]);
    expect(r.added.map((d) => d.message)).toEqual([expect.stringMatching(/^AM 13.2 uses "Group",/)]);
    expect(r.fixed.map((d) => d.message)).toEqual([expect.stringMatching(/^AM 13.2 uses "GroupID",/)]);
    await expectSameAsFresh(session, root);
    // Nothing changed on disk: nothing to report.
    const again = await session.recheck([path, join(root, path)]);
    expect(again.changed).toEqual([]);
    expect(again.added).toEqual([]);
  });

  it('re-checks a saved device matrix in full: a new cell is checked, a dropped variation warned about', async () => {
    const path = 'clauses/AM/annex-a.csv';
    const { root, session, result: r } = await sessionAfterEdit(path, '18.17b; 18.17k', '18.17b; 18.17z');
    expect(session.lastPath).toBe('full');
    expect(r.changed).toEqual([path]);
    expect(r.added.map((d) => `${d.code} ${d.file}:${d.line}`).sort()).toEqual(['unmatched-variation clauses/AM/18-device-behaviour-variations.md:29', `unresolved-reference ${path}:2`]);
    await expectSameAsFresh(session, root);
  });

  it('moves related locations with the text of a changed definitions file', async () => {
    const root = await copyOf(FIXTURE);
    const session = await createWatchSession(root, { asAt: AS_AT });
    const path = 'definitions/AL.md';
    const text = await readFile(join(root, path), 'utf8');
    await writeFile(join(root, path), text.replace('---\n**Commissioning Party**', '---\n## C\n\nA new line.\n\n**Commissioning Party**'));
    const r = await session.recheck([path]);
    expect(session.lastPath).toBe('local');
    expect(r.added).toEqual([]);
    await expectSameAsFresh(session, root);
  });

  it('takes the full path for changes to the symbol tables, with the same result as a fresh check', async () => {
    const root = await copyOf(FIXTURE);
    const session = await createWatchSession(root, { asAt: AS_AT });
    const steps = tableChangingEdits(root);
    for (const [what, step] of steps) {
      await step();
      await session.recheck((await discoverSources(root)).map((r) => r.path).concat('clauses/AC/13-definitions.md'));
      expect(session.lastPath, what).toBe('full');
      await expectSameAsFresh(session, root);
    }
  });

  it('reports the same as a fresh check after any sequence of text edits (fast-check)', async () => {
    const root = await copyOf(FIXTURE);
    const refs = (await discoverSources(root)).filter((r) => r.role !== 'manifest');
    const originals = new Map(await Promise.all(refs.map(async (r) => [r.path, await readFile(join(root, r.path), 'utf8')] as const)));
    const session = await createWatchSession(root, { asAt: AS_AT });
    const paths = { local: 0, full: 0 };
    const snippets = EDIT_SNIPPETS;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(refs.length - 1), fc.nat(1_000_000), fc.constantFrom(...snippets), fc.nat(30)), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          try {
            for (const [index, at, insert, remove] of edits) {
              const path = refs[index]!.path;
              const text = await readFile(join(root, path), 'utf8');
              const i = at % (text.length + 1);
              await writeFile(join(root, path), text.slice(0, i) + insert + text.slice(Math.min(text.length, i + (insert ? 0 : remove))));
              const r = await session.recheck([path]);
              if (r.changed.length) paths[session.lastPath!]++;
              await expectSameAsFresh(session, root);
            }
          } finally {
            for (const [path, text] of originals) await writeFile(join(root, path), text);
            await session.recheck([...originals.keys()]);
          }
        },
      ),
      { numRuns: Math.round(25 * SCALE) },
    );
    // The mix of paths depends on the random edits; the cases above pin which edit takes which path, and this only
    // makes sure the property reached both.
    expect(paths.local).toBeGreaterThan(0);
    expect(paths.full).toBeGreaterThan(0);
  }, 300_000 * SCALE);
});
