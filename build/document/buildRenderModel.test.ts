import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../pipeline.js';
import type { Corpus } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { builtInTemplatesDir, loadHouseStyle, type HouseStyle } from '../theme/houseStyle.js';
import { buildRenderModel } from './buildRenderModel.js';
import { inlineText } from '../model/inlineText.js';
import type { Block, Inline, RenderDocument } from '../model/document.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures');
/** Four SEC-like documents after a retention: every reference form, retained sections, footnotes, clause dates. */
const SEC = join(FIXTURES, 'after-retention');
const EDGE = join(FIXTURES, 'render-edge');

let corpus: Corpus;
let edge: Corpus;
let style: HouseStyle;

beforeAll(async () => {
  // The working tree's text alone: rendering is tested here, not which version applies when.
  corpus = await loadCorpus(SEC, { workers: 0, history: false });
  edge = await loadCorpus(EDGE, { workers: 0 });
  style = loadHouseStyle(builtInTemplatesDir());
});

function model(c: Corpus, doc: string, asAt = '2025-06-01', linkable = [...c.documents.keys()]): RenderDocument {
  return buildRenderModel({ corpus: c, doc, asAt: asAt as IsoDate, style, linkable: new Set(linkable), sourceDate: new Date(Date.UTC(2025, 0, 1)) });
}

/** Every inline of the body, in reading order. */
function inlines(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (list: Inline[]) => {
    for (const i of list) {
      out.push(i);
      if ('children' in i) walk(i.children);
    }
  };
  const visit = (b: Block) => {
    if (b.kind === 'section') walk(b.title), b.children.forEach(visit);
    else if (b.kind === 'clause' || b.kind === 'subParagraph') walk(b.lead), b.children.forEach(visit);
    else if (b.kind === 'paragraph' || b.kind === 'heading') walk(b.content);
    else if (b.kind === 'list') b.items.flat().forEach(visit);
    else if (b.kind === 'table') [...b.header, ...b.rows.flat()].forEach((c) => walk(c.content));
    else if (b.kind === 'definitions') b.entries.forEach((e) => (walk(e.lead), e.children.forEach(visit)));
    else if (b.kind === 'quote') b.children.forEach(visit);
  };
  blocks.forEach(visit);
  return out;
}

function references(m: RenderDocument): Map<string, Extract<Inline, { kind: 'reference' }>> {
  const out = new Map<string, Extract<Inline, { kind: 'reference' }>>();
  for (const i of inlines(m.body)) if (i.kind === 'reference' && !out.has(i.raw)) out.set(i.raw, i);
  return out;
}

function clauseIds(blocks: Block[]): string[] {
  const out: string[] = [];
  const visit = (b: Block) => {
    if (b.kind === 'clause' || b.kind === 'subParagraph') out.push(b.id);
    if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
  };
  blocks.forEach(visit);
  return out;
}

describe('references in house style', () => {
  it.each([
    ['AL', '7.2', 'Clause 7.2', { kind: 'internal', anchor: 'AL_7_2' }],
    ['AL', 'AL 7.2', 'SMETS1 TMAD Clause 7.2', { kind: 'internal', anchor: 'AL_7_2' }],
    ['AL', 'AL 7.9A-7.9D', 'SMETS1 TMAD Clauses 7.9A to 7.9D', { kind: 'internal', anchor: 'AL_7_9A' }],
    ['AL', 'AL 4.12(b)(ii)', 'SMETS1 TMAD Clause 4.12(b)(ii)', { kind: 'internal', anchor: 'AL_4_12__b__ii' }],
    ['AL', 'AL 7', 'SMETS1 TMAD Section 7', { kind: 'internal', anchor: 'AL_7' }],
    ['AL', 'AM', 'the S1SR', { kind: 'document', doc: 'AM' }],
    ['AL', 'AM 13', 'S1SR Section 13', { kind: 'document', doc: 'AM', anchor: 'AM_13' }],
    ['AL', 'A 1.3', 'Section A Clause 1.3', { kind: 'document', doc: 'A', anchor: 'A_1_3' }],
    ['AM', 'A', 'Section A', { kind: 'document', doc: 'A' }],
    ['AM', 'AM 2A.1.1|Separation of a Requesting Party', 'Separation of a Requesting Party', { kind: 'internal', anchor: 'AM_2A_1_1' }],
    ['AM', 'AM 2B.1.1-2B.1.4', 'S1SR Clauses 2B.1.1 to 2B.1.4', { kind: 'internal', anchor: 'AM_2B_1_1' }],
  ])('%s: [[%s]] → "%s"', (doc, raw, text, target) => {
    const ref = references(model(corpus, doc)).get(raw);
    expect(ref?.text).toBe(text);
    expect(ref?.target).toEqual(target);
  });

  it('capitalises a whole-document reference that opens a sentence', () => {
    const lead = (model(corpus, 'AL').body[0] as Extract<Block, { kind: 'section' }>).children.find((b) => b.kind === 'clause' && b.number === '1.3');
    expect(inlineText((lead as Extract<Block, { kind: 'clause' }>).lead)).toMatch(/^The SMETS1 TMAD applies until/);
  });

  it('links another document only when it is in the same build', () => {
    const alone = references(model(corpus, 'AL', '2025-06-01', ['AL'])).get('AM 13');
    expect(alone?.text).toBe('S1SR Section 13');
    expect(alone?.target).toBeUndefined();
  });
});

describe('time', () => {
  it('leaves out clauses not in force on the as-at date, and says which', () => {
    const before = model(corpus, 'AL', '2019-01-01');
    expect(clauseIds(before.body)).not.toContain('AL 4.47');
    expect(before.omitted.map((o) => o.id)).toEqual(['AL 4.47']);
    expect(clauseIds(model(corpus, 'AL', '2019-06-21').body)).toContain('AL 4.47');
  });

  it('applies clause-level bounds on both sides', () => {
    const m = model(edge, 'EX');
    expect(clauseIds(m.body)).toEqual(expect.arrayContaining(['EX 1.1', 'EX 1.2', 'EX 1.2(a)', 'EX 1.2(b)', 'EX 1.2(b)(i)', 'EX 1.2(b)(ii)', 'EX 1.5']));
    expect(clauseIds(m.body)).not.toContain('EX 1.3');
    expect(clauseIds(m.body)).not.toContain('EX 1.4');
    expect(clauseIds(model(edge, 'EX', '2020-06-01').body)).toContain('EX 1.3');
    expect(clauseIds(model(edge, 'EX', '2030-01-01').body)).toContain('EX 1.4');
  });

  it('puts the as-at date on the cover', () => {
    const m = model(corpus, 'AM');
    expect(m.cover.facts).toContainEqual({ label: 'As at', value: '1 June 2025' });
    expect(inlineText((m.cover.boilerplate[0] as Extract<Block, { kind: 'paragraph' }>).content)).toContain('as it stands on 1 June 2025');
  });
});

describe('structure', () => {
  it('keeps every in-force clause of the document, in order', () => {
    const m = model(corpus, 'AM');
    const expected = [...corpus.provisions.values()].filter((p) => p.doc === 'AM' && p.record.kind !== 'section').sort((a, b) => a.order - b.order).map((p) => p.id);
    expect(clauseIds(m.body)).toEqual(expected);
  });

  it('hangs sub-paragraph labels by depth', () => {
    const subs: Array<[string, string, number]> = [];
    const visit = (b: Block) => {
      if (b.kind === 'subParagraph') subs.push([b.id, b.label, b.depth]);
      if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
    };
    model(corpus, 'AL').body.forEach(visit);
    expect(subs).toContainEqual(['AL 4.12(b)', '(b)', 1]);
    expect(subs).toContainEqual(['AL 4.12(b)(ii)', '(ii)', 2]);
  });

  it('places definitions in the section that introduces them, else in a Definitions section at the end', () => {
    const am = model(corpus, 'AM');
    const defined = am.body.find((b) => b.kind === 'section' && b.number === '2') as Extract<Block, { kind: 'section' }>;
    const defs = defined.children.find((b) => b.kind === 'definitions');
    expect(defs && defs.kind === 'definitions' && defs.entries.map((e) => e.term)).toContain('GroupID');
    const al = model(corpus, 'AL');
    const last = al.body.at(-1)!;
    expect(last.kind === 'definitions' && last.title).toBe('Definitions');
    expect(al.contents.at(-1)).toMatchObject({ title: 'Definitions', anchor: 'AL_definitions' });
  });

  it('numbers footnotes in reading order across files', () => {
    const m = model(edge, 'EX');
    expect(m.footnotes.map((f) => f.number)).toEqual([1, 2]);
    expect(inlineText((m.footnotes[0]!.children[0] as Extract<Block, { kind: 'paragraph' }>).content)).toContain('This footnote cites REA Clause 2.1');
    const marks = inlines(m.body).filter((i) => i.kind === 'footnoteRef');
    expect(marks.map((i) => i.kind === 'footnoteRef' && i.number)).toEqual([1, 2]);
  });

  it('reports what it cannot render instead of dropping it', () => {
    const m = model(edge, 'EX');
    expect(m.problems).toContainEqual(expect.objectContaining({ file: 'clauses/EX/01-scope.md', message: expect.stringContaining('images are not rendered') }));
    expect(inlines(m.body)).toContainEqual({ kind: 'text', text: '[a chart of widgets]' });
  });

  it('fills the status notice for the document status', () => {
    expect(inlineText((model(edge, 'EX').cover.notice[0] as Extract<Block, { kind: 'paragraph' }>).content)).toContain('Version 1.2 is a draft');
    expect(model(corpus, 'A').cover.notice).toEqual([]);
  });

  it('carries metadata for the files', () => {
    const m = model(corpus, 'AM');
    expect(m.metadata).toMatchObject({ title: 'SEC Appendix AM: SMETS1 Supporting Requirements', author: 'Smart Energy Code Company', language: 'en-GB' });
    expect(m.metadata.keywords).toContain('S1SR');
    expect(m.running).toMatchObject({ headerLeft: 'SEC Appendix AM \u2014 SMETS1 Supporting Requirements', headerRight: 'Version 17.0', page: 'Page {page} of {pages}' });
  });
});

describe('readers', () => {
  // The render model reads plain files with the fast reader; it must give exactly what remark-parse gives.
  const roots = [SEC, EDGE, join(FIXTURES, 'before-retention')];

  it('gives the same render model from the fast reader as from remark-parse, for every document', async () => {
    for (const root of roots) {
      const c = await loadCorpus(root, { workers: 0 });
      for (const [doc, symbol] of c.documents) {
        const asAt = (symbol.inForce.from ?? '2025-06-01') as IsoDate;
        const input = { corpus: c, doc, asAt, style, linkable: new Set(c.documents.keys()), sourceDate: new Date(0) };
        expect(buildRenderModel({ ...input, reader: 'fast' }), `${root} ${doc}`).toEqual(buildRenderModel({ ...input, reader: 'remark' }));
      }
    }
  });

  it('gives the same render model from both readers on a generated code section', async () => {
    const { generateCorpus } = await import('../bench/generateCorpus.js');
    const dir = mkdtempSync(join(tmpdir(), 'regmark-readers-'));
    generateCorpus('S', dir);
    const c = await loadCorpus(dir, { workers: 0 });
    for (const doc of c.documents.keys()) {
      const input = { corpus: c, doc, asAt: '2026-01-15' as IsoDate, style, linkable: new Set(c.documents.keys()), sourceDate: new Date(0) };
      expect(buildRenderModel({ ...input, reader: 'fast' })).toEqual(buildRenderModel({ ...input, reader: 'remark' }));
    }
  }, 60_000);
});

describe('definitions files', () => {
  it('keeps the group headings of an alphabetical list with the entry after them', () => {
    const last = model(edge, 'EX').body.at(-1)!;
    expect(last.kind).toBe('definitions');
    if (last.kind !== 'definitions') return;
    expect(last.entries.map((e) => [e.heading, e.term])).toEqual([
      ['O', 'Operator'],
      ['W', 'Widget'],
    ]);
  });

  it('records provenance for the redline', () => {
    const am = model(corpus, 'AM');
    const section = am.body.find((b) => b.kind === 'section' && b.number === '2A') as Extract<Block, { kind: 'section' }>;
    expect(section.children.find((b) => b.kind === 'clause')).toMatchObject({ id: 'AM 2A.1.1', from: 'AL 3.14E' });
    const defs = (am.body.find((b) => b.kind === 'section' && b.number === '2') as Extract<Block, { kind: 'section' }>).children.find((b) => b.kind === 'definitions');
    expect(defs?.kind === 'definitions' && defs.entries.find((e) => e.term === 'GroupID')?.from).toBe('AL');
  });
});

describe('trees kept by the load', () => {
  it('give every document the model a fresh read of its files gives', async () => {
    const kept = await loadCorpus(SEC, { workers: 0, history: false, keepTrees: () => true });
    expect(kept.trees!.size).toBeGreaterThan(0);
    for (const doc of kept.documents.keys()) expect(model(kept, doc), doc).toEqual(model(corpus, doc));
    // Each was taken once; a second model reads its files again, to the same model.
    expect(kept.trees!.size).toBe(0);
    for (const doc of kept.documents.keys()) expect(model(kept, doc), doc).toEqual(model(corpus, doc));
  });
});
