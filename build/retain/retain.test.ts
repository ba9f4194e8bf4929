import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../pipeline.js';
import { runChecks } from '../checks/index.js';
import type { IsoDate } from '../model/dates.js';
import { formatSource } from '../format/formatSource.js';
import { run } from '../test/cliHarness.js';
import { cleanRoots, definitions, manifest, writeRoot, type Files } from '../test/ruleTester.js';
import { planRetention, RetainRefusal, type RetainRequest } from './planRetention.js';
import { nextNumber, numberSequence, sectionFileName } from './numbers.js';

const AL_07 = `## 7 Decommissioning

**7.2** {kind=procedure} The DCC shall agree a timetable for each Requesting Party.

**7.9** Subject to [[AL 7.9A-7.9D]], the DCC shall delete Data under [[7.2]].

**7.9A** {kind=right} The DCC may keep Data from a Requesting Party, as described in [[4.12(b)]].[^n1]

**7.9B** {kind=obligation} The DCC shall delete Data kept under [[7.9A]].

**7.9C** While it keeps Data under [[AL 7.9A]], see [[7.9B-7.9C]] and [[7.2 - 7.9B|the earlier clauses]].

**7.9D** The DCC shall describe [[7]] and [[AM]] to a Supplier.

**7.10** The DCC shall decommission every Requesting Party.

[^n1]: A note citing [[7.2]].
`;

const AL_04 = `## 4 Enrolment

**4.12** {kind=obligation} The DCC shall:

- (a) prepare a Plan; and
- (b) consult:
  - (i) one Supplier; and
  - (ii) [[7.2]].
`;

function base(extra: Files = {}): Files {
  return {
    'documents/A.md': manifest('A', { from: '2013-09-23' }),
    'documents/AL.md': manifest('AL', { from: '2018-12-05', until: '2025-12-31', shortTitle: 'TMAD' }),
    'documents/AM.md': manifest('AM', { from: '2019-06-21' }),
    'clauses/AL/04-enrolment.md': AL_04,
    'clauses/AL/07-decommissioning.md': AL_07,
    'clauses/AM/02-defined-terms.md': '## 2 Defined Terms\n\n**2.1** Terms have their meaning.\n\n**2.5** Later text.\n',
    'definitions/A.md': definitions('A', '**Data** means information.\n\n**DCC** means the company.\n\n**Supplier** means a seller.\n'),
    'definitions/AL.md': definitions('AL', '**Component** means a part of the DCC.\n\n**Plan** means a plan of the DCC.\n\n**Requesting Party** {plural="Requesting Parties"} means a Component that collects Data.\n'),
    ...extra,
  };
}

async function plan(files: Files, request: RetainRequest) {
  const corpus = await loadCorpus(await writeRoot(files), { workers: 0 });
  return planRetention(corpus, request);
}

const after = (p: Awaited<ReturnType<typeof plan>>, path: string) => p.changes.find((c) => c.path === path)?.after;

describe('clause numbers', () => {
  it('numbers copies in sequence at the last level', () => {
    expect(numberSequence('2B.1.1', 4)).toEqual(['2B.1.1', '2B.1.2', '2B.1.3', '2B.1.4']);
    expect(nextNumber('3.14E')).toBe('3.14F');
    expect(nextNumber('18.17p')).toBe('18.17q');
    expect(nextNumber('1.9Z')).toBe('1.9AA');
    expect(nextNumber('7.9')).toBe('7.10');
  });

  it('names a new section file as the corpus does', () => {
    expect(sectionFileName('2B', 'Decommissioning of a Requesting Party or the Commissioning Party')).toBe('02b-decommissioning-of-a-requesting-party.md');
    expect(sectionFileName('13', 'Pre-Migration Configuration')).toBe('13-pre-migration-configuration.md');
  });
});

describe('retain a range', () => {
  afterAll(cleanRoots);

  it('copies into a new section, numbered in sequence, with from= and references that keep their targets', async () => {
    const p = await plan(base(), { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1' });
    expect(p.copies).toEqual([
      { from: 'AL 7.9A', to: 'AM 2B.1.1' },
      { from: 'AL 7.9B', to: 'AM 2B.1.2' },
      { from: 'AL 7.9C', to: 'AM 2B.1.3' },
      { from: 'AL 7.9D', to: 'AM 2B.1.4' },
    ]);
    expect(p.createdSection).toEqual({ path: 'clauses/AM/02b-decommissioning.md', number: '2B', title: 'Decommissioning' });
    expect(after(p, 'clauses/AM/02b-decommissioning.md')).toBe(`## 2B Decommissioning

**2B.1.1** {from="AL 7.9A" kind=right} The DCC may keep Data from a Requesting Party, as described in [[AL 4.12(b)]].[^n1]

**2B.1.2** {from="AL 7.9B" kind=obligation} The DCC shall delete Data kept under [[2B.1.1]].

**2B.1.3** {from="AL 7.9C"} While it keeps Data under [[AM 2B.1.1]], see [[2B.1.2-2B.1.3]] and [[AL 7.2-7.9B|the earlier clauses]].

**2B.1.4** {from="AL 7.9D"} The DCC shall describe [[AL 7]] and [[AM]] to a Supplier.

[^n1]: A note citing [[AL 7.2]].
`);
    // A copy leaves the original alone, and says what it could not follow.
    expect(p.changes.map((c) => c.path)).toEqual(['clauses/AM/02b-decommissioning.md']);
    expect(p.notes.join('\n')).toMatch(/AM 2B.1.3: the range 7.2-7.9B is only partly copied/);
    expect(p.notes.join('\n')).toMatch(/AM 2B.1.4 keeps \[\[AL 7\]\], but AL is in force only until 2025-12-31/);
  });

  it('writes a new section file that is already in canonical form', async () => {
    const p = await plan(base(), { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', sectionTitle: 'Retained Data' });
    const text = after(p, 'clauses/AM/02b-retained-data.md')!;
    expect(formatSource('clauses/AM/02b-retained-data.md', 'clauses', 'AM', text).status).toBe('unchanged');
  });

  it('copies sub-paragraphs with their labels, into an existing section in number order', async () => {
    const p = await plan(base(), { source: 'AL 4.12', to: 'AM 2.3' });
    expect(after(p, 'clauses/AM/02-defined-terms.md')).toBe(`## 2 Defined Terms

**2.1** Terms have their meaning.

**2.3** {from="AL 4.12" kind=obligation} The DCC shall:

- (a) prepare a Plan; and
- (b) consult:
  - (i) one Supplier; and
  - (ii) [[AL 7.2]].

**2.5** Later text.
`);
    const root = await writeRoot(base({ 'clauses/AM/02-defined-terms.md': after(p, 'clauses/AM/02-defined-terms.md')! }));
    const corpus = await loadCorpus(root, { workers: 0 });
    expect([...corpus.provisions.keys()].filter((id) => id.startsWith('AM 2.3'))).toEqual(['AM 2.3', 'AM 2.3(a)', 'AM 2.3(b)', 'AM 2.3(b)(i)', 'AM 2.3(b)(ii)']);
  });

  it('carries the definitions the copies need, transitively, each with from=', async () => {
    const p = await plan(base(), { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', withDefinitions: true });
    expect(p.definitions.map((d) => [d.term, d.from, d.neededBy])).toEqual([
      ['Component', 'AL', 'the definition of Requesting Party'],
      ['Requesting Party', 'AL', 'AM 2B.1.1'],
    ]);
    // Data, DCC and Supplier have a home (A) that stays in force; Plan is not used by the copies.
    expect(after(p, 'definitions/AM.md')).toBe(
      '---\ndocument: AM\n---\n**Component** {from="AL"} means a part of the DCC.\n\n**Requesting Party** {plural="Requesting Parties" from="AL"} means a Component that collects Data.\n',
    );
  });

  it('inserts carried definitions in alphabetical order into an existing file, and skips terms the destination defines', async () => {
    const files = base({ 'definitions/AM.md': definitions('AM', '**Alpha** means a.\n\n**Component** means an AM part.\n\n**Zulu** means z.\n') });
    const p = await plan(files, { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', withDefinitions: true });
    expect(p.definitions.map((d) => d.term)).toEqual(['Requesting Party']);
    expect(after(p, 'definitions/AM.md')).toBe(
      '---\ndocument: AM\n---\n**Alpha** means a.\n\n**Component** means an AM part.\n\n**Requesting Party** {plural="Requesting Parties" from="AL"} means a Component that collects Data.\n\n**Zulu** means z.\n',
    );
  });

  it('leaves the corpus checking clean after a retention with definitions', async () => {
    const root = await writeRoot(base());
    const r = await run(['retain', 'AL 7.9A-7.9B', '--to', 'AM 2B.1.1', '--with-definitions', '--root', root, '--as-at', '2025-06-01', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('retained range AL 7.9A-7.9B as AM 2B.1.1-2B.1.2');
    const corpus = await loadCorpus(root, { workers: 0 });
    const problems = runChecks(corpus, '2025-06-01' as IsoDate).filter((d) => d.file.startsWith('clauses/AM/') || d.file === 'definitions/AM.md');
    expect(problems.filter((d) => d.code !== 'expired-reference')).toEqual([]);
    // The copy still cites AL 4.12(b), and its footnote AL 7.2, which expire: retain said so, and check agrees.
    expect(problems.map((d) => d.code)).toEqual(['expired-reference', 'expired-reference']);
  });
});

describe('retain refuses', () => {
  afterAll(cleanRoots);
  const refusal = async (files: Files, request: RetainRequest) => {
    try {
      await plan(files, request);
    } catch (error) {
      expect(error).toBeInstanceOf(RetainRefusal);
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('to overwrite an existing ID (a clause or one of its sub-paragraphs)', async () => {
    expect(await refusal(base(), { source: 'AL 7.9A-7.9B', to: 'AM 2.1' })).toMatch(/AM 2.1 already exists in AM; retain never overwrites an ID/);
    const withSub = base({ 'clauses/AM/03-x.md': '## 3 X\n\n**3.1** Text.\n\n- (b) a labelled item.\n' });
    expect(await refusal(withSub, { source: 'AL 4.12', to: 'AM 3.1' })).toMatch(/AM 3.1, AM 3.1\(b\) already exist/);
  });

  it('copies that would not fit in number order', async () => {
    const files = base({ 'clauses/AM/02-defined-terms.md': '## 2 Defined Terms\n\n**2.1** Terms.\n\n**2.2A** Inserted later.\n' });
    expect(await refusal(files, { source: 'AL 7.9A-7.9B', to: 'AM 2.2' })).toMatch(/the copies 2.2 to 2.3 would not fit before AM 2.2A/);
  });

  it('sections, sub-paragraphs, reversed or unknown ranges, unknown documents', async () => {
    expect(await refusal(base(), { source: 'AL 7', to: 'AM 3.1' })).toMatch(/AL 7 is a section/);
    expect(await refusal(base(), { source: 'AL 4.12(b)', to: 'AM 3.1' })).toMatch(/AL 4.12\(b\) is a sub-paragraph/);
    expect(await refusal(base(), { source: 'AL 7.9D-7.9A', to: 'AM 3.1' })).toMatch(/does not come before/);
    expect(await refusal(base(), { source: 'AL 7.9A-7.9Z', to: 'AM 3.1' })).toMatch(/AL has no clause 7.9Z/);
    expect(await refusal(base(), { source: 'XX 1.1', to: 'AM 3.1' })).toMatch(/no document XX/);
    expect(await refusal(base(), { source: 'AL 7.2', to: 'ZZ 3.1' })).toMatch(/no document ZZ/);
    expect(await refusal(base(), { source: 'AL 7.2', to: 'AM' })).toMatch(/expected the ID of the first copy/);
  });

  it('a move that would split a range elsewhere in two', async () => {
    const files = base({
      'clauses/AL/07-decommissioning.md': AL_07.replace('[[7.2 - 7.9B|the earlier clauses]]', '[[7.2|the earlier clause]]'),
      'clauses/AM/02-defined-terms.md': '## 2 Defined Terms\n\n**2.1** See [[AL 7.2-7.9B]].\n',
    });
    expect(await refusal(files, { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', move: true })).toMatch(/\[\[AL 7.2-7.9B\]\] has one end among the moved clauses/);
    // The same inside the moved text: 7.9C cites [[7.2 - 7.9B]].
    expect(await refusal(base(), { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', move: true })).toMatch(/AM 2B.1.3: \[\[7.2-7.9B\]\] has one end among the moved clauses/);
  });
});

describe('retain --move', () => {
  afterAll(cleanRoots);

  it('removes the originals (and footnotes only they cite) and points references to them at the copies', async () => {
    const files = base({
      'clauses/AL/07-decommissioning.md': AL_07.replace('[[7.2 - 7.9B|the earlier clauses]]', '[[7.2|the earlier clause]]'),
      'clauses/AM/02-defined-terms.md': '## 2 Defined Terms\n\n**2.1** See [[AL 7.9B]] and [[AL 7.9A|the retention right]].\n',
    });
    const p = await plan(files, { source: 'AL 7.9A-7.9D', to: 'AM 2B.1.1', move: true });
    expect(after(p, 'clauses/AL/07-decommissioning.md')).toBe(`## 7 Decommissioning

**7.2** {kind=procedure} The DCC shall agree a timetable for each Requesting Party.

**7.9** Subject to [[AM 2B.1.1-2B.1.4]], the DCC shall delete Data under [[7.2]].

**7.10** The DCC shall decommission every Requesting Party.
`);
    expect(after(p, 'clauses/AM/02-defined-terms.md')).toBe('## 2 Defined Terms\n\n**2.1** See [[AM 2B.1.2]] and [[AM 2B.1.1|the retention right]].\n');
    const root = await writeRoot(Object.fromEntries([...Object.entries(files), ...p.changes.map((c) => [c.path, c.after] as const)]));
    const diagnostics = runChecks(await loadCorpus(root, { workers: 0 }), '2025-06-01' as IsoDate);
    expect(diagnostics.filter((d) => d.code === 'unresolved-reference' || d.code === 'invalid-range' || d.code === 'duplicate-id').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  });
});

describe('retain footnotes and moves within a document', () => {
  afterAll(cleanRoots);

  it('renames a copied footnote whose label the destination file already uses', async () => {
    const files = base({ 'clauses/AM/02-defined-terms.md': '## 2 Defined Terms\n\n**2.1** Terms.[^n1]\n\n[^n1]: An AM note.\n' });
    const p = await plan(files, { source: 'AL 7.9A', to: 'AM 2.3' });
    expect(after(p, 'clauses/AM/02-defined-terms.md')).toBe(
      '## 2 Defined Terms\n\n**2.1** Terms.[^n1]\n\n**2.3** {from="AL 7.9A" kind=right} The DCC may keep Data from a Requesting Party, as described in [[AL 4.12(b)]].[^n1-2]\n\n[^n1-2]: A note citing [[AL 7.2]].\n\n[^n1]: An AM note.\n',
    );
  });

  it('renumbers a clause within its document with --move', async () => {
    const p = await plan(base(), { source: 'AL 7.10', to: 'AL 7.20', move: true });
    const text = after(p, 'clauses/AL/07-decommissioning.md')!;
    expect(text).toContain('**7.9D** The DCC shall describe [[7]] and [[AM]] to a Supplier.\n\n**7.20** {from="AL 7.10"} The DCC shall decommission every Requesting Party.\n');
    expect(text).not.toContain('**7.10**');
  });
});

describe('retain a definition', () => {
  afterAll(cleanRoots);

  it('copies one term with from=, and with --with-definitions the terms its text needs', async () => {
    const alone = await plan(base(), { source: 'AL Requesting Party', to: 'AM' });
    expect(alone.definitions.map((d) => d.term)).toEqual(['Requesting Party']);
    const all = await plan(base(), { source: 'AL Requesting Party', to: 'AM', withDefinitions: true });
    expect(all.definitions.map((d) => d.term)).toEqual(['Component', 'Requesting Party']);
  });
});

describe('retain in the destination manifest and through the CLI', () => {
  afterAll(cleanRoots);

  it('lists a new section file under `sections:` in number order', async () => {
    const files = base({
      'documents/AM.md': manifest('AM', { from: '2019-06-21' }).replace('---\n', '---\nsections:\n  - 02-defined-terms.md\n  - 13-later.md\n'),
      'clauses/AM/13-later.md': '## 13 Later\n\n**13.1** Text.\n',
    });
    const p = await plan(files, { source: 'AL 7.2', to: 'AM 2B.1' });
    expect(after(p, 'documents/AM.md')).toContain('sections:\n  - 02-defined-terms.md\n  - 02b-decommissioning.md\n  - 13-later.md\n');
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const root = await writeRoot(base());
    const r = await run(['retain', 'AL 7.9A-7.9D', '--to', 'AM 2B.1.1', '--with-definitions', '--dry-run', '--root', root, '--as-at', '2025-06-01', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--- /dev/null\n+++ b/clauses/AM/02b-decommissioning.md');
    expect(r.out).toContain('+**2B.1.2** {from="AL 7.9B" kind=obligation} The DCC shall delete Data kept under [[2B.1.1]].');
    expect(r.out).toContain('would write 2 files: clauses/AM/02b-decommissioning.md (new), definitions/AM.md (new)');
    expect(existsSync(join(root, 'clauses/AM/02b-decommissioning.md'))).toBe(false);
    expect(existsSync(join(root, 'definitions/AM.md'))).toBe(false);
  });

  it('exits 1 on a refusal and 2 on a usage error, writing nothing', async () => {
    const root = await writeRoot(base());
    const refused = await run(['retain', 'AL 7.9A', '--to', 'AM 2.1', '--root', root, '--no-cache']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/AM 2.1 already exists/);
    expect((await run(['retain', 'AL 7.9A', '--root', root])).code).toBe(2);
    expect((await run(['retain', '--to', 'AM 3.1', '--root', root])).code).toBe(2);
  });
});

describe('the retention walkthrough on build/test/fixtures/before-retention', () => {
  it('retains the clauses and definitions of seed 001 and ends with a clean check', async () => {
    const root = await mkdtemp(join(tmpdir(), 'regmark-walkthrough-'));
    try {
      await cp(join(import.meta.dirname, '..', 'test', 'fixtures', 'before-retention'), root, { recursive: true, filter: (src) => !src.includes('.regmark-cache') });
      const retain = async (...args: string[]) => {
        const r = await run(['retain', ...args, '--root', root, '--as-at', '2025-10-17']);
        expect(r.code, r.err).toBe(0);
        return r.out;
      };
      const first = await retain('AL 3.14E-3.14F', '--to', 'AM 2A.1.1', '--with-definitions', '--section-title', 'Application of Section G (Security)');
      expect(first).toContain('Requesting Party  from=AL');
      expect(first).toContain('note: AM 2A.1.1 keeps [[AL 7]]');
      await retain('AL 7.9A-7.9D', '--to', 'AM 2B.1.1', '--with-definitions', '--section-title', 'Decommissioning of a Requesting Party');
      await retain('AL GroupID', '--to', 'AM', '--with-definitions');
      await retain('AL SMETS1 CAD', '--to', 'AC');
      await retain('AL SMETS1 PPMID', '--to', 'AC');
      // The one edit retain leaves to the author: the copy's pointer into the expiring TMAD.
      const file = join(root, 'clauses/AM/02a-application-of-section-g-security.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace(' (see [[AL 7]])', ''));
      const check = await run(['check', '--root', root, '--as-at', '2025-10-17']);
      expect(check.out).toMatch(/: 0 errors, 0 warnings\n$/);
      expect(check.code).toBe(0);
      expect((await readdir(join(root, 'clauses/AM'))).sort()).toContain('02b-decommissioning-of-a-requesting-party.md');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
