import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diffDocuments.js';
import type { Block, ClauseBlock, RenderDocument, SectionBlock } from '../model/document.js';
import type { MarkedBlock } from './marks.js';

const clause = (id: string, text: string, extra: Partial<ClauseBlock> = {}): ClauseBlock => ({ kind: 'clause', id: `AM ${id}`, number: id, anchor: `c-${id}`, lead: [{ kind: 'text', text }], children: [], ...extra });
const section = (n: string, children: Block[]): SectionBlock => ({ kind: 'section', id: `AM ${n}`, number: n, title: [{ kind: 'text', text: `Section ${n}` }], titleText: `Section ${n}`, anchor: `s-${n}`, children });

function doc(body: Block[], version = '17.0'): RenderDocument {
  return {
    code: 'AM', title: 'SMETS1 Supporting Requirements', shortTitle: 'S1SR', reference: 'SEC Appendix AM', version, status: 'draft',
    asAt: '2026-01-01' as RenderDocument['asAt'], asAtText: '1 January 2026',
    running: { headerLeft: '', headerRight: '', footerLeft: '', page: 'Page {page} of {pages}' },
    metadata: { title: '', author: '', subject: '', keywords: [], language: 'en-GB', date: new Date(0) },
    cover: { reference: '', title: '', facts: [{ label: 'Version', value: version }], notice: [], preamble: [], boilerplate: [] },
    contentsTitle: 'Contents', contents: [], body, footnotes: [], omitted: [], problems: [],
  };
}

const info = { author: 'DCC Regulation', date: '2025-10-17T00:00:00Z', baseVersion: '16.0', baseLabel: 'v16.0' };
const describe_ = (from: string) => `the clause ${from}`;
const changeOf = (blocks: MarkedBlock[], id: string): string | undefined => {
  for (const b of blocks) {
    if (b.kind === 'clause' && b.id === id) return b.change?.kind ?? 'same';
    if (b.kind === 'section') {
      const found = changeOf(b.children as MarkedBlock[], id);
      if (found) return found;
    }
  }
  return undefined;
};

describe('diffDocuments', () => {
  const base = doc([section('1', [clause('1.1', 'Alpha.'), clause('1.2', 'Beta.'), clause('1.3', 'Gamma.')]), section('2', [clause('2.1', 'Delta.')])], '16.0');

  it('aligns by ID: edits, insertions, deletions, moves and retained clauses', () => {
    const next = doc([
      section('1', [clause('1.1', 'Alpha changed.'), clause('1.3', 'Gamma.')]),
      section('2', [clause('2.1', 'Delta.'), clause('1.2', 'Beta.')]),
      section('2A', [clause('2A.1.1', 'Kept from the old text.', { from: 'AL 3.14E' })]),
    ]);
    const r = diffDocuments(base, next, info, describe_);
    expect(changeOf(r.body, 'AM 1.1')).toBe('same');
    expect(changeOf(r.body, 'AM 1.2')).toMatch(/movedFrom|movedTo/);
    const section2A = r.body.find((b) => b.kind === 'section' && b.number === '2A')!;
    expect(section2A.change?.kind).toBe('inserted');
    expect(Object.fromEntries(r.summary.clauses.map((c) => [c.id, c.change]))).toEqual({ 'AM 1.1': 'changed', 'AM 1.2': 'moved', 'AM 2A.1.1': 'retained' });
    expect(r.summary.metadata).toEqual([{ field: 'Version', from: '16.0', to: '17.0' }]);
  });

  it('records a retained clause inside an existing section with its provenance', () => {
    const next = doc([section('1', [clause('1.1', 'Alpha.'), clause('1.2', 'Beta.'), clause('1.3', 'Gamma.'), clause('1.4', 'New.', { from: 'AL 7.9A' })]), section('2', [clause('2.1', 'Delta.')])]);
    const r = diffDocuments(base, next, info, describe_);
    const s1 = r.body[0] as SectionBlock & { children: MarkedBlock[] };
    expect(s1.children[3]!.change).toEqual({ kind: 'inserted', note: 'retained from the clause AL 7.9A' });
    expect(r.summary.counts.retained).toBe(1);
  });

  it('a deleted clause keeps its text, marked deleted, in its old place', () => {
    const next = doc([section('1', [clause('1.1', 'Alpha.'), clause('1.3', 'Gamma.')]), section('2', [clause('2.1', 'Delta.')])]);
    const r = diffDocuments(base, next, info, describe_);
    const s1 = r.body[0] as SectionBlock & { children: MarkedBlock[] };
    expect(s1.children.map((c) => (c.kind === 'clause' ? `${c.number}:${c.change?.kind ?? 'same'}` : ''))).toEqual(['1.1:same', '1.2:deleted', '1.3:same']);
  });

  it('a document missing from the base is all inserted and says so', () => {
    const r = diffDocuments(undefined, base, info, describe_);
    expect(r.redline.baseMissing).toBe(true);
    expect(r.body.every((b) => b.change?.kind === 'inserted')).toBe(true);
  });

  it('table rows added and removed are row changes; cells are word-diffed', () => {
    const table = (rows: string[][]): Block => ({ kind: 'table', align: [null, null], header: [{ content: [{ kind: 'text', text: 'A' }] }, { content: [{ kind: 'text', text: 'B' }] }], rows: rows.map((r) => r.map((c) => ({ content: [{ kind: 'text', text: c }] }))) });
    const b = doc([section('1', [clause('1.1', 'T.', { children: [table([['x', 'one'], ['y', 'two']])] })])]);
    const n = doc([section('1', [clause('1.1', 'T.', { children: [table([['x', 'one more'], ['z', 'three'], ['y', 'two']])] })])]);
    const r = diffDocuments(b, n, info, describe_);
    const t = ((r.body[0] as SectionBlock).children[0] as ClauseBlock).children[0] as Block & { rowChanges?: Array<{ kind: string } | undefined> };
    expect(t.rowChanges?.map((c) => c?.kind ?? 'same')).toEqual(['same', 'inserted', 'same']);
    // A change inside a table is the table's, listed by the clause it sits in; the clause's own words did not change.
    expect(r.summary.clauses).toEqual([{ id: 'table in AM 1.1', kind: 'table', change: 'changed', anchor: 'c-1.1' }]);
    expect(r.summary.counts.changed).toBe(0);
  });

  it('lists a footnote-only change and counts clauses, definitions, tables and footnotes apart', () => {
    const note = (number: number, text: string) => ({ number, children: [{ kind: 'paragraph', content: [{ kind: 'text', text }] } as Block] });
    const defs = (entries: Array<[string, string]>): Block => ({ kind: 'definitions', anchor: 'defs', entries: entries.map(([term, text]) => ({ term, anchor: `d-${term}`, lead: [{ kind: 'text', text }], children: [] })) });
    const marked = (text: string): ClauseBlock => clause('1.1', text, { lead: [{ kind: 'text', text }, { kind: 'footnoteRef', number: 1, first: true }] });
    const b = { ...doc([section('1', [marked('Alpha.'), clause('1.2', 'Beta.')]), defs([['Lamp', 'a light'], ['Post', 'a pole']])], '16.0'), footnotes: [note(1, 'Said in 2019.')] };
    const n = { ...doc([section('1', [marked('Alpha.'), clause('1.2', 'Beta, amended.')]), defs([['Lamp', 'a bright light'], ['Post', 'a pole'], ['Rope', 'a line']])]), footnotes: [note(1, 'Said in 2019 and again in 2024.')] };
    const r = diffDocuments(b, n, info, describe_);
    expect(r.summary.clauses.map((c) => `${c.kind} ${c.id} ${c.change}`)).toEqual([
      'clause AM 1.2 changed',
      'definition definition: Lamp changed',
      'definition definition: Rope inserted',
      'footnote footnote 1 changed',
    ]);
    // Only clauses are clauses: "1 clause changed", not 3.
    expect(Object.values(r.summary.counts).reduce((x, y) => x + y, 0)).toBe(1);
    // The footnote's change links to the clause that marks it.
    expect(r.summary.clauses.at(-1)!.anchor).toBe('c-1.1');
    // The unchanged mark keeps pointing at the reworded note, which is word-diffed.
    expect(r.footnotes.map((f) => f.number)).toEqual([1]);
  });

  it('renumbers the footnote marks of the base to the notes they align with, leaving the base model as it was', () => {
    const note = (number: number, text: string) => ({ number, children: [{ kind: 'paragraph', content: [{ kind: 'text', text }] } as Block] });
    const marked = (id: string, text: string, number: number): ClauseBlock => clause(id, text, { lead: [{ kind: 'text', text }, { kind: 'footnoteRef', number, first: true }] });
    const b = { ...doc([section('1', [marked('1.1', 'Alpha.', 1), marked('1.2', 'Beta.', 2)])], '16.0'), footnotes: [note(1, 'First note.'), note(2, 'Second note.')] };
    const before = structuredClone(b);
    // The first note goes; the second becomes note 1 and its mark, in an unchanged clause, is not a change.
    const n = { ...doc([section('1', [clause('1.1', 'Alpha.'), marked('1.2', 'Beta.', 1)])]), footnotes: [note(1, 'Second note.')] };
    const r = diffDocuments(b, n, info, describe_);
    expect(r.summary.clauses.map((c) => `${c.id} ${c.change}`)).toEqual(['AM 1.1 changed', 'footnote 2 deleted']);
    expect(r.footnotes.map((f) => f.number)).toEqual([1, 2]);
    expect(b).toEqual(before);
  });

  it('a clause that changes section is the move; those that keep theirs stay put', () => {
    const b = doc([section('1', [clause('1.1', 'A.'), clause('1.2', 'B.')]), section('2', [clause('2.1', 'C.'), clause('2.2', 'D.')])], '16.0');
    const n = doc([section('1', [clause('1.1', 'A.'), clause('2.2', 'D.')]), section('2', [clause('2.1', 'C.'), clause('1.2', 'B.')])]);
    const r = diffDocuments(b, n, info, describe_);
    expect(Object.fromEntries(r.summary.clauses.map((c) => [c.id, c.change]))).toEqual({ 'AM 2.2': 'moved', 'AM 1.2': 'moved' });
    const s1 = r.body[0] as SectionBlock & { children: MarkedBlock[] };
    expect(s1.children.map((c) => c.change?.note ?? '')).toEqual(['', 'moved to Section 2', 'moved from Section 2']);
  });

  it('table rows with a unique first cell are matched by it: a row removed and one added are not paired', () => {
    const table = (rows: string[][]): Block => ({ kind: 'table', align: [null, null], header: [{ content: [{ kind: 'text', text: 'Code' }] }, { content: [{ kind: 'text', text: 'Meaning' }] }], rows: rows.map((r) => r.map((c) => ({ content: [{ kind: 'text', text: c }] }))) });
    const b = doc([section('1', [clause('1.1', 'T.', { children: [table([['W1', 'small'], ['W2', 'medium'], ['W3', 'large']])] })])]);
    const n = doc([section('1', [clause('1.1', 'T.', { children: [table([['W1', 'small'], ['W2', 'middling'], ['W4', 'huge']])] })])]);
    const r = diffDocuments(b, n, info, describe_);
    const t = ((r.body[0] as SectionBlock).children[0] as ClauseBlock).children[0] as Extract<Block, { kind: 'table' }>;
    expect(t.rowChanges?.map((c) => c?.kind ?? 'same')).toEqual(['same', 'same', 'deleted', 'inserted']);
  });
});
