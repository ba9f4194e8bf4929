import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../model/dates.js';
import type { Block, Footnote, Inline, RenderDocument, TableBlock } from '../../model/document.js';
import { DEFAULT_THEME } from '../../theme/theme.js';
import { breakLines, toPieces, type Measurer } from './lines.js';
import { layoutDocument } from './layoutDocument.js';
import { pageGeometry } from './metrics.js';
import type { DocumentLayout, Op } from './types.js';

/** Every character half an em wide: easy sums. */
const fixed: Measurer = {
  width: (_font, size, text) => text.length * size * 0.5,
  ascent: (_font, size) => size * 0.8,
  lineSpacing: (_font, size) => size * 1.2,
};

const theme = { size: 10, colour: '000000', linkColour: '0000FF', lineHeight: 1 };
const text = (t: string): Inline => ({ kind: 'text', text: t });

function model(body: Block[], footnotes: Footnote[] = []): RenderDocument {
  return {
    code: 'T',
    title: 'Test',
    shortTitle: 'T',
    reference: 'Test',
    version: '1',
    status: 'draft',
    asAt: '2025-01-01' as IsoDate,
    asAtText: '1 January 2025',
    running: { headerLeft: 'Test', headerRight: 'Version 1', footerLeft: 'As at 1 January 2025', page: 'Page {page} of {pages}' },
    metadata: { title: 'Test', author: 'a', subject: 's', keywords: [], language: 'en-GB', date: new Date(0) },
    cover: { reference: 'Test', title: 'Test', facts: [], notice: [], preamble: [], boilerplate: [] },
    contentsTitle: 'Contents',
    contents: [],
    body,
    footnotes,
    omitted: [],
    problems: [],
  };
}

const texts = (layout: DocumentLayout, page: number) => layout.pages[page]!.ops.filter((o): o is Extract<Op, { kind: 'text' }> => o.kind === 'text');

describe('breakLines', () => {
  it('fills lines up to the width and breaks at spaces', () => {
    const lines = breakLines(toPieces([text('aaaa bbbb cccc dddd')], theme), 50, fixed, theme);
    expect(lines.map((l) => l.segments.map((s) => s.text).join(''))).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(lines[0]!.softEnd).toBe(true);
    expect(lines[1]!.softEnd).toBe(false);
  });

  it('splits a word longer than a line by characters', () => {
    const lines = breakLines(toPieces([text('x'.repeat(25))], theme), 50, fixed, theme);
    expect(lines.map((l) => l.segments[0]!.text.length)).toEqual([10, 10, 5]);
  });

  it('keeps one link identity over a line break and records first footnote marks', () => {
    const inlines: Inline[] = [{ kind: 'reference', raw: 'X 1', text: 'Clause one two three', target: { kind: 'internal', anchor: 'X_1' } }, { kind: 'footnoteRef', number: 1, first: true }];
    const lines = breakLines(toPieces(inlines, theme), 60, fixed, theme);
    const ids = lines.flatMap((l) => l.segments.filter((s) => s.style.link).map((s) => s.style.link!.id));
    expect(lines.length).toBe(2);
    expect(new Set(ids).size).toBe(1);
    expect(lines[1]!.footnotes).toEqual([1]);
  });

  it('honours hard breaks', () => {
    const lines = breakLines(toPieces([text('one'), { kind: 'break' }, text('two')], theme), 500, fixed, theme);
    expect(lines.length).toBe(2);
  });
});

describe('layoutDocument', () => {
  const g = pageGeometry(DEFAULT_THEME);

  it('repeats a table header on every page and never splits a row', () => {
    const table: TableBlock = {
      kind: 'table',
      align: [null, null],
      header: [{ content: [text('Code')] }, { content: [text('Meaning')] }],
      rows: Array.from({ length: 90 }, (_, i) => [{ content: [text(`R${i}`)] }, { content: [text(i % 7 === 0 ? 'a longer meaning that wraps onto a second line of the narrow cell '.repeat(2) : 'short')] }]),
    };
    const layout = layoutDocument(model([{ kind: 'section', id: 'T 1', number: '1', title: [text('Tables')], titleText: 'Tables', anchor: 'T_1', children: [table] }]), DEFAULT_THEME, fixed);
    const bodyPages = layout.pages.map((_, i) => i).filter((i) => texts(layout, i).some((t) => /^R\d+$/.test(t.text)));
    expect(bodyPages.length).toBeGreaterThan(1);
    for (const p of bodyPages) expect(texts(layout, p).some((t) => t.text.trim() === 'Code')).toBe(true);
    // A row's cells are all on one page: every row label's page holds all of that row's lines.
    const rowPage = new Map<string, number>();
    for (const p of bodyPages) for (const t of texts(layout, p)) if (/^R\d+$/.test(t.text)) rowPage.set(t.text, p);
    expect(rowPage.size).toBe(90);
    for (const p of bodyPages) for (const t of texts(layout, p)) expect(t.y).toBeLessThanOrEqual(g.bottom);
    // Repeated headers are artifacts: only the first has a structure element.
    const headerCells = layout.pages.flatMap((page) => page.ops.filter((o) => o.kind === 'text' && o.text.trim() === 'Code'));
    expect(headerCells.filter((o) => o.kind === 'text' && o.struct).length).toBe(1);
  });

  it('splits a row taller than a page between lines, never through one', () => {
    const tall: TableBlock = { kind: 'table', align: [null], header: [{ content: [text('Head')] }], rows: [[{ content: [text('word '.repeat(3000))] }]] };
    const layout = layoutDocument(model([tall]), DEFAULT_THEME, fixed);
    expect(layout.warnings).toContain('a table row is taller than a page and is split between its lines');
    for (let p = 0; p < layout.pages.length; p++) for (const t of texts(layout, p)) expect(t.y).toBeLessThanOrEqual(g.bottom + 0.01);
  });

  it('sets a footnote at the foot of the page that carries its mark', () => {
    const filler: Block[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'paragraph', content: [text(`Filler paragraph ${i} with some words in it.`)] }));
    const marked: Block = { kind: 'paragraph', content: [text('The marked sentence.'), { kind: 'footnoteRef', number: 1, first: true }] };
    const layout = layoutDocument(model([...filler, marked, ...filler], [{ number: 1, children: [{ kind: 'paragraph', content: [text('The footnote text.')] }] }]), DEFAULT_THEME, fixed);
    const pageOf = (needle: string) => layout.pages.findIndex((_, p) => texts(layout, p).some((t) => t.text.includes(needle)));
    expect(pageOf('The footnote text.')).toBe(pageOf('The marked sentence.'));
    const note = texts(layout, pageOf('The footnote text.')).find((t) => t.text.includes('The footnote text.'))!;
    expect(note.struct?.parent?.type).toBe('Note');
  });

  it('keeps a heading with the text that follows it', () => {
    const filler: Block[] = Array.from({ length: 200 }, (_, i) => ({ kind: 'paragraph', content: [text(`Line ${i}`)] }));
    const body: Block[] = [...filler.slice(0, 47), { kind: 'heading', level: 2, content: [text('Kept Heading')], anchor: 'T_heading_1' }, ...filler.slice(47)];
    const layout = layoutDocument(model(body), DEFAULT_THEME, fixed);
    const p = layout.pages.findIndex((_, i) => texts(layout, i).some((t) => t.text === 'Kept Heading'));
    const after = texts(layout, p).findIndex((t) => t.text === 'Kept Heading');
    expect(texts(layout, p).length).toBeGreaterThan(after + 1);
  });

  it('keeps a table caption, and a heading before it, with the table that follows, wherever the page ends', () => {
    const filler: Block[] = Array.from({ length: 200 }, (_, i) => ({ kind: 'paragraph', content: [text(`Line ${i}`)] }));
    const table: TableBlock = { kind: 'table', align: [null, null], header: [{ content: [text('Part')] }, { content: [text('Kept')] }], rows: [[{ content: [text('Widget')] }, { content: [text('yes')] }]] };
    const pageOf = (layout: DocumentLayout, needle: string) => layout.pages.findIndex((_, i) => texts(layout, i).some((t) => t.text.includes(needle)));
    const headingBlock: Block = { kind: 'heading', level: 2, content: [text('Parts Heading')], anchor: 'T_h' };
    let moved = 0;
    // Every place on a page in turn, with and without a heading above: the caption (and the heading) is never
    // parted from the table's head.
    for (const heading of [false, true]) {
      for (let before = 30; before < 60; before++) {
        const body: Block[] = [
          ...filler.slice(0, before),
          ...(heading ? [headingBlock] : []),
          { kind: 'paragraph', caption: true, content: [{ kind: 'strong', children: [text('Table 1 \u2013 Parts kept')] }] },
          table,
          ...filler.slice(before),
        ];
        const layout = layoutDocument(model(body), DEFAULT_THEME, fixed);
        const head = pageOf(layout, 'Widget');
        expect(pageOf(layout, 'Table 1'), `${before} lines before`).toBe(head);
        if (heading) expect(pageOf(layout, 'Parts Heading'), `${before} lines before`).toBe(head);
        if (pageOf(layout, `Line ${before - 1}`) < head) moved++;
      }
    }
    // Some of those places are at a page's foot, where the three had to move together.
    expect(moved).toBeGreaterThan(0);
  });

  it('puts the cover on its own page without running heads and records anchors', () => {
    const layout = layoutDocument(model([{ kind: 'section', id: 'T 1', number: '1', title: [text('One')], titleText: 'One', anchor: 'T_1', children: [] }]), DEFAULT_THEME, fixed);
    expect(layout.pages[0]!.running).toBe(false);
    expect(layout.pages.at(-1)!.running).toBe(true);
    expect(layout.anchors.get('T_start')?.page).toBe(0);
    expect(layout.anchors.get('T_1')?.page).toBe(1);
    expect(layout.outline).toEqual([{ title: '1 One', anchor: 'T_1' }]);
  });
});

describe('keeping headings with what follows', () => {
  /** A section whose clause opens with a change note, then a two-line lead: more than the old two-line reserve. */
  const section = (n: number, filler: number): Block[] => [
    { kind: 'section', id: `T ${n}`, number: String(n), title: [text(`Heading ${n}`)], titleText: `Heading ${n}`, anchor: `T_${n}`, children: [
      ...Array.from({ length: filler }, (): Block => ({ kind: 'paragraph', content: [text('filler words to take up room on the page ')] })),
    ] },
    { kind: 'section', id: `T ${n}x`, number: `${n}x`, title: [text(`Next ${n}`)], titleText: `Next ${n}`, anchor: `T_${n}x`, children: [
      { kind: 'clause', id: `T ${n}x.1`, number: `${n}x.1`, anchor: `T_${n}x_1`, lead: [text('A clause whose text runs over two lines at least, with enough words to wrap around once more.')], children: [], change: { kind: 'inserted', note: 'retained from elsewhere' } },
    ] },
  ];

  it('never leaves a section heading as the last thing on a page, whatever comes before it', () => {
    const headingsAtFoot: string[] = [];
    let checked = 0;
    for (let filler = 20; filler <= 70; filler++) {
      const m = { ...model(section(1, filler)), redline: { author: 'a', date: '2025-01-01T00:00:00Z', baseVersion: '0', baseLabel: 'b', summary: { counts: { inserted: 0, deleted: 0, changed: 0, moved: 0, retained: 0 }, clauses: [], metadata: [] }, sides: { next: model([]) } } } as RenderDocument;
      const layout = layoutDocument(m, DEFAULT_THEME, fixed);
      for (let p = 0; p < layout.pages.length - 1; p++) {
        const body = texts(layout, p).filter((o) => o.struct);
        const last = body.at(-1);
        if (!last) continue;
        checked++;
        if (last.struct!.type === 'H1') headingsAtFoot.push(`filler ${filler}, page ${p + 1}: ${last.text}`);
      }
      // The heading's anchor is on the page its first clause starts on.
      expect(layout.anchors.get('T_1x')!.page, `filler ${filler}`).toBe(layout.anchors.get('T_1x_1')?.page ?? layout.anchors.get('T_1x')!.page);
    }
    expect(checked).toBeGreaterThan(50);
    expect(headingsAtFoot).toEqual([]);
  });
});

describe('a layout asked only where things fall', () => {
  it('puts every anchor on the page a full layout does, drawing nothing', () => {
    const filler = (n: number, words: string): Block[] => Array.from({ length: n }, (_, i) => ({ kind: 'paragraph', content: [text(`${words} ${i} `.repeat(1 + (i % 4)))] }));
    const table: TableBlock = { kind: 'table', align: [null, null], header: [{ content: [text('Part')] }, { content: [text('Kept')] }], rows: Array.from({ length: 30 }, (_, i) => [{ content: [text(`Widget ${i}`)] }, { content: [text('yes '.repeat(1 + (i % 9)))] }]) };
    let compared = 0;
    for (let before = 10; before < 70; before += 3) {
      const body: Block[] = [
        { kind: 'section', id: 'T 1', number: '1', title: [text('First')], titleText: 'First', anchor: 'T_1', children: [
          ...filler(before, 'some filler words'),
          { kind: 'heading', level: 2, content: [text('Kept Heading')], anchor: 'T_h' },
          { kind: 'paragraph', content: [text('Marked.'), { kind: 'footnoteRef', number: 1, first: true }] },
          { kind: 'paragraph', caption: true, content: [text('Table 1')] },
          table,
          { kind: 'clause', id: 'T 1.1', number: '1.1', anchor: 'T_1_1', lead: [text('A clause that introduces the table that follows it:')], children: [table] },
        ] },
        { kind: 'section', id: 'T 2', number: '2', title: [text('Second')], titleText: 'Second', anchor: 'T_2', children: filler(before, 'more') },
      ];
      const doc = model(body, [{ number: 1, children: [{ kind: 'paragraph', content: [text('A note long enough to take two lines of the foot of the page. '.repeat(3))] }] }]);
      const full = layoutDocument(doc, DEFAULT_THEME, fixed);
      const places = layoutDocument(doc, DEFAULT_THEME, fixed, { placesOnly: true });
      expect([...places.anchors], `${before}`).toEqual([...full.anchors]);
      expect(places.pages.length).toBe(full.pages.length);
      expect(places.pages.every((p) => p.ops.length === 0)).toBe(true);
      compared += full.anchors.size;
    }
    expect(compared).toBeGreaterThanOrEqual(100);
  });
});
