/**
 * Line breaking as it was first written, kept as the plain reading the faster filler in `render/layout/lines.ts` is
 * held to: every paragraph made into a list of tokens (words, spaces, forced breaks), then filled greedily into
 * lines. The helpers they share (where words and spaces are, splitting an over-long word, the style of a space) are
 * the filler's own.
 */
import { plainSpace, sameStyle, scanBreaks, spaceStyle, splitWord, type InlineTheme, type Line, type Measurer, type Piece, type PieceStyle, type Segment, type Word } from '../render/layout/lines.js';

type Token = { kind: 'word'; word: Word } | { kind: 'space'; style: PieceStyle } | { kind: 'break' };

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
  const pieceAt = (i: number) => pieces[starts.findLastIndex((s) => s <= i)]!;
  const space = (style: PieceStyle) => {
    if (tokens.at(-1)?.kind !== 'space') tokens.push({ kind: 'space', style });
  };
  const word = (from: number, to: number) => {
    let current: Word = { parts: [], width: 0 };
    pieces.forEach((piece, i) => {
      const s = starts[i]!;
      const e = s + piece.text.length;
      if (e <= from || s >= to) return;
      const chunk = text.slice(Math.max(from, s), Math.min(to, e));
      const before = current.parts.at(-1)?.style.change;
      if (before && piece.style.change && before !== piece.style.change) {
        tokens.push({ kind: 'word', word: current });
        tokens.push({ kind: 'space', style: plainSpace(piece.style) });
        current = { parts: [], width: 0 };
      }
      const width = m.width(piece.style.font, piece.style.size, chunk);
      current.parts.push({ text: chunk, style: piece.style, width });
      current.width += width;
    });
    if (current.parts.length) tokens.push({ kind: 'word', word: current });
  };
  scanBreaks(text, (at) => space(pieceAt(at).style), word);
  return tokens;
}

function buildLine(items: Array<{ word: Word; space?: PieceStyle }>, m: Measurer, theme: InlineTheme, softEnd: boolean): Line {
  const segments: Segment[] = [];
  const footnotes: number[] = [];
  let x = 0;
  const base = theme.font ?? 'regular';
  let height = m.lineSpacing(base, theme.size) * theme.lineHeight;
  let ascent = m.ascent(base, theme.size) + (height - m.lineSpacing(base, theme.size)) / 2;
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
        ascent += (lh - height) / 2 + (m.ascent(style.font, style.size) - m.ascent(base, theme.size)) / 2;
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

export function referenceBreakLines(pieces: readonly Piece[], maxWidth: number, m: Measurer, theme: InlineTheme): Line[] {
  const tokens: Token[] = [];
  let run: Piece[] = [];
  for (const piece of pieces) {
    if (piece.text === '\n') {
      tokens.push(...runTokens(run, m), { kind: 'break' });
      run = [];
    } else run.push(piece);
  }
  tokens.push(...runTokens(run, m));
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
    } else if (token.kind === 'space') pendingSpace = token.style;
    else {
      const gap = items.length && pendingSpace ? spaceWidth(pendingSpace) : 0;
      if (items.length && width + gap + token.word.width > maxWidth) {
        emit(Boolean(pendingSpace));
        pendingSpace = undefined;
      }
      const words = token.word.width > maxWidth ? splitWord(token.word, maxWidth, m) : [token.word];
      words.forEach((word, i) => {
        if (i > 0) emit();
        const g = items.length && pendingSpace ? spaceWidth(pendingSpace) : 0;
        items.push(g && pendingSpace ? { word, space: pendingSpace } : { word });
        width += g + word.width;
      });
      pendingSpace = undefined;
    }
  }
  if (items.length || !lines.length) emit();
  return lines;
}
