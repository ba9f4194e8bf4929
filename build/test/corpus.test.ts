/**
 * The repository's example corpus is content that authors edit, so this is the one test that reads it: it checks
 * clean, and each consultation in it packs. What it says is not asserted; code tests use fixtures of their own.
 * Below it, the retention reasoning reproduced mechanically on the frozen before-retention fixture.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRoot, loadCorpus } from '../pipeline.js';
import { impactOf } from '../query/impact.js';
import type { IsoDate } from '../model/dates.js';
import { run } from './cliHarness.js';
import { plainLines } from './docxText.js';
import { headingsAtPageFoot } from './pageFoot.js';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = resolve(import.meta.dirname, 'fixtures');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

/** Each consultation of the corpus, with its date: `kind: consultation` manifests in documents/. */
async function consultations(root: string): Promise<Array<{ id: string; date: string }>> {
  const found: Array<{ id: string; date: string }> = [];
  for (const name of (await readdir(join(root, 'documents'))).sort()) {
    const text = await readFile(join(root, 'documents', name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    if (!/^kind:\s*consultation\s*$/m.test(front)) continue;
    found.push({ id: /^id:\s*(\S+)/m.exec(front)![1]!, date: /^date:\s*(\d{4}-\d{2}-\d{2})/m.exec(front)![1]! });
  }
  return found;
}

interface PackedFile {
  name: string;
  kind: string;
  format: string;
  document?: string;
}

/**
 * Each annex redline, read by pandoc with every change accepted, is the clean annex; with every change rejected,
 * the clean build of the version that applies on the consultation date. No PDF page, the paper's included, ends with a
 * heading or a table caption.
 */
async function redlinesAcceptAndReject(out: string, id: string, date: string, files: PackedFile[]): Promise<void> {
  const at = (f: PackedFile) => join(out, id, f.name);
  const base = await mkdtemp(join(tmpdir(), 'regmark-example-base-'));
  temps.push(base);
  const annexes = [...new Set(files.filter((f) => f.kind === 'annex-redline').map((f) => f.document!))];
  expect(annexes.length).toBeGreaterThan(0);
  const built = await run(['build', ...annexes, '--root', repo, '--as-at', date, '--format', 'docx', '--out', base, '--quiet']);
  expect(built.code, built.err).toBe(0);
  for (const doc of annexes) {
    const redline = files.find((f) => f.kind === 'annex-redline' && f.document === doc && f.format === 'docx')!;
    const clean = files.find((f) => f.kind === 'annex-clean' && f.document === doc && f.format === 'docx')!;
    expect(plainLines(at(redline), 'accept'), doc).toEqual(plainLines(at(clean)));
    expect(plainLines(at(redline), 'reject'), doc).toEqual(plainLines(join(base, `${doc}.docx`)));
  }
  for (const f of files.filter((x) => x.format === 'pdf')) expect(headingsAtPageFoot(at(f)), f.name).toEqual([]);
}

describe('the example corpus', () => {
  it('checks clean on the date of each consultation and every later lifecycle date, and each consultation packs', async () => {
    const papers = await consultations(repo);
    expect(papers.length).toBeGreaterThan(0);
    for (const { id, date } of papers) {
      const check = await run(['check', '--root', repo, '--as-at', date, '--strict']);
      expect(check.code, check.out + check.err).toBe(0);
      const out = await mkdtemp(join(tmpdir(), 'regmark-example-pack-'));
      temps.push(out);
      const pack = await run(['pack', id, '--root', repo, '--out', out, '--zip']);
      expect(pack.code, pack.out + pack.err).toBe(0);
      expect(pack.out).toContain('no warnings');
      const manifest = JSON.parse(await readFile(join(out, id, 'manifest.json'), 'utf8')) as { files: PackedFile[]; checked: { errors: number; forced: boolean } };
      expect(manifest.checked).toMatchObject({ errors: 0, forced: false });
      expect(manifest.files.filter((f) => f.kind === 'paper').map((f) => f.format).sort()).toEqual(['docx', 'pdf']);
      await redlinesAcceptAndReject(out, id, date, manifest.files);
    }
  }, 240_000);
});

describe('the retention, mechanically, on the before-retention fixture', () => {
  const before = join(fixtures, 'before-retention');

  it('impact AL before retention finds exactly the five definitions the consultation names', async () => {
    const corpus = await loadCorpus(before, { workers: 0 });
    const report = impactOf(corpus, 'AL', '2026-01-01' as IsoDate);
    expect(report.terms.map((t) => t.term).sort()).toEqual(['Group', 'Group Device Model Combination List', 'GroupID', 'SMETS1 CAD', 'SMETS1 PPMID']);
    const byTerm = Object.fromEntries(report.terms.map((t) => [t.term, t]));
    expect(byTerm['Group Device Model Combination List']!.via).toContain('GroupID');
    expect(byTerm['SMETS1 CAD']!.uses.every((u) => u.document === 'AC')).toBe(true);
    expect(byTerm['GroupID']!.uses.length).toBeGreaterThan(0);
    expect(byTerm['GroupID']!.uses[0]).toMatchObject({ document: 'AM', clause: expect.stringMatching(/^AM 13\./) });
  });

  it('adding the retained clauses without their definitions dangles Requesting Party, Commissioning Party and RP Decommissioning Date on 2026-01-01', async () => {
    const root = await mkdtemp(join(tmpdir(), 'regmark-retained-'));
    temps.push(root);
    await cp(before, root, { recursive: true });
    await cp(join(fixtures, 'retained-clauses-only'), root, { recursive: true });
    const { diagnostics } = await checkRoot(root, { asAt: '2025-10-17' as IsoDate, workers: 0 });
    const dangling = diagnostics.filter((d) => d.code === 'dangling-definition');
    expect(dangling.every((d) => d.date === '2026-01-01')).toBe(true);
    const terms = new Set(dangling.map((d) => /uses "([^"]+)"/.exec(d.message)![1]));
    expect([...terms].sort()).toEqual(['Commissioning Party', 'Group', 'Group Device Model Combination List', 'GroupID', 'RP Decommissioning Date', 'Requesting Party', 'SMETS1 CAD', 'SMETS1 PPMID']);
    const retained = dangling.filter((d) => d.file === 'clauses/AM/02a-application-of-section-g.md');
    expect(new Set(retained.map((d) => /uses "([^"]+)"/.exec(d.message)![1]))).toEqual(new Set(['Requesting Party', 'Commissioning Party', 'RP Decommissioning Date']));
    expect(diagnostics.filter((d) => d.severity === 'error' && d.code !== 'dangling-definition')).toEqual([]);
  });
});
