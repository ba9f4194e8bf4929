/**
 * Lines of one text, broken once. A consultation draws each annex clean and redlined, and a redline's Word file
 * estimates the pages of both its versions: the paragraphs those layouts share are the same pieces at the same width
 * in the same fonts, so the lines an earlier layout broke them into are taken over instead of being measured and
 * broken again. A paragraph is known by everything line breaking reads (its pieces' text and style, the width, the
 * line style), so a reused paragraph is laid out exactly as it would have been.
 */
import type { InlineTheme, Line, Piece, PieceStyle } from './lines.js';

interface Kept {
  lines: Line[];
  /** Characters the fonts had no glyph for, met while the lines were broken: the reusing layout notes them too. */
  missing: readonly string[];
}

/**
 * What line breaking reads of a paragraph, as one string. Link identities are left out (each layout numbers its own
 * links), but not what a link points to; a footnote mark's number and whether it is the first are in.
 */
function paragraphKey(pieces: readonly Piece[], width: number, theme: InlineTheme): string {
  let key = `${width}|${theme.size}|${theme.lineHeight}|${theme.font ?? ''}`;
  let last: PieceStyle | undefined;
  let lastKey = '';
  for (const p of pieces) {
    if (p.style !== last) {
      last = p.style;
      lastKey = styleKey(p.style);
    }
    key += `\u0001${lastKey}\u0002${p.text}`;
  }
  return key;
}

function styleKey(s: PieceStyle): string {
  const link = s.link ? `${s.link.target.kind}>${'anchor' in s.link.target ? (s.link.target.anchor ?? '') : ''}>${'doc' in s.link.target ? s.link.target.doc : ''}>${'url' in s.link.target ? s.link.target.url : ''}>${s.link.text}` : '';
  return `${s.font},${s.size},${s.colour},${s.underline ? 1 : 0}${s.strike ? 1 : 0},${s.rise ?? ''},${s.change ?? ''},${s.footnote ? `${s.footnote.number}${s.footnote.first ? '*' : ''}` : ''},${link}`;
}

/**
 * The lines of one text's layouts, by measuring family: layouts of a family measure alike (the PDF's embedded fonts,
 * or the Word estimate's Helvetica), and only they share lines.
 */
export class LineReuse {
  private readonly families = new Map<string, Map<string, Kept[]>>();
  /** Paragraphs whose lines were taken over, in all layouts so far. */
  readonly counts = { reused: 0 };

  /** One layout's use of the kept lines of `family`: what it breaks itself is kept for later layouts when it ends. */
  session(family: string): ReuseSession {
    let kept = this.families.get(family);
    if (!kept) this.families.set(family, (kept = new Map()));
    return new ReuseSession(kept, this.counts);
  }
}

export class ReuseSession {
  /** How many of each paragraph's kept line sets this layout has taken: a set of lines is placed once per layout. */
  private readonly taken = new Map<string, number>();
  private readonly made: Array<[string, Kept]> = [];

  constructor(
    private readonly kept: Map<string, Kept[]>,
    private readonly counts: { reused: number },
  ) {}

  /**
   * The lines of a paragraph, taken over from an earlier layout of the text or broken by `make`. `make` returns the
   * characters without a glyph it met along with the lines; `note` is told those of lines taken over.
   */
  lines(pieces: readonly Piece[], width: number, theme: InlineTheme, make: () => Kept, note: (missing: readonly string[]) => void): Line[] {
    const key = paragraphKey(pieces, width, theme);
    const list = this.kept.get(key);
    const used = this.taken.get(key) ?? 0;
    if (list && used < list.length) {
      this.taken.set(key, used + 1);
      this.counts.reused++;
      const found = list[used]!;
      if (found.missing.length) note(found.missing);
      return found.lines;
    }
    const made = make();
    this.made.push([key, made]);
    return made.lines;
  }

  /** The layout is done: the lines it broke itself are there for the next layout of the text. */
  end(): void {
    for (const [key, kept] of this.made) {
      const list = this.kept.get(key);
      if (list) list.push(kept);
      else this.kept.set(key, [kept]);
    }
    this.made.length = 0;
  }
}
