import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FileRole } from '../model/corpus.js';
import { formatSource } from './formatSource.js';
import { formatFile } from './formatFiles.js';
import { canonicalFrontMatter } from './prepare.js';
import { compareClauseNumbers, formatAttributes, formatTarget } from './canonical.js';

function fmt(text: string, role: FileRole = 'clauses', path = 'clauses/AL/07-a.md', doc = 'AL'): string {
  const out = formatSource(path, role, doc, text);
  if (out.status === 'skipped') throw new Error(out.reason);
  const once = out.status === 'changed' ? out.output : text;
  // Every example is also a fixed point.
  expect(formatSource(path, role, doc, once).status).toBe('unchanged');
  return once;
}

describe('canonical spellings', () => {
  it('orders and quotes attributes', () => {
    expect(formatAttributes({ kind: 'obligation', from: 'AL 7.9A' }, ['from', 'kind'])).toBe('from="AL 7.9A" kind=obligation');
    expect(formatAttributes({ from: 'AL', plural: 'Parties' }, ['plural', 'also', 'from'])).toBe('plural="Parties" from="AL"');
    expect(formatAttributes({ from: 'say "x" \\ y' }, ['from'])).toBe('from="say \\"x\\" \\\\ y"');
  });

  it('spells reference targets one way', () => {
    expect(formatTarget({ doc: 'AL', start: '7.9A', end: '7.9D' })).toBe('AL 7.9A-7.9D');
    expect(formatTarget({ start: '7.2' })).toBe('7.2');
    expect(formatTarget({ doc: 'AL' })).toBe('AL');
  });

  it('compares clause numbers as numbers', () => {
    const sorted = ['3.15', '3.14E', '3.2', '3.14', '3.100', '3.14F', '10'].sort(compareClauseNumbers);
    expect(sorted).toEqual(['3.2', '3.14', '3.14E', '3.14F', '3.15', '3.100', '10']);
  });
});

describe('fmt on clause files', () => {
  it('canonicalises clause numbers, attributes and the space after them', () => {
    expect(fmt('## 7 A\n\n**7.2**   {kind="obligation"   from=AL}   The DCC shall act.\n')).toBe('## 7 A\n\n**7.2** {from="AL" kind=obligation} The DCC shall act.\n');
    expect(fmt('## 7 A\n\n**7.2**The DCC shall act.\n')).toBe('## 7 A\n\n**7.2** The DCC shall act.\n');
  });

  it('spells references canonically, keeping custom text', () => {
    const out = fmt('## 7 A\n\n**7.2** See [[AL  7.9A – 7.9D]], [[7.9A\u20137.9B]] and [[ AM 2A.1.1 | this clause ]].\n');
    expect(out).toContain('See [[AL 7.9A-7.9D]], [[7.9A-7.9B]] and [[AM 2A.1.1|this clause]].');
  });

  it('writes sub-paragraphs as `- (a)` with two-space nesting', () => {
    const out = fmt('## 4 A\n\n**4.12** The DCC shall:\n* (a) prepare; and\n* (b) consult:\n    * (i) one; and\n    * (ii) two.\n');
    expect(out).toBe('## 4 A\n\n**4.12** The DCC shall:\n\n- (a) prepare; and\n- (b) consult:\n  - (i) one; and\n  - (ii) two.\n');
  });

  it('keeps loose lists loose', () => {
    const src = '## 4 A\n\n**4.1** The DCC shall:\n\n- (a) one; and\n\n- (b) two.\n';
    expect(fmt(src)).toBe(src);
  });

  it('aligns tables and keeps escaped pipes in references', () => {
    const out = fmt('## 2 A\n\n**2.2** Table:\n\n| Provision | Subject |\n|---|:-:|\n| [[AM 2A.1.1\\|Separation]] | Removing |\n| [[AM 2B.1.1 - 2B.1.4]] | Keeping data |\n');
    expect(out).toContain('| Provision                 |    Subject   |\n| ------------------------- | :----------: |\n| [[AM 2A.1.1\\|Separation]] |   Removing   |\n| [[AM 2B.1.1-2B.1.4]]      | Keeping data |\n');
  });

  it('leaves an author’s brackets, ampersands and footnotes where they were', () => {
    const src = '## 18 A\n\n**18.1** [Not used]\n\n**18.2** AT&T reached X2 after attempts[^al-retry].\n\n[^al-retry]: How many attempts are made.\n\n**18.3** Next.\n';
    expect(fmt(src)).toBe(src);
  });

  it('writes thematic breaks as *** so they can never read as front matter', () => {
    expect(fmt('---\n\n**1.1** Text.\n', 'clauses', 'clauses/AL/01-a.md')).toBe('***\n\n**1.1** Text.\n');
  });

  it('leaves a file with parse errors untouched and says why', () => {
    const bad = formatSource('clauses/AL/07-a.md', 'clauses', 'AL', '## 7 A\n\n**7.2** {knd=obligation} Text.\n');
    expect(bad).toMatchObject({ status: 'skipped', line: 3 });
    expect(bad.status === 'skipped' && bad.reason).toMatch(/invalid-attribute.*unknown attribute `knd`/);
    expect(formatSource('clauses/AL/07-a.md', 'clauses', 'AL', '**7.2** See [[not a ref]].\n').status).toBe('skipped');
    expect(formatSource('documents/AL.md', 'manifest', 'AL', '---\nid: [AL\n---\n').status).toBe('skipped');
  });
});

describe('fmt on definitions and manifests', () => {
  it('orders definition attributes: forms first, provenance last', () => {
    expect(fmt('---\ndocument: AM\n---\n**Requesting Party** {from="AL" plural="Requesting Parties"}   means a component.\n', 'definitions', 'definitions/AM.md', 'AM')).toBe(
      '---\ndocument: AM\n---\n**Requesting Party** {plural="Requesting Parties" from="AL"} means a component.\n',
    );
  });

  it('puts manifest keys in canonical order, keeping quoting and comments', () => {
    const src = '---\nstatus: designated\nin-force:\n  until: 2025-12-31\n  from: 2018-12-05\nversion: "29.0"\nshort-title: SMETS1 TMAD   # used when cited\nid: AL\ntitle: SMETS1 Transition and Migration Approach Document\n---\nPreamble.\n';
    expect(fmt(src, 'manifest', 'documents/AL.md', 'AL')).toBe(
      '---\nid: AL\ntitle: SMETS1 Transition and Migration Approach Document\nshort-title: SMETS1 TMAD # used when cited\nversion: "29.0"\nstatus: designated\nin-force:\n  from: 2018-12-05\n  until: 2025-12-31\n---\nPreamble.\n',
    );
    expect(canonicalFrontMatter('kind: consultation\nannexes: [AM, AC]\nid: CON-1\ndate: 2025-10-17', 'manifest')).toBe('kind: consultation\nid: CON-1\ndate: 2025-10-17\nannexes: [ AM, AC ]');
  });
});

describe('fmt on disk', () => {
  it('writes LF without a byte-order mark, atomically, and only when something changes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'regmark-fmt-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await mkdir(join(root, 'clauses', 'AL'), { recursive: true });
    const path = join(root, 'clauses/AL/07-a.md');
    await writeFile(path, '\uFEFF## 7 A\r\n\r\n**7.2** Text.\r\n');
    const ref = { path: 'clauses/AL/07-a.md', role: 'clauses' as const, doc: 'AL' };
    expect((await formatFile(root, ref, { check: true })).status).toBe('changed');
    expect(await readFile(path, 'utf8')).toContain('\r\n');
    expect((await formatFile(root, ref, { check: false })).status).toBe('changed');
    expect(await readFile(path, 'utf8')).toBe('## 7 A\n\n**7.2** Text.\n');
    expect((await formatFile(root, ref, { check: false })).status).toBe('unchanged');
    expect((await readdir(join(root, 'clauses/AL'))).sort()).toEqual(['07-a.md']);
  });
});
