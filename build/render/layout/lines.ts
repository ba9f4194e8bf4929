/**
 * Inline content → styled pieces → lines that fit a width. Lines break where Unicode line breaking (UAX #14) allows:
 * at spaces, after a hyphen, after the slashes of a web address — never inside a word, and not at a no-break space.
 * The layout measures through a `Measurer`, so the same line breaking serves the PDF (DejaVu, embedded) and the DOCX
 * page-number estimate (Helvetica/Arial metrics).
 */
import LineBreaker from 'linebreak';
import type { Inline, LinkTarget } from '../../model/document.js';

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

export interface Measurer {
  width(font: FontKey, size: number, text: string): number;
  /** Ascender above the baseline, points. */
  ascent(font: FontKey, size: number): number;
  /** Font's single line spacing (ascender + descender + line gap), points. */
  lineSpacing(font: FontKey, size: number): number;
}

export interface PieceStyle {
  font: FontKey;
  size: number;
  colour: string;
  /** Identity of one link or reference: a link broken over lines is one link. */
  link?: { id: number; target: LinkTarget; text: string };
  underline?: boolean;
  strike?: boolean;
  /** Raised by this many points (footnote marks). */
  rise?: number;
  /** A footnote mark: the footnote's number, and whether this is the mark its text belongs with. */
  footnote?: { number: number; first: boolean };
  /** Redlines: inserted or deleted text (drawn in colour, underlined or struck, with a change bar). */
  change?: 'ins' | 'del';
}

export interface Piece {
  text: string;
  style: PieceStyle;
  /** Its width, once measured. */
  width?: number;
}

/** Part of a line: text in one style at an x offset from the line's start. */
export interface Segment {
  x: number;
  width: number;
  text: string;
  style: PieceStyle;
}

export interface Line {
  segments: Segment[];
  width: number;
  /** Line box height and baseline offset from its top. */
  height: number;
  ascent: number;
  /** First marks of footnotes on this line: their text must sit on the same page. */
  footnotes: number[];
  /** The line ends where a space was: text extraction should see a word break there. */
  softEnd: boolean;
}

export interface InlineTheme {
  size: number;
  colour: string;
  linkColour: string;
  lineHeight: number;
  font?: FontKey;
  /** Redlines: colours of inserted and deleted text. */
  insertedColour?: string;
  deletedColour?: string;
}

/** How inserted and deleted text look: coloured, and underlined or struck through. */
export function changeStyle(change: 'ins' | 'del', theme: Pick<InlineTheme, 'insertedColour' | 'deletedColour'>): Partial<PieceStyle> {
  return change === 'ins' ? { change, underline: true, strike: false, colour: theme.insertedColour ?? '1D6B2F' } : { change, strike: true, underline: false, colour: theme.deletedColour ?? 'B3261E' };
}

let linkCounter = 0;

function withFont(font: FontKey, change: 'bold' | 'italic'): FontKey {
  if (font === 'mono') return font;
  if (change === 'bold') return font === 'italic' || font === 'boldItalic' ? 'boldItalic' : 'bold';
  return font === 'bold' || font === 'boldItalic' ? 'boldItalic' : 'italic';
}

/** Flattens inlines into pieces of uniform style. */
export function toPieces(inlines: readonly Inline[], theme: InlineTheme, base?: Partial<PieceStyle>): Piece[] {
  const out: Piece[] = [];
  const walk = (list: readonly Inline[], style: PieceStyle) => {
    for (const inline of list) {
      switch (inline.kind) {
        case 'text':
          out.push({ text: inline.text, style });
          break;
        case 'strong':
          walk(inline.children, { ...style, font: withFont(style.font, 'bold') });
          break;
        case 'emphasis':
          walk(inline.children, { ...style, font: withFont(style.font, 'italic') });
          break;
        case 'delete':
          walk(inline.children, { ...style, strike: true });
          break;
        case 'code':
          out.push({ text: inline.text, style: { ...style, font: 'mono', size: style.size * 0.9 } });
          break;
        case 'break':
          out.push({ text: '\n', style });
          break;
        case 'footnoteRef':
          out.push({ text: String(inline.number), style: { ...style, size: style.size * 0.65, rise: style.size * 0.38, footnote: { number: inline.number, first: inline.first } } });
          break;
        case 'reference': {
          const s: PieceStyle = inline.target ? { ...style, colour: style.change ? style.colour : theme.linkColour, link: { id: ++linkCounter, target: inline.target, text: inline.text } } : style;
          out.push({ text: inline.text, style: s });
          break;
        }
        case 'link':
          walk(inline.children, { ...style, colour: style.change ? style.colour : theme.linkColour, underline: true, link: { id: ++linkCounter, target: inline.target, text: plain(inline.children) } });
          break;
        case 'insertion':
          walk(inline.children, style.change ? style : { ...style, ...changeStyle('ins', theme) });
          break;
        case 'deletion':
          walk(inline.children, style.change ? style : { ...style, ...changeStyle('del', theme) });
          break;
      }
    }
  };
  walk(inlines, { font: theme.font ?? 'regular', size: theme.size, colour: theme.colour, ...base });
  return out;
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' || i.kind === 'code' || i.kind === 'reference' ? i.text : 'children' in i ? plain(i.children) : '')).join('');
}

interface Word {
  parts: Piece[];
  width: number;
}

type Token = { kind: 'word'; word: Word } | { kind: 'space'; style: PieceStyle } | { kind: 'break' };

/** Breaking white space: collapsed to one space between words. A no-break space is part of its word. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || (c >= 0x1680 && (c === 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200a) || c === 0x205f || c === 0x3000));
}

function tokenize(pieces: readonly Piece[], m: Measurer): Token[] {
  const tokens: Token[] = [];
  let run: Piece[] = [];
  for (const piece of pieces) {
    if (piece.text === '\n') {
      tokens.push(...runTokens(run, m));
      run = [];
      tokens.push({ kind: 'break' });
    } else run.push(piece);
  }
  tokens.push(...runTokens(run, m));
  return tokens;
}

/** A space between words that are no change and a change: plain, neither underlined nor struck. */
function plainSpace(style: PieceStyle): PieceStyle {
  const { link: _link, underline: _underline, strike: _strike, footnote: _footnote, rise: _rise, change: _change, ...plain } = style;
  return plain;
}

/**
 * The words and spaces of text between forced breaks. Words are the stretches between UAX #14 break opportunities
 * (so "Pre-" and "Migration" are two words with no space between), and a word whose deleted part runs straight into
 * its inserted part ("month" struck, "quarter" underlined) is two words with a space between, so text extraction and
 * screen readers do not read them as one.
 */
function runTokens(pieces: readonly Piece[], m: Measurer): Token[] {
  const tokens: Token[] = [];
  if (!pieces.length) return tokens;
  const text = pieces.map((p) => p.text).join('');
  const starts: number[] = [];
  let offset = 0;
  for (const p of pieces) {
    starts.push(offset);
    offset += p.text.length;
  }
  let at = 0;
  const pieceAt = (i: number) => {
    while (at > 0 && starts[at]! > i) at--;
    while (at < pieces.length - 1 && starts[at + 1]! <= i) at++;
    return pieces[at]!;
  };
  const space = (style: PieceStyle) => {
    if (tokens.at(-1)?.kind !== 'space') tokens.push({ kind: 'space', style });
  };
  // Words come in order, so the first piece a word can touch only moves forward.
  let first = 0;
  const word = (from: number, to: number) => {
    let current: Word = { parts: [], width: 0 };
    while (first < pieces.length - 1 && starts[first]! + pieces[first]!.text.length <= from) first++;
    for (let i = first; i < pieces.length; i++) {
      const s = starts[i]!;
      if (s >= to) break;
      const e = s + pieces[i]!.text.length;
      if (e <= from) continue;
      const chunk = s >= from && e <= to ? pieces[i]!.text : text.slice(Math.max(from, s), Math.min(to, e));
      const style = pieces[i]!.style;
      const before = current.parts.at(-1)?.style.change;
      if (before && style.change && before !== style.change) {
        tokens.push({ kind: 'word', word: current });
        tokens.push({ kind: 'space', style: plainSpace(style) });
        current = { parts: [], width: 0 };
      }
      // The width goes with the part: placing the word on its line needs it again.
      const width = m.width(style.font, style.size, chunk);
      current.parts.push({ text: chunk, style, width });
      current.width += width;
    }
    if (current.parts.length) tokens.push({ kind: 'word', word: current });
  };
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const end = bk.position;
    let a = last;
    while (a < end && isSpace(text.charCodeAt(a))) a++;
    if (a > last) space(pieceAt(last).style);
    let b = end;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) word(a, b);
    if (end > b) space(pieceAt(b).style);
    last = end;
  }
  return tokens;
}

/** Splits a word wider than a line into pieces that fit, by characters. */
function splitWord(word: Word, max: number, m: Measurer): Word[] {
  const out: Word[] = [];
  let current: Word = { parts: [], width: 0 };
  for (const part of word.parts) {
    let text = '';
    for (const ch of part.text) {
      const w = m.width(part.style.font, part.style.size, text + ch);
      if (current.width + w > max && (current.parts.length || text)) {
        if (text) current.parts.push({ text, style: part.style });
        current.width += m.width(part.style.font, part.style.size, text);
        out.push(current);
        current = { parts: [], width: 0 };
        text = ch;
      } else text += ch;
    }
    if (text) {
      current.parts.push({ text, style: part.style });
      current.width += m.width(part.style.font, part.style.size, text);
    }
  }
  if (current.parts.length) out.push(current);
  return out;
}

function sameStyle(a: PieceStyle, b: PieceStyle): boolean {
  return (
    a === b ||
    (a.font === b.font &&
      a.size === b.size &&
      a.colour === b.colour &&
      a.link?.id === b.link?.id &&
      !a.underline === !b.underline &&
      !a.strike === !b.strike &&
      a.change === b.change &&
      (a.rise ?? 0) === (b.rise ?? 0) &&
      a.footnote?.number === b.footnote?.number)
  );
}

/** The style a space between two words takes: the word before it, unless that would stretch a link over it. */
function spaceStyle(space: PieceStyle, before: PieceStyle | undefined): PieceStyle {
  if (before && !before.footnote && before.change === space.change && (!before.link || before.link.id === space.link?.id)) return before;
  const { link: _link, underline: _underline, footnote: _footnote, rise: _rise, ...plain } = space;
  return plain;
}

/** Greedy line filling: as many words as fit, breaking where UAX #14 allows; a word too long for any line is split. */
export function breakLines(pieces: readonly Piece[], maxWidth: number, m: Measurer, theme: InlineTheme): Line[] {
  const tokens = tokenize(pieces, m);
  const lines: Line[] = [];
  let items: Array<{ word: Word; space?: PieceStyle }> = [];
  let width = 0;
  let pendingSpace: PieceStyle | undefined;
  const spaceWidth = (s: PieceStyle) => m.width(s.font, s.size, ' ');
  const emit = (softEnd = false) => {
    lines.push(buildLine(items, m, theme, softEnd));
    items = [];
    width = 0;
  };
  for (const token of tokens) {
    if (token.kind === 'break') {
      emit();
      pendingSpace = undefined;
      continue;
    }
    if (token.kind === 'space') {
      pendingSpace = token.style;
      continue;
    }
    const gap = items.length && pendingSpace ? spaceWidth(pendingSpace) : 0;
    if (items.length && width + gap + token.word.width > maxWidth) {
      emit(Boolean(pendingSpace));
      pendingSpace = undefined;
    }
    const words = token.word.width > maxWidth ? splitWord(token.word, maxWidth, m) : [token.word];
    for (const [i, word] of words.entries()) {
      if (i > 0) emit();
      const g = items.length && pendingSpace ? spaceWidth(pendingSpace) : 0;
      const item: { word: Word; space?: PieceStyle } = { word };
      if (g && pendingSpace) item.space = pendingSpace;
      items.push(item);
      width += g + word.width;
    }
    pendingSpace = undefined;
  }
  if (items.length || !lines.length) emit();
  return lines;
}

function buildLine(items: Array<{ word: Word; space?: PieceStyle }>, m: Measurer, theme: InlineTheme, softEnd: boolean): Line {
  const segments: Segment[] = [];
  const footnotes: number[] = [];
  let x = 0;
  let height = m.lineSpacing(theme.font ?? 'regular', theme.size) * theme.lineHeight;
  let ascent = m.ascent(theme.font ?? 'regular', theme.size) + (height - m.lineSpacing(theme.font ?? 'regular', theme.size)) / 2;
  const add = (text: string, style: PieceStyle, width?: number) => {
    const w = width ?? m.width(style.font, style.size, text);
    const last = segments.at(-1);
    if (last && sameStyle(last.style, style)) {
      last.text += text;
      last.width += w;
    } else segments.push({ x, width: w, text, style });
    x += w;
    if (!style.rise) {
      const lh = m.lineSpacing(style.font, style.size) * theme.lineHeight;
      if (lh > height) {
        ascent += (lh - height) / 2 + (m.ascent(style.font, style.size) - m.ascent(theme.font ?? 'regular', theme.size)) / 2;
        height = lh;
      }
    }
    if (style.footnote?.first) footnotes.push(style.footnote.number);
  };
  for (const item of items) {
    if (item.space) add(' ', spaceStyle(item.space, segments.at(-1)?.style));
    for (const part of item.word.parts) add(part.text, part.style, part.width);
  }
  return { segments, width: x, height, ascent, footnotes, softEnd };
}
