import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../model/dates.js';
import type { Block, Inline, RenderDocument } from '../../model/document.js';
import { DEFAULT_THEME } from '../../theme/theme.js';
import { layoutDocument } from './layoutDocument.js';
import { LineReuse } from './lineReuse.js';
import { breakLines, toPieces, type InlineTheme, type Measurer } from './lines.js';
import type { DocumentLayout } from './types.js';

/** Every character half an em wide, counting the texts it measures. */
function counting(): Measurer & { calls: number } {
  const m = {
    calls: 0,
    width: (_font: string, size: number, text: string) => {
      m.calls++;
      return text.length * size * 0.5;
    },
    ascent: (_font: string, size: number) => size * 0.8,
    lineSpacing: (_font: string, size: number) => size * 1.2,
  };
  return m as Measurer & { calls: number };
}

const text = (t: string): Inline => ({ kind: 'text', text: t });
const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i % 9}w${i}`).join(' ');
const clause = (n: number, lead: Inline[]): Block => ({ kind: 'clause', id: `T ${n}`, number: String(n), anchor: `T_${n}`, lead, children: [] });

function model(body: Block[]): RenderDocument {
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
    footnotes: [],
    omitted: [],
    problems: [],
  };
}

/** A layout as plain data, each link known by its order of appearance rather than by its number. */
function plain(layout: DocumentLayout): unknown {
  const links = new Map<number, number>();
  return JSON.parse(
    JSON.stringify({ pages: layout.pages, anchors: [...layout.anchors] }, (key, value: unknown) => {
      if (key === 'parent') return undefined;
      if (key === 'id' && typeof value === 'number') return value;
      if (key === 'link' && value && typeof value === 'object') {
        const link = value as { id: number };
        if (!links.has(link.id)) links.set(link.id, links.size);
        return { ...link, id: links.get(link.id) };
      }
      return value;
    }),
  );
}

const linked = (anchor: string): Inline => ({ kind: 'reference', raw: anchor, text: `Clause ${anchor}`, target: { kind: 'internal', anchor } });

describe('LineReuse', () => {
  const clean = model(Array.from({ length: 40 }, (_, i) => clause(i + 1, [text(words(30 + (i % 5), 'a')), linked('T_1'), text(' and so on.')])));
  // The next version: clause 7 rewritten, clause 20 gone, a new one at the end.
  const changed = model([...clean.body.slice(0, 6), clause(7, [text(words(31, 'z'))]), ...clean.body.slice(7, 19), ...clean.body.slice(20), clause(41, [text(words(12, 'n'))])]);

  it('lays out a second version exactly as without it, breaking only the paragraphs the first had not', () => {
    const lines = new LineReuse();
    layoutDocument(clean, DEFAULT_THEME, counting(), { reuse: lines.session('fixed') });
    const alone = counting();
    const expected = layoutDocument(changed, DEFAULT_THEME, alone);
    const reusing = counting();
    const actual = layoutDocument(changed, DEFAULT_THEME, reusing, { reuse: lines.session('fixed') });
    expect(plain(actual)).toEqual(plain(expected));
    // 39 of the 41 clauses were in the first layout (and the headings and cover lines it shares).
    expect(lines.counts.reused).toBeGreaterThanOrEqual(39);
    expect(reusing.calls).toBeLessThan(alone.calls / 5);
  });

  it('shares lines only within one measuring family', () => {
    const lines = new LineReuse();
    layoutDocument(clean, DEFAULT_THEME, counting(), { reuse: lines.session('one') });
    layoutDocument(changed, DEFAULT_THEME, counting(), { reuse: lines.session('other') });
    expect(lines.counts.reused).toBe(0);
  });

  it('never takes lines a layout broke itself, and takes each kept set once per layout', () => {
    const same = [text(words(20, 's')), linked('T_2')];
    const twice = model([clause(1, same), clause(2, same)]);
    const lines = new LineReuse();
    const first = layoutDocument(twice, DEFAULT_THEME, counting(), { reuse: lines.session('fixed') });
    expect(lines.counts.reused).toBe(0);
    // Each placement has its own link: the two Link elements of the structure stay apart.
    const linkOps = (layout: DocumentLayout) => layout.pages.flatMap((p) => p.ops).filter((o) => o.kind === 'link');
    expect(new Set(linkOps(first).map((o) => o.struct)).size).toBe(2);
    const thrice = model([clause(1, same), clause(2, same), clause(3, same)]);
    const m = counting();
    const second = layoutDocument(thrice, DEFAULT_THEME, m, { reuse: lines.session('fixed') });
    expect(lines.counts.reused).toBeGreaterThanOrEqual(2);
    expect(m.calls).toBeGreaterThan(0);
    expect(new Set(linkOps(second).map((o) => o.struct)).size).toBe(3);
  });

  it('tells apart paragraphs that differ in width, style, link target or footnote mark', () => {
    const theme: InlineTheme = { size: 10, colour: '000000', linkColour: '0000FF', lineHeight: 1 };
    const variants: Array<[Inline[], number, InlineTheme?]> = [
      [[text('one two three')], 100],
      [[text('one two three')], 90],
      [[text('one two three')], 100, { ...theme, size: 11 }],
      [[{ kind: 'strong', children: [text('one two three')] }], 100],
      // The same words, linked to different places.
      [[text('one two '), { kind: 'reference', raw: 'x', text: 'three', target: { kind: 'internal', anchor: 'A_1' } }], 100],
      [[text('one two '), { kind: 'reference', raw: 'x', text: 'three', target: { kind: 'internal', anchor: 'A_2' } }], 100],
      [[text('one two '), { kind: 'reference', raw: 'x', text: 'three', target: { kind: 'document', doc: 'B', anchor: 'A_2' } }], 100],
      [[text('one two '), { kind: 'link', target: { kind: 'url', url: 'https://example.org/a' }, children: [text('three')] }], 100],
      [[text('one two '), { kind: 'link', target: { kind: 'url', url: 'https://example.org/b' }, children: [text('three')] }], 100],
      [[text('one two'), { kind: 'footnoteRef', number: 1, first: true }], 100],
      [[text('one two'), { kind: 'footnoteRef', number: 1, first: false }], 100],
      [[text('one two'), { kind: 'footnoteRef', number: 2, first: true }], 100],
      [[{ kind: 'insertion', children: [text('one two three')] }], 100],
    ];
    const lines = new LineReuse();
    const m = counting();
    const first = lines.session('fixed');
    const broken = variants.map(([inlines, width, t]) => first.lines(toPieces(inlines, t ?? theme), width, t ?? theme, () => ({ lines: breakLines(toPieces(inlines, t ?? theme), width, m, t ?? theme), missing: [] }), () => {}));
    first.end();
    // Asked for in the opposite order: two variants taken for one would swap their lines.
    const second = lines.session('fixed');
    const made: number[] = [];
    for (let i = variants.length - 1; i >= 0; i--) {
      const [inlines, width, t] = variants[i]!;
      const taken = second.lines(toPieces(inlines, t ?? theme), width, t ?? theme, () => {
        made.push(i);
        return { lines: [], missing: [] };
      }, () => {});
      expect(taken, `variant ${i}`).toBe(broken[i]);
    }
    expect(made).toEqual([]);
    expect(lines.counts.reused).toBe(variants.length);
  });

  it('carries the characters a font had no glyph for with the lines taken over', () => {
    const noted: string[] = [];
    let sink: string[] | undefined;
    const m: Measurer = {
      ...counting(),
      width: (_font, size, t) => {
        if (t.includes('\u2603')) sink?.push('U+2603 \u2603');
        return t.length * size * 0.5;
      },
      watchMissing: (to) => (sink = to),
      addMissing: (found) => noted.push(...found),
    };
    const doc = model([clause(1, [text('a snowman \u2603 here')])]);
    const lines = new LineReuse();
    layoutDocument(doc, DEFAULT_THEME, m, { reuse: lines.session('fixed') });
    expect(noted).toEqual([]);
    layoutDocument(doc, DEFAULT_THEME, m, { reuse: lines.session('fixed') });
    expect(lines.counts.reused).toBeGreaterThan(0);
    expect(noted).toContain('U+2603 \u2603');
  });
});
