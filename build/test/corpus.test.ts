/** The repository's own corpus, and seed 001's reasoning reproduced on the before-retention fixture. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRoot, loadCorpus } from '../pipeline.js';
import { fails } from '../diagnostics/index.js';
import { impactOf } from '../query/impact.js';
import type { IsoDate } from '../model/dates.js';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = resolve(import.meta.dirname, 'fixtures');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

describe('the example corpus', () => {
  it.each(['2018-12-05', '2025-10-17', '2026-01-01', '2026-11-23'])('checks clean as at %s and every later date (accepted risks aside)', async (asAt) => {
    const { diagnostics } = await checkRoot(repo, { asAt: asAt as IsoDate, workers: 0 });
    expect(diagnostics.filter((d) => fails(d, true))).toEqual([]);
    // What is accepted is only the slipped-designation window of seed 001: earlier versions' text, on 2026-01-01.
    for (const d of diagnostics) expect(d).toMatchObject({ code: 'dangling-definition', date: '2026-01-01', ref: 'versions/before-retention', accepted: { until: '2026-01-11' } });
    if (asAt > '2026-01-11') expect(diagnostics).toEqual([]);
  });

  it('is big enough to be a real test: 60+ clauses, 30+ definitions, every reference form', async () => {
    const corpus = await loadCorpus(repo, { workers: 0 });
    const clauses = [...corpus.provisions.values()].filter((p) => p.record.kind === 'clause');
    expect(clauses.length).toBeGreaterThanOrEqual(60);
    expect([...corpus.definitions.values()].flat().length).toBeGreaterThanOrEqual(30);
    expect(corpus.provisions.get('AM 18.17p')).toBeDefined();
    expect(corpus.provisions.get('AL 4.12(b)')).toBeDefined();
    expect(corpus.provisions.get('AM 2A.1.1')?.record.attributes.from).toBe('AL 3.14E');
    const shapes = new Set(corpus.references.map((r) => (r.record.target.end ? 'range' : r.record.target.start === undefined ? 'document' : r.record.target.text !== undefined ? 'custom' : /\(/.test(r.record.target.start) ? 'sub' : 'clause')));
    expect([...shapes].sort()).toEqual(['clause', 'custom', 'document', 'range', 'sub']);
  });
});

describe('seed 001, mechanically', () => {
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

  it('the repository corpus, with retention done, has nothing left to dangle when AL expires', async () => {
    const corpus = await loadCorpus(repo, { workers: 0 });
    const report = impactOf(corpus, 'AL', '2026-01-01' as IsoDate);
    expect(report.terms).toEqual([]);
    expect(report.clauses).toEqual([]);
  });
});
