import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceBreakLines } from '../../test/referenceLines.js';
import LineBreaker from 'linebreak';
import { breakLines, breakOpportunities, scanBreaks, toPieces, type InlineTheme, type Line, type Measurer } from './lines.js';
import type { Inline } from '../../model/document.js';

/** Every character one point wide: line widths are character counts. */
const mono: Measurer = { width: (_f, _s, text) => [...text].length, ascent: () => 8, lineSpacing: () => 10 };
const theme: InlineTheme = { size: 10, colour: '000000', linkColour: '0000FF', lineHeight: 1 };
const text = (line: Line) => line.segments.map((s) => s.text).join('');
const lay = (inlines: Inline[], width: number) => breakLines(toPieces(inlines, theme), width, mono, theme).map(text);
const t = (s: string): Inline => ({ kind: 'text', text: s });

describe('breakLines (UAX #14)', () => {
  it('breaks a hyphenated compound after its hyphens, adding nothing', () => {
    expect(lay([t('a pre-migration-configuration step')], 16)).toEqual(['a pre-migration-', 'configuration', 'step']);
  });

  it('breaks a web address after its slashes, not character by character', () => {
    const lines = lay([t('see https://example.org/smart/energy/code now')], 20);
    expect(lines).toEqual(['see https://', 'example.org/smart/', 'energy/code now']);
  });

  it('never breaks at a no-break space', () => {
    expect(lay([t('on 17\u00a0October 2025')], 12)).toEqual(['on', '17\u00a0October', '2025']);
  });

  it('splits by characters only a word that fits no line', () => {
    expect(lay([t('abcdefghij')], 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps a deleted word and the inserted word that replaces it apart, with an unmarked space', () => {
    const pieces = toPieces([t('every '), { kind: 'deletion', children: [t('month')] }, { kind: 'insertion', children: [t('quarter')] }, t(' here')], theme);
    const [line] = breakLines(pieces, 100, mono, theme);
    expect(text(line!)).toBe('every month quarter here');
    const gap = line!.segments.find((s) => s.text === ' ' && !s.style.change);
    expect(gap).toBeDefined();
    expect(gap!.style.strike ?? false).toBe(false);
    expect(gap!.style.underline ?? false).toBe(false);
  });
});

describe('breakLines against the plain token-list reading (fast-check)', () => {
  /** Widths that differ by character, font and size, with fractions, so that sums round as real widths do. */
  const varied: Measurer = {
    width: (font, size, s) => {
      let w = 0;
      for (const ch of s) w += ((ch.codePointAt(0)! % 7) + 3.3 + (font === 'bold' ? 0.7 : font === 'mono' ? 1.1 : 0)) * (size / 10);
      return w;
    },
    ascent: (font, size) => size * (font === 'mono' ? 0.75 : 0.8),
    lineSpacing: (font, size) => size * (font === 'bold' ? 1.25 : 1.2),
  };
  const words = ['a', 'word', 'Supplier', 'pre-migration', 'https://example.org/a/b', '3.201', '17\u00a0October', 'x'.repeat(30), '—', 'Ō', ''];
  const gaps = [' ', '  ', '\t', ' \u2003', ''];
  const textArb = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...gaps)), { maxLength: 8 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
  const inlineArb: fc.Arbitrary<Inline> = fc.letrec<{ inline: Inline }>((tie) => ({
    inline: fc.oneof(
      { weight: 6, arbitrary: textArb.map((s): Inline => ({ kind: 'text', text: s })) },
      { weight: 1, arbitrary: fc.constant<Inline>({ kind: 'break' }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n): Inline => ({ kind: 'footnoteRef', number: n, first: n !== 2 })) },
      { weight: 1, arbitrary: textArb.map((s): Inline => ({ kind: 'code', text: s })) },
      { weight: 1, arbitrary: textArb.map((s): Inline => ({ kind: 'reference', raw: s, text: s, target: { kind: 'internal', anchor: 'A_1' } })) },
      { weight: 1, arbitrary: fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ kind: 'strong', children })) },
      { weight: 1, arbitrary: fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ kind: 'insertion', children })) },
      { weight: 1, arbitrary: fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ kind: 'deletion', children })) },
    ),
  })).inline;

  it('gives the same lines, segment for segment, as the reference', () => {
    fc.assert(
      fc.property(fc.array(inlineArb, { maxLength: 12 }), fc.integer({ min: 8, max: 400 }), fc.constantFrom<InlineTheme['font']>(undefined, 'bold', 'mono'), (inlines, width, font) => {
        const th: InlineTheme = { ...theme, font, lineHeight: 1.15 };
        const pieces = toPieces(inlines, th);
        const lines = breakLines(pieces, width, varied, th);
        expect(lines).toEqual(referenceBreakLines(pieces, width, varied, th));
        // Measuring only gives the same lines without their segments.
        expect(breakLines(pieces, width, varied, th, true)).toEqual(lines.map((l) => ({ ...l, segments: [] })));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('breakOpportunities', () => {
  const breaker = (text: string) => {
    const b = new LineBreaker(text);
    const out: number[] = [];
    for (let bk = b.nextBreak(); bk; bk = b.nextBreak()) out.push(bk.position);
    return out;
  };

  /** Text of up to 40 characters, mostly from `plain` and one in `weight` + 1 from `other`, checked by `holds` 20,000 times. */
  const forProse = (plain: string, other: string, weight: number, holds: (text: string) => void) => {
    const pick = (chars: string) => fc.constantFrom(...chars.split(''));
    const text = fc.array(fc.oneof({ weight, arbitrary: pick(plain) }, { weight: 1, arbitrary: pick(other) }), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        holds(t);
      }),
      { numRuns: 20_000 },
    );
  };

  it('finds where the UAX #14 line breaker finds, in plain prose and in anything else (fast-check)', () => {
    // Mostly the letters, digits, spaces and stops of the shortcut; now and then a character that leaves it to the breaker.
    forProse('aZ9 .,:;', '-/()[]\'"!?\u00a0\t\u2014§é', 12, (t) => expect(breakOpportunities(t)).toEqual(breaker(t)));
  });

  it('finds them in sentences as regulations write them', () => {
    for (const t of ['The Supplier shall, within 10 Working Days, notify the DCC.', '  two  spaces  ', 'ends with a stop .', 'clause 3.201 applies; see 4.12:', 'a']) expect(breakOpportunities(t), t).toEqual(breaker(t));
  });

  /** Breaking white space: not the no-break spaces (U+00A0, U+2007, U+202F). */
  const white = /[ \t\n\f\r\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]/;
  /** The words and spaces between the breaker's opportunities: each stretch's white space at either end, and its word. */
  const stretches = (text: string) => {
    const out: string[] = [];
    let last = 0;
    for (const end of breaker(text)) {
      let a = last;
      while (a < end && white.test(text[a]!)) a++;
      if (a > last) out.push(`space@${last}`);
      let b = end;
      while (b > a && white.test(text[b - 1]!)) b--;
      if (b > a) out.push(`word ${text.slice(a, b)}@${a}`);
      if (end > b) out.push(`space@${b}`);
      last = end;
    }
    return out;
  };
  const scanned = (text: string) => {
    const out: string[] = [];
    scanBreaks(text, (at) => out.push(`space@${at}`), (a, b) => out.push(`word ${text.slice(a, b)}@${a}`));
    return out;
  };

  it('reads the words and spaces between those opportunities, plain prose by its shortcut included (fast-check)', () => {
    forProse('aZ9  .,:;', '-/()\'!\u00a0\t\u2014é', 30, (t) => expect(scanned(t)).toEqual(stretches(t)));
    for (const t of ['', ' ', '   ', 'a', '  lead', 'trail  ', 'two  spaces  here', 'The DCC shall, within 10 days, act.']) expect(scanned(t), JSON.stringify(t)).toEqual(stretches(t));
  });
});
