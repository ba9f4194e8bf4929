/** The check index must give exactly what a fresh check gives, whichever path it takes, across processes. */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalDiagnostics, copyOfFixture, EDIT_SNIPPETS, tableChangingEdits } from '../test/sameAsFresh.js';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import { discoverSources } from '../parse/discover.js';
import { summariseCheck } from '../query/checkSummary.js';
import { checkWithIndex, corpusForDocuments, OFF_THREAD_BYTES } from './checkIndex.js';
import { StoredProvisionTable } from './storedTables.js';
import { decodeIndex } from './indexStore.js';
import { definitions, manifest, versionManifest, writeRoot } from '../test/ruleTester.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/before-retention');
const AS_AT = '2025-10-17' as IsoDate;
const SCALE = Number(process.env.REGMARK_FC_SCALE ?? 1);
const BIN = resolve(import.meta.dirname, '../../bin/regmark.js');
const roots: string[] = [];

const copyOf = (source: string) => copyOfFixture(source, roots, 'regmark-index-');
const canonical = canonicalDiagnostics;

async function fresh(root: string, asAt = AS_AT) {
  const corpus = await loadCorpus(root, { workers: 0, asAt });
  return { diagnostics: canonical(runChecks(corpus, asAt)), summary: summariseCheck(corpus) };
}

async function expectSameAsFresh(root: string, cacheDir: string, asAt = AS_AT) {
  const indexed = await checkWithIndex(root, { asAt, cacheDir });
  const expected = await fresh(root, asAt);
  expect(canonical(indexed.diagnostics)).toEqual(expected.diagnostics);
  expect(indexed.summary).toEqual(expected.summary);
  return indexed.path;
}

/**
 * The term matches the index's cache holds for the sources' texts are those a fresh scan finds: a build reads them
 * for its term links, so a re-check that moved them wrong would misplace links without changing a diagnostic.
 */
async function expectSameMatches(root: string, cacheDir: string) {
  const index = decodeIndex(await readFile(join(cacheDir, 'check-index.bin')))!;
  expect(index.termSet).toBeDefined();
  const freshDir = await mkdtemp(join(tmpdir(), 'regmark-matches-'));
  roots.push(freshDir);
  await loadCorpus(root, { workers: 0, asAt: AS_AT, cacheDir: freshDir });
  let compared = 0;
  for (const f of index.files) {
    const mine = join(cacheDir, 'uses', index.termSet!, `${f.key}.json`);
    if (!existsSync(mine)) continue;
    compared++;
    expect(JSON.parse(await readFile(mine, 'utf8')), f.path).toEqual(JSON.parse(await readFile(join(freshDir, 'uses', index.termSet!, `${f.key}.json`), 'utf8')));
  }
  return compared;
}

/** Files written long ago, one second apart: their metadata, not their content, tells the index they are unchanged. */
let clock = Date.UTC(2025, 0, 1) / 1000;
async function age(root: string, path: string): Promise<void> {
  clock += 1;
  await utimes(join(root, path), clock, clock);
}

async function setUp() {
  const root = await copyOf(FIXTURE);
  const cacheDir = join(root, '.regmark-cache');
  for (const ref of await discoverSources(root)) await age(root, ref.path);
  return { root, cacheDir };
}

afterAll(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

describe('check index', { timeout: 60_000 }, () => {
  it('answers from the index when nothing changed, and re-checks a text edit locally', async () => {
    const { root, cacheDir } = await setUp();
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    expect(existsSync(join(cacheDir, 'check-index.bin'))).toBe(true);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('unchanged');
    const path = 'clauses/AM/13-pre-migration-configuration.md';
    const text = await readFile(join(root, path), 'utf8');
    const parsedEntries = async () => (await readdir(cacheDir, { recursive: true })).filter((n) => /^[0-9a-f]{2}[\\/][0-9a-f]{64}\.json$/.test(n)).sort();
    const parsedBefore = await parsedEntries();
    await writeFile(join(root, path), text.replace('looking up the GroupID recorded', 'looking up the Group ID recorded'));
    await age(root, path);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
    // The edited text was parsed for the re-check alone: nothing was added to the parse cache.
    expect(await parsedEntries()).toEqual(parsedBefore);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('unchanged');
    // Back to what an earlier index held: the content key, not the metadata, decides.
    await writeFile(join(root, path), text);
    await age(root, path);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
    // One text and one shape per source, whatever was saved in between: the folder does not grow with each save.
    const sources = (await discoverSources(root)).length;
    for (const folder of ['texts', 'shapes']) expect((await readdir(join(cacheDir, folder), { recursive: true })).filter((n) => String(n).includes('.')), folder).toHaveLength(sources);
  });

  it('remembers, across local re-checks, a term use that left one file and came back', async () => {
    const { root, cacheDir } = await setUp();
    const path = 'clauses/AM/18-device-behaviour-variations.md';
    const other = 'clauses/AM/13-pre-migration-configuration.md';
    const text = await readFile(join(root, path), 'utf8');
    const otherText = await readFile(join(root, other), 'utf8');
    // The one use of "Equivalent Steps" in the corpus: taking it out leaves the definition unused.
    expect(text).toContain('has taken the Equivalent Steps.');
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    const edits: Array<[string, string]> = [
      [path, text.replace('has taken the Equivalent Steps.', 'has done what it can.')],
      [path, text],
      // An edit elsewhere: the use that came back must still be in the stored digest.
      [other, otherText.replace('looking up the GroupID recorded', 'looking up the Group ID recorded')],
      [path, text.replace('has taken the Equivalent Steps.', 'has done what it can.')],
    ];
    const unused: boolean[] = [];
    for (const [file, next] of edits) {
      await writeFile(join(root, file), next);
      await age(root, file);
      expect(await expectSameAsFresh(root, cacheDir), file).toBe('local');
      const { diagnostics } = await checkWithIndex(root, { asAt: AS_AT, cacheDir });
      unused.push(diagnostics.some((d) => d.code === 'unused-definition' && d.message.includes('"Equivalent Steps"')));
    }
    expect(unused).toEqual([true, false, false, true]);
  });

  it('re-checks a large edited file (parsed in a worker meanwhile) as a fresh check does', async () => {
    const { root, cacheDir } = await setUp();
    const path = 'clauses/AM/50-large.md';
    // Long clauses rather than many: the file must pass the worker threshold, and its size, not its clause count, does that.
    const filler = ' Each record so kept is to be available for inspection on reasonable notice, for as long as it is held.'.repeat(3);
    const clauses = Array.from({ length: 8_000 }, (_, i) => `**50.${i + 1}** The DCC shall keep the GroupID of each Group and see [[AL 7.9]].${filler}\n`).join('\n');
    await writeFile(join(root, path), `## 50 Large\n\n${clauses}`);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    const text = await readFile(join(root, path), 'utf8');
    expect(text.length).toBeGreaterThan(OFF_THREAD_BYTES);
    await writeFile(join(root, path), text.replace('**50.7** The DCC shall keep the GroupID', '**50.7** The DCC shall keep the Group ID'));
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
  }, 60_000);

  it('re-checks an edit without reading the clause files it does not look into, and in full when one it needs is gone', async () => {
    const root = await writeRoot({
      'documents/AX.md': manifest('AX', { until: '2025-12-31' }),
      'documents/AY.md': manifest('AY'),
      'clauses/AX/01-gone.md': '## 1 Gone\n\n**1.1** A clause that leaves force.\n\n**1.2** Another.\n',
      'clauses/AX/02-also.md': '## 2 Also\n\n**2.1** More text.\n',
      'clauses/AY/01-stays.md': '## 1 Stays\n\n**1.1** Plain text of its own.\n',
      'clauses/AY/02-cites.md': '## 2 Cites\n\n**2.1** Follows [[AX 2.1]].\n',
    });
    const cacheDir = join(root, '.regmark-cache');
    for (const ref of await discoverSources(root)) await age(root, ref.path);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    const index = decodeIndex(await readFile(join(cacheDir, 'check-index.bin')))!;
    const dropShape = async (path: string) => rm(join(cacheDir, 'shapes', index.files.find((f) => f.path === path)!.key.slice(0, 2), `${index.files.find((f) => f.path === path)!.key}.json`));
    // Neither AX file is looked into by an edit of text that cites nothing: their shapes are not read.
    await dropShape('clauses/AX/01-gone.md');
    await dropShape('clauses/AX/02-also.md');
    await writeFile(join(root, 'clauses/AY/01-stays.md'), '## 1 Stays\n\n**1.1** Plain text, reworded.\n');
    await age(root, 'clauses/AY/01-stays.md');
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
    // A citation of AX 2.1, which leaves force, is reported with the cited clause's place: its file is needed.
    await writeFile(join(root, 'clauses/AY/02-cites.md'), '## 2 Cites\n\n**2.1** Still follows [[AX 2.1]].\n');
    await age(root, 'clauses/AY/02-cites.md');
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
  });

  it('checks in full when the tables may change, a file comes or goes, or the date moves', async () => {
    const { root, cacheDir } = await setUp();
    await expectSameAsFresh(root, cacheDir);
    const steps = tableChangingEdits(root);
    for (const [what, step] of steps) {
      await step();
      expect(await expectSameAsFresh(root, cacheDir), what).toBe('full');
      expect(await expectSameAsFresh(root, cacheDir), `${what}, again`).toBe('unchanged');
    }
    expect(await checkWithIndex(root, { asAt: '2025-10-18' as IsoDate, cacheDir }).then((r) => r.path)).toBe('full');
  });

  it('survives a damaged index, and never reads through a link that leaves the root', async () => {
    const { root, cacheDir } = await setUp();
    await expectSameAsFresh(root, cacheDir);
    // One byte of the index changed, the index cut short, and an index of an earlier layout: each is no index.
    const written = await readFile(join(cacheDir, 'check-index.bin'));
    const damaged = Buffer.from(written);
    damaged[Math.floor(damaged.length / 2)]! ^= 0x20;
    await writeFile(join(cacheDir, 'check-index.bin'), damaged);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    const rewritten = await readFile(join(cacheDir, 'check-index.bin'));
    await writeFile(join(cacheDir, 'check-index.bin'), rewritten.subarray(0, rewritten.length - 9));
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    await rm(join(cacheDir, 'check-index.bin'));
    await writeFile(join(cacheDir, 'check-index.json'), '{"format": 1, "files": [');
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    expect(existsSync(join(cacheDir, 'check-index.json'))).toBe(false);
    // The text of a file's last version is gone from the cache: the edit is checked in full, not wrongly.
    await rm(join(cacheDir, 'texts'), { recursive: true });
    const path = 'clauses/AL/07-requesting-party-decommissioning.md';
    await writeFile(join(root, path), (await readFile(join(root, path), 'utf8')).replace(' the ', ' a '));
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    // A source replaced by a link to a file outside the root: reported, and never taken from the index.
    const outside = await mkdtemp(join(tmpdir(), 'regmark-outside-'));
    roots.push(outside);
    await writeFile(join(outside, 'secret.md'), '## 7 Groups\n\n**7.1** Secret text.\n');
    await unlink(join(root, path));
    await symlink(join(outside, 'secret.md'), join(root, path));
    const indexed = await checkWithIndex(root, { asAt: AS_AT, cacheDir });
    expect(indexed.path).toBe('full');
    expect(indexed.diagnostics.filter((d) => d.code === 'unsafe-path').map((d) => d.file)).toEqual([path]);
    expect(existsSync(join(cacheDir, 'check-index.bin'))).toBe(true);
    expect((await checkWithIndex(root, { asAt: AS_AT, cacheDir })).path).toBe('full');
  });

  it('keeps the parse cache and the term matches within twice what the sources need, trimming the oldest first', async () => {
    const { root, cacheDir } = await setUp();
    await expectSameAsFresh(root, cacheDir);
    const parsedEntries = async () => (await readdir(cacheDir, { recursive: true })).filter((n) => /^[0-9a-f]{2}[\\/][0-9a-f]{64}\.json$/.test(n));
    const needed = await parsedEntries();
    expect(needed.length).toBeGreaterThan(0);
    const neededBytes = (await Promise.all(needed.map((n) => stat(join(cacheDir, n))))).reduce((n, s) => n + s.size, 0);
    // Entries of texts no source has any more: a recent small one, and old ones far beyond the budget.
    const junk = async (dir: string, key: string, bytes: number, hoursAgo: number) => {
      await mkdir(join(cacheDir, dir), { recursive: true });
      const path = join(cacheDir, dir, `${key}.json`);
      await writeFile(path, 'x'.repeat(bytes));
      const at = Date.now() / 1000 - hoursAgo * 3600;
      await utimes(path, at, at);
      return path;
    };
    const key = (c: string) => c.repeat(64);
    const recent = await junk('aa', key('a'), 10, 1);
    const old = [await junk('bb', key('b'), neededBytes, 48), await junk('cc', key('c'), neededBytes, 72), await junk('uses/feed', key('d'), 10_000_000, 24)];
    const foreign = await junk('shaping', 'not-a-key', 10, 100);
    // Within the hour after the last trim, a local re-check leaves them.
    const path = 'clauses/AL/07-requesting-party-decommissioning.md';
    await writeFile(join(root, path), (await readFile(join(root, path), 'utf8')).replace(' the ', ' a '));
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
    for (const p of [recent, ...old]) expect(existsSync(p), p).toBe(true);
    // An hour on, the next index write trims them.
    const stamp = join(cacheDir, 'trimmed');
    await utimes(stamp, Date.now() / 1000 - 7200, Date.now() / 1000 - 7200);
    await writeFile(join(root, path), (await readFile(join(root, path), 'utf8')).replace(' a ', ' one '));
    expect(await expectSameAsFresh(root, cacheDir)).toBe('local');
    for (const p of old) expect(existsSync(p), p).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    // Every entry the sources need now stays, and the next check reads them.
    const now = new Set(await parsedEntries());
    expect(needed.filter((n) => !now.has(n)).length).toBeLessThanOrEqual(1);
    expect(await expectSameAsFresh(root, cacheDir)).toBe('unchanged');
  });

  it('writes no index for a corpus with earlier versions, whose sources no stat watches', async () => {
    const root = await writeRoot({
      'old/documents/RX.md': versionManifest('RX', { version: '1.0', from: '2020-01-01' }),
      'old/definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
      'old/clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget is listed.\n',
      'documents/RX.md': versionManifest('RX', { version: '2.0', from: '2020-01-01', effective: '2025-03-01', previous: 'old' }),
      'definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
      'clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget is listed twice.\n',
    });
    const cacheDir = join(root, '.regmark-cache');
    const first = await checkWithIndex(root, { asAt: AS_AT, cacheDir });
    expect(first.corpus?.history.origins.size).toBeGreaterThan(0);
    expect(existsSync(join(cacheDir, 'check-index.bin'))).toBe(false);
    expect((await checkWithIndex(root, { asAt: AS_AT, cacheDir })).path).toBe('full');
  });

  it('gives a build the named documents in full and the rest as shapes, or nothing once a source moved on', async () => {
    const { root, cacheDir } = await setUp();
    await checkWithIndex(root, { asAt: AS_AT, cacheDir });
    const checked = await checkWithIndex(root, { asAt: AS_AT, cacheDir });
    expect(checked.path).toBe('unchanged');
    const corpus = await corpusForDocuments(root, new Set(['AM']), checked, { asAt: AS_AT, cacheDir });
    // The index's stored table stands for every document's provisions; only AM's are bound from text.
    expect(corpus!.provisions).toBeInstanceOf(StoredProvisionTable);
    const full = await loadCorpus(root, { workers: 0, asAt: AS_AT });
    expect([...corpus!.provisions.keys()]).toEqual([...full.provisions.keys()]);
    expect([...corpus!.definitions.keys()]).toEqual([...full.definitions.keys()]);
    const runs = (doc: string) => corpus!.files.filter((f) => f.doc === doc).flatMap((f) => f.provisions).reduce((n, p) => n + p.runs.length, 0);
    expect(runs('AM')).toBeGreaterThan(0);
    expect(runs('AL')).toBe(0);
    const fromAm = (c: typeof full) => c.references.filter((r) => r.file.startsWith('clauses/AM/')).map((r) => [r.file, r.record.offset, r.targets.map((t) => t.kind)]);
    expect(fromAm(corpus!)).toEqual(fromAm(full));
    expect(corpus!.uses.filter((u) => u.file.startsWith('clauses/AM/'))).toEqual(full.uses.filter((u) => u.file.startsWith('clauses/AM/')));
    // Saved after the check: not the text that was checked.
    const path = 'clauses/AM/13-pre-migration-configuration.md';
    await writeFile(join(root, path), (await readFile(join(root, path), 'utf8')) + '\nMore text.\n');
    expect(await corpusForDocuments(root, new Set(['AM']), checked, { asAt: AS_AT, cacheDir })).toBeUndefined();
  });

  it('keeps the diagnostics of clauses an edit did not touch, and judges the whole file when the edit defines a link reference', async () => {
    const root = await writeRoot({
      'documents/AX.md': manifest('AX', { until: '2025-12-31' }),
      'documents/AY.md': manifest('AY'),
      'definitions/AX.md': definitions('AX', '**Widget Register** means the register of widgets.\n'),
      'clauses/AX/01-old.md': '## 1 Old\n\n**1.1** A clause that leaves force.\n',
      'clauses/AY/01-cites.md': '## 1 Cites\n\n**1.1** Follows [[AX 1.1]] and keeps the Widget Register.\n\n**1.2** Names [[AY 9.9]].\n\n**1.3** Plain words.\n\n**1.4** Again the Widget Register and [[AX 1.1]].\n',
    });
    const cacheDir = join(root, '.regmark-cache');
    const path = 'clauses/AY/01-cites.md';
    for (const ref of await discoverSources(root)) await age(root, ref.path);
    expect(await expectSameAsFresh(root, cacheDir, '2026-01-15' as IsoDate)).toBe('full');
    const codes = async () => (await checkWithIndex(root, { asAt: '2026-01-15' as IsoDate, cacheDir })).diagnostics.filter((d) => d.file === path).map((d) => `${d.line} ${d.code}`);
    const before = await codes();
    expect(before).toEqual(['3 expired-reference', '3 dangling-definition', '5 unresolved-reference', '9 dangling-definition', '9 expired-reference']);
    // An edit of 1.3 alone, which adds a line: the other clauses' diagnostics stand, the last ones moved down a line.
    const text = await readFile(join(root, path), 'utf8');
    await writeFile(join(root, path), text.replace('**1.3** Plain words.', '**1.3** Plain words,\nover two lines.'));
    await age(root, path);
    expect(await expectSameAsFresh(root, cacheDir, '2026-01-15' as IsoDate)).toBe('local');
    expect(await codes()).toEqual(before.map((c) => (c.startsWith('9 ') ? `10 ${c.slice(2)}` : c)));
    // A link reference defined in 1.3 makes "[[AY 9.9]]" in 1.2 a link, no longer a reference: the whole file is judged.
    await writeFile(join(root, path), text.replace('**1.3** Plain words.', '**1.3** Plain words.\n\n[AY 9.9]: https://example.org/ay'));
    await age(root, path);
    expect(await expectSameAsFresh(root, cacheDir, '2026-01-15' as IsoDate)).toBe('local');
    expect(await codes()).not.toContain('5 unresolved-reference');
  });

  it('judges conflicting definitions again when a definition is edited, and keeps the answer while only clauses are', async () => {
    const same = '**Widget Register** means the register of widgets.\n';
    const root = await writeRoot({
      'documents/AX.md': manifest('AX'),
      'documents/AY.md': manifest('AY'),
      'definitions/AX.md': definitions('AX', same),
      'definitions/AY.md': definitions('AY', same),
      'clauses/AY/01-uses.md': '## 1 Uses\n\n**1.1** Keeps the Widget Register.\n',
    });
    const cacheDir = join(root, '.regmark-cache');
    for (const ref of await discoverSources(root)) await age(root, ref.path);
    const conflicts = async () => (await checkWithIndex(root, { asAt: AS_AT, cacheDir })).diagnostics.filter((d) => d.code === 'conflicting-definition').length;
    expect(await expectSameAsFresh(root, cacheDir)).toBe('full');
    expect(await conflicts()).toBe(0);
    const edits: Array<[string, string, number]> = [
      ['definitions/AY.md', definitions('AY', '**Widget Register** means the list of widgets.\n'), 1],
      ['clauses/AY/01-uses.md', '## 1 Uses\n\n**1.1** Still keeps the Widget Register.\n', 1],
      ['definitions/AY.md', definitions('AY', same), 0],
    ];
    for (const [path, text, expected] of edits) {
      await writeFile(join(root, path), text);
      await age(root, path);
      expect(await expectSameAsFresh(root, cacheDir), path).toBe('local');
      expect(await conflicts(), path).toBe(expected);
    }
  });

  it('gives what a fresh check gives after any sequence of edits (fast-check)', async () => {
    const { root, cacheDir } = await setUp();
    const refs = (await discoverSources(root)).filter((r) => r.role !== 'manifest');
    const originals = new Map(await Promise.all(refs.map(async (r) => [r.path, await readFile(join(root, r.path), 'utf8')] as const)));
    const paths = { unchanged: 0, local: 0, full: 0 };
    let matched = 0;
    const snippets = EDIT_SNIPPETS;
    await expectSameAsFresh(root, cacheDir);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(refs.length - 1), fc.nat(1_000_000), fc.constantFrom(...snippets), fc.nat(30), fc.boolean()), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          try {
            for (const [index, at, insert, remove, recent] of edits) {
              const path = refs[index]!.path;
              const text = await readFile(join(root, path), 'utf8');
              const i = at % (text.length + 1);
              await writeFile(join(root, path), text.slice(0, i) + insert + text.slice(Math.min(text.length, i + (insert ? 0 : remove))));
              // Either an old file time (trusted metadata) or the write's own (too recent to trust: hashed).
              if (!recent) await age(root, path);
              paths[await expectSameAsFresh(root, cacheDir)]++;
              matched += await expectSameMatches(root, cacheDir);
            }
          } finally {
            for (const [path, text] of originals) {
              await writeFile(join(root, path), text);
              await age(root, path);
            }
            paths[await expectSameAsFresh(root, cacheDir)]++;
          }
        },
      ),
      { numRuns: Math.round(25 * SCALE) },
    );
    // The edits are random, so their mix of paths is too: the cases above pin which edit takes which path, and
    // this only makes sure the property reached both the local and the full path.
    expect(paths.local).toBeGreaterThan(0);
    expect(paths.full).toBeGreaterThan(0);
    expect(matched).toBeGreaterThan(0);
  }, 300_000 * SCALE);

  it('prints the same from the index as without it, through the CLI', async () => {
    const { root } = await setUp();
    const check = (...extra: string[]) => spawnSync(process.execPath, [BIN, 'check', '--root', root, '--as-at', AS_AT, ...extra], { encoding: 'utf8' });
    const cold = check('--no-cache');
    expect(cold.status).toBe(1);
    expect(cold.stdout).toMatch(/dangling-definition/);
    expect(check().stdout).toBe(cold.stdout);
    expect(existsSync(join(root, '.regmark-cache/check-index.bin'))).toBe(true);
    expect(check().stdout).toBe(cold.stdout);
    const path = 'clauses/AM/13-pre-migration-configuration.md';
    await writeFile(join(root, path), (await readFile(join(root, path), 'utf8')).replace('looking up the GroupID recorded', 'looking up the Group ID recorded'));
    const edited = check();
    expect(edited.status).toBe(1);
    expect(edited.stdout).toBe(check('--no-cache').stdout);
    expect(edited.stdout).not.toBe(cold.stdout);
    for (const format of ['json', 'sarif']) expect(check('--format', format).stdout).toBe(check('--format', format, '--no-cache').stdout);
  });
});
