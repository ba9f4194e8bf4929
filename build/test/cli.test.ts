/** The commands as a user runs them: output formats, exit codes, usage errors. */
import { resolve, join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { run } from './cliHarness.js';
import { cleanRoots, manifest, writeRoot } from './ruleTester.js';

const consultation = resolve(import.meta.dirname, 'fixtures/consultation');
const before = resolve(import.meta.dirname, 'fixtures/before-retention');
afterAll(cleanRoots);

const failing = () =>
  writeRoot({
    'documents/AL.md': manifest('AL', { until: '2025-12-31' }),
    'documents/AM.md': manifest('AM'),
    'clauses/AL/07-a.md': '## 7 A\n\n**7.2** Text.\n',
    'clauses/AM/01-a.md': '## 1 A\n\n**1.1** See [[AL 7.2]].\n\n**1.2** See Clause 9.\n',
  });

describe('regmark check', () => {
  it('prints a summary and exits 0 on a clean corpus', async () => {
    const r = await run(['check', '--root', consultation, '--as-at', '2025-09-15', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^checked 4 documents, 18 clauses, 10 definitions, \d+ term uses, 7 references as at 2025-09-15: 0 errors, 0 warnings$/m);
  });

  it('text output is compiler style with an excerpt and a caret', async () => {
    const root = await failing();
    const r = await run(['check', '--root', root, '--as-at', '2025-10-17', '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('clauses/AM/01-a.md:3:13  error  expired-reference  AM 1.1 refers to AL 7.2');
    expect(r.out).toContain('    3 | **1.1** See [[AL 7.2]].\n      |             ^');
    expect(r.out).toContain('    clauses/AL/07-a.md:3:3  note  AL 7.2: in force until 2025-12-31');
    expect(r.out).toMatch(/1 error, 1 warning$/m);
  });

  it('json is an array of diagnostics with exactly the documented fields', async () => {
    const root = await failing();
    const r = await run(['check', '--root', root, '--as-at', '2025-10-17', '--format', 'json', '--no-cache']);
    const list = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      code: 'expired-reference',
      severity: 'error',
      file: 'clauses/AM/01-a.md',
      line: 3,
      column: 13,
      message: expect.stringContaining('AL 7.2'),
      date: '2026-01-01',
      related: [{ file: 'clauses/AL/07-a.md', line: 3, column: 3, message: 'AL 7.2: in force until 2025-12-31, expired from 2026-01-01' }],
      cause: { file: 'documents/AL.md', line: expect.any(Number), column: 1, message: 'AL leaves force after 2025-12-31 (its in-force.until)' },
    });
    // FORMAT.md's fields, and regmark's documented additions (cause; version, ref and accepted where they apply).
    for (const d of list) expect(Object.keys(d).every((k) => ['code', 'severity', 'file', 'line', 'column', 'message', 'date', 'related', 'cause'].includes(k))).toBe(true);
  });

  it('--strict counts warnings as errors', async () => {
    const root = await writeRoot({ 'documents/AM.md': manifest('AM'), 'clauses/AM/01-a.md': '## 1 A\n\n**1.1** See Clause 9.\n' });
    expect((await run(['check', '--root', root, '--no-cache'])).code).toBe(0);
    expect((await run(['check', '--root', root, '--strict', '--no-cache'])).code).toBe(1);
  });

  it('sarif is SARIF 2.1.0 with rules and related locations', async () => {
    const root = await failing();
    const r = await run(['check', '--root', root, '--as-at', '2025-10-17', '--format', 'sarif', '--no-cache']);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const result = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'clauses/AM/01-a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 13 } });
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('clauses/AL/07-a.md');
  });

  it('github emits workflow commands with escaped properties', async () => {
    const root = await failing();
    const r = await run(['check', '--root', root, '--as-at', '2025-10-17', '--format', 'github', '--no-cache']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=clauses\/AM\/01-a\.md,line=3,col=13,title=expired-reference::AM 1\.1 refers to AL 7\.2/);
    expect(lines[1]).toMatch(/^::warning file=clauses\/AM\/01-a\.md,line=5,col=13,title=untagged-reference::/);
  });

  it('usage errors are one line and exit 2', async () => {
    for (const args of [['check', '--as-at', '2025-02-30', '--root', consultation], ['check', '--format', 'xml', '--root', consultation], ['check', '--bogus'], ['check', '--root', '/nonexistent/x'], ['frobnicate']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^regmark/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('regmark impact', () => {
  it('json has the documented shape, defaulting --on to the day after until', async () => {
    const r = await run(['impact', 'AL', '--root', before, '--format', 'json', '--no-cache']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.document).toBe('AL');
    expect(report.date).toBe('2026-01-01');
    expect(report.terms).toHaveLength(5);
    expect(Object.keys(report.terms[0]).sort()).toEqual(['homes', 'term', 'uses', 'via']);
    expect(Object.keys(report.terms[0].uses[0])).toEqual(['file', 'line', 'column', 'document', 'clause']);
  });

  it('text lists terms with their uses, and referenced clauses', async () => {
    const root = await failing();
    const r = await run(['impact', 'AL', '--root', root, '--no-cache']);
    expect(r.out).toContain('If AL left force on 2026-01-01:');
    expect(r.out).toContain('AL 7.2  (1 reference)');
    expect(r.out).toContain('clauses/AM/01-a.md:3:13  AM 1.1 (AM)');
  });

  it('an unknown document is a usage error', async () => {
    const r = await run(['impact', 'ZZ', '--root', consultation, '--no-cache']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no document ZZ; known: ZA, ZC, ZN, ZO/);
  });
});

describe('regmark uses', () => {
  it('lists homes with windows and every use', async () => {
    const r = await run(['uses', 'Handover Batch', '--root', consultation, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ZC  definitions/ZC.md:4:3  in force from 2022-06-01');
    expect(r.out).toContain('ZO  definitions/ZO.md:4:3  in force 2020-01-01 to 2025-12-31');
    expect(r.out).toContain('clauses/ZN/01-general.md:11:65  ZN 2.3  (in force from 2021-03-01)');
    expect(r.out).toContain('definitions/ZN.md:4:153  definition of Handover Record');
    const json = JSON.parse((await run(['uses', 'Handover Batch', '--root', consultation, '--format', 'json', '--no-cache'])).out);
    expect(json.homes.map((h: { document: string }) => h.document)).toEqual(['ZC', 'ZO']);
    expect(json.uses.length).toBe(8);
  });

  it('an unknown term exits 1 with suggestions', async () => {
    const r = await run(['uses', 'handover batch', '--root', consultation, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('did you mean "Handover Batch"');
    // Misspellings lead to the term.
    const before = join(import.meta.dirname, 'fixtures/before-retention');
    for (const [typed, meant] of [['RP Decomissioning Date', 'RP Decommissioning Date'], ['Requesting Partie', 'Requesting Party'], ['Requesting Partys', 'Requesting Party']]) {
      const m = await run(['uses', typed!, '--root', before, '--no-cache']);
      expect(m.code).toBe(1);
      expect(m.err).toContain(`did you mean "${meant}"`);
    }
  });

  it('a plural or an also= form shows its term\'s uses and says whose form it is', async () => {
    const before = join(import.meta.dirname, 'fixtures/before-retention');
    for (const [typed, meant] of [['ESME', 'Electricity Smart Metering Equipment'], ['Requesting Parties', 'Requesting Party']]) {
      const r = await run(['uses', typed!, '--root', before, '--no-cache']);
      const direct = await run(['uses', meant!, '--root', before, '--no-cache']);
      expect(r.code).toBe(0);
      expect(r.err.trim()).toBe(`regmark: "${typed}" is a written form of "${meant}" (its plural= or also=); showing the uses of "${meant}"`);
      expect(r.out).toBe(direct.out);
      expect(r.out).toMatch(/\d+ uses?:/);
    }
  });
});
