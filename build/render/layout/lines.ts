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

export interface Word {
  parts: Piece[];
  width: number;
}

/** Breaking white space: collapsed to one space between words. A no-break space is part of its word. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || (c >= 0x1680 && (c === 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200a) || c === 0x205f || c === 0x3000));
}

/** A space between words that are no change and a change: plain, neither underlined nor struck. */
export function plainSpace(style: PieceStyle): PieceStyle {
  const { link: _link, underline: _underline, strike: _strike, footnote: _footnote, rise: _rise, change: _change, ...plain } = style;
  return plain;
}

/** Splits a word wider than a line into pieces that fit, by characters. */
export function splitWord(word: Word, max: number, m: Measurer): Word[] {
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

/** Whether two styles draw text alike, so that one segment of a line can hold both. */
export function sameStyle(a: PieceStyle, b: PieceStyle): boolean {
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
export function spaceStyle(space: PieceStyle, before: PieceStyle | undefined): PieceStyle {
  if (before && !before.footnote && before.change === space.change && (!before.link || before.link.id === space.link?.id)) return before;
  const { link: _link, underline: _underline, footnote: _footnote, rise: _rise, ...plain } = space;
  return plain;
}

/**
 * Parts in order, kept in parallel arrays that are emptied and filled again: a paragraph of a thousand words makes
 * a thousand strings, not a thousand words, tokens and arrays of parts for the collector to sweep. A space part is
 * the space before a word (its style the space's as written; the line decides the style it is drawn in).
 */
class Parts {
  texts: string[] = [];
  styles: PieceStyle[] = [];
  /** A part's width when known (NaN when it is to be measured on the line). */
  widths: number[] = [];
  spaces: boolean[] = [];
  length = 0;
  width = 0;

  push(text: string, style: PieceStyle, width: number, space = false): void {
    const n = this.length++;
    this.texts[n] = text;
    this.styles[n] = style;
    this.widths[n] = width;
    this.spaces[n] = space;
  }

  clear(): void {
    this.length = 0;
    this.width = 0;
  }
}

/**
 * Greedy line filling, fed a paragraph's words, spaces and forced breaks in order: as many words as fit on a line;
 * a word too long for any line is split by characters.
 */
class LineFiller {
  readonly lines: Line[] = [];
  private readonly line = new Parts();
  /** Words on the line being filled. */
  private words = 0;
  private pendingSpace: PieceStyle | undefined;

  constructor(
    private readonly maxWidth: number,
    private readonly m: Measurer,
    private readonly theme: InlineTheme,
    private readonly measureOnly: boolean,
  ) {}

  space(style: PieceStyle): void {
    this.pendingSpace = style;
  }

  hardBreak(): void {
    this.emit(false);
    this.pendingSpace = undefined;
  }

  word(word: Parts): void {
    const { line, maxWidth } = this;
    const space = this.pendingSpace;
    const spaceBefore = this.words && space ? this.spaceWidth(space) : 0;
    if (this.words && line.width + spaceBefore + word.width > maxWidth) {
      this.emit(Boolean(space));
      this.pendingSpace = undefined;
    }
    if (word.width > maxWidth) {
      const whole: Word = { parts: [], width: word.width };
      for (let i = 0; i < word.length; i++) whole.parts.push({ text: word.texts[i]!, style: word.styles[i]!, width: word.widths[i]! });
      splitWord(whole, maxWidth, this.m).forEach((piece, i) => {
        if (i > 0) this.emit(false);
        const g = this.gap();
        for (const part of piece.parts) this.line.push(part.text, part.style, part.width ?? NaN);
        this.line.width += g + piece.width;
        this.words++;
      });
    } else {
      const g = this.gap();
      for (let i = 0; i < word.length; i++) line.push(word.texts[i]!, word.styles[i]!, word.widths[i]!);
      line.width += g + word.width;
      this.words++;
    }
    this.pendingSpace = undefined;
  }

  /** The pending space, put before the next word when the line has words already; its width. */
  private gap(): number {
    const space = this.pendingSpace;
    const gap = this.words && space ? this.spaceWidth(space) : 0;
    if (gap && space) this.line.push(' ', space, gap, true);
    return gap;
  }

  private spaceWidth(s: PieceStyle): number {
    return this.m.width(s.font, s.size, ' ');
  }

  emit(softEnd: boolean): void {
    this.lines.push(this.build(softEnd));
    this.line.clear();
    this.words = 0;
  }

  finish(): Line[] {
    if (this.words || !this.lines.length) this.emit(false);
    return this.lines;
  }

  private build(softEnd: boolean): Line {
    const { m, theme, line } = this;
    const segments: Segment[] = [];
    const footnotes: number[] = [];
    const base = theme.font ?? 'regular';
    let x = 0;
    let height = m.lineSpacing(base, theme.size) * theme.lineHeight;
    let ascent = m.ascent(base, theme.size) + (height - m.lineSpacing(base, theme.size)) / 2;
    let last: Segment | undefined;
    // Measuring only, the style a segment would have is all that is kept of it: the first of its run of equal styles.
    let lastStyle: PieceStyle | undefined;
    for (let i = 0; i < line.length; i++) {
      const text = line.texts[i]!;
      let style = line.styles[i]!;
      let w: number;
      if (line.spaces[i]) {
        style = spaceStyle(style, lastStyle);
        w = m.width(style.font, style.size, ' ');
      } else {
        const known = line.widths[i]!;
        w = Number.isNaN(known) ? m.width(style.font, style.size, text) : known;
      }
      if (lastStyle && sameStyle(lastStyle, style)) {
        if (last) {
          last.text += text;
          last.width += w;
        }
      } else {
        lastStyle = style;
        if (!this.measureOnly) segments.push((last = { x, width: w, text, style }));
      }
      x += w;
      // Text in the line's own font and size cannot make it taller than it starts.
      if (!style.rise && (style.font !== base || style.size !== theme.size)) {
        const lh = m.lineSpacing(style.font, style.size) * theme.lineHeight;
        if (lh > height) {
          ascent += (lh - height) / 2 + (m.ascent(style.font, style.size) - m.ascent(base, theme.size)) / 2;
          height = lh;
        }
      }
      if (style.footnote?.first) footnotes.push(style.footnote.number);
    }
    return { segments, width: x, height, ascent, footnotes, softEnd };
  }
}

/**
 * Reads the words and spaces of text between forced breaks into `fill`. Words are the stretches between UAX #14
 * break opportunities (so "Pre-" and "Migration" are two words with no space between), and a word whose deleted part
 * runs straight into its inserted part ("month" struck, "quarter" underlined) is two words with a space between, so
 * text extraction and screen readers do not read them as one. Runs of breaking white space are one space, in the
 * style of the piece it starts in.
 */
function readRun(pieces: readonly Piece[], from: number, to: number, m: Measurer, fill: LineFiller, word: Parts): void {
  if (from >= to) return;
  let text = pieces[from]!.text;
  for (let i = from + 1; i < to; i++) text += pieces[i]!.text;
  const starts: number[] = [];
  let offset = 0;
  for (let i = from; i < to; i++) {
    starts.push(offset);
    offset += pieces[i]!.text.length;
  }
  const count = to - from;
  const piece = (i: number) => pieces[from + i]!;
  let at = 0;
  const pieceAt = (i: number) => {
    while (at > 0 && starts[at]! > i) at--;
    while (at < count - 1 && starts[at + 1]! <= i) at++;
    return piece(at);
  };
  // Only the first of consecutive spaces counts.
  let lastWasSpace = false;
  const space = (style: PieceStyle) => {
    if (lastWasSpace) return;
    fill.space(style);
    lastWasSpace = true;
  };
  // Words come in order, so the first piece a word can touch only moves forward.
  let first = 0;
  const readWord = (a: number, b: number) => {
    word.clear();
    while (first < count - 1 && starts[first]! + piece(first).text.length <= a) first++;
    for (let i = first; i < count; i++) {
      const s = starts[i]!;
      if (s >= b) break;
      const p = piece(i);
      const e = s + p.text.length;
      if (e <= a) continue;
      const chunk = s >= a && e <= b ? p.text : text.slice(Math.max(a, s), Math.min(b, e));
      const style = p.style;
      const before = word.length ? word.styles[word.length - 1]!.change : undefined;
      if (before && style.change && before !== style.change) {
        fill.word(word);
        fill.space(plainSpace(style));
        word.clear();
      }
      // The width goes with the part: placing the word on its line needs it again.
      const width = m.width(style.font, style.size, chunk);
      word.push(chunk, style, width);
      word.width += width;
    }
    if (word.length) {
      fill.word(word);
      lastWasSpace = false;
    }
  };
  scanBreaks(text, (at) => space(pieceAt(at).style), readWord);
}

/**
 * The words and runs of breaking white space of `text`, in order: between two UAX #14 break opportunities, the
 * white space at either end (each run told by where it starts) and the word between (its start and end).
 */
export function scanBreaks(text: string, space: (at: number) => void, word: (from: number, to: number) => void): void {
  if (plainBreaks(text)) {
    scanPlainBreaks(text, space, word);
    return;
  }
  let last = 0;
  const breakAt = (end: number) => {
    let a = last;
    while (a < end && isSpace(text.charCodeAt(a))) a++;
    if (a > last) space(last);
    let b = end;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) word(a, b);
    if (end > b) space(b);
    last = end;
  };
  for (const end of breakOpportunities(text)) breakAt(end);
}

/**
 * scanBreaks for plain text (plainBreaks), where a line may end only after a run of spaces: each word runs up to the
 * next space, found by indexOf, with no list of break positions made first and no character looked at twice.
 */
function scanPlainBreaks(text: string, space: (at: number) => void, word: (from: number, to: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) === 0x20) i++;
  if (i > 0) space(0);
  while (i < n) {
    let end = text.indexOf(' ', i);
    if (end < 0) end = n;
    word(i, end);
    if (end === n) return;
    space(end);
    i = end + 1;
    while (i < n && text.charCodeAt(i) === 0x20) i++;
  }
}

/** Where UAX #14 lets a line of `text` end, in order: each position a new line may start at, and the text's end. */
export function breakOpportunities(text: string): number[] {
  const out: number[] = [];
  if (plainBreaks(text)) {
    for (let i = 1; i < text.length; i++) if (text.charCodeAt(i - 1) === 0x20 && text.charCodeAt(i) !== 0x20) out.push(i);
    if (text.length) out.push(text.length);
    return out;
  }
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) out.push(bk.position);
  return out;
}

/** ASCII letters and digits, the space, and the stops `.` `,` `:` `;` (UAX #14 classes AL, NU, SP and IS). */
const PLAIN = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;') PLAIN[c.charCodeAt(0)] = c === ' ' ? 2 : c === '.' || c === ',' || c === ':' || c === ';' ? 3 : 1;

/**
 * Whether `text` is made of letters, digits, spaces and stops alone, with no stop straight after a space. UAX #14
 * then allows a break after each run of spaces (LB18) and nowhere else: not before a space (LB7) or a stop (LB13),
 * and not between letters, digits and stops (LB23, LB25, LB28, LB29). Most of a regulation's prose is such text,
 * and its breaks are found without the line breaker's per-character classes and pair table.
 */
function plainBreaks(text: string): boolean {
  let before = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? PLAIN[c]! : 0;
    if (kind === 0 || (kind === 3 && before === 2)) return false;
    before = kind;
  }
  return true;
}

/**
 * Greedy line filling: as many words as fit, breaking where UAX #14 allows; a word too long for any line is split.
 * `measureOnly`: the lines' sizes, footnotes and ends without their segments, for a layout that draws nothing.
 */
export function breakLines(pieces: readonly Piece[], maxWidth: number, m: Measurer, theme: InlineTheme, measureOnly = false): Line[] {
  const fill = new LineFiller(maxWidth, m, theme, measureOnly);
  const word = new Parts();
  let from = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i]!.text !== '\n') continue;
    readRun(pieces, from, i, m, fill, word);
    fill.hardBreak();
    from = i + 1;
  }
  readRun(pieces, from, pieces.length, m, fill, word);
  return fill.finish();
}
