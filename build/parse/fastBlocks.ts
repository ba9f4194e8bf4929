/**
 * A fast reader for the plain subset of Markdown that clause files are almost always written in: ATX headings,
 * paragraphs (a bold clause number first), `-`/`+` lists nested by their content column, pipe tables, one-line
 * footnote definitions, code spans and footnote calls. It builds the same mdast that remark-parse builds for
 * such a file, about fifty times faster, so `check` on a whole code stays within seconds.
 *
 * It is deliberately conservative: at the first construct outside the subset (emphasis, links, HTML, escapes,
 * entities, tabs, block quotes, code blocks, lazy continuation lines, …) it returns undefined and the file is
 * read by remark-parse instead. A differential test holds the two readers to the same records.
 */
import type { FootnoteDefinition, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';

/** Thrown at the first construct outside the subset; the file then goes to remark-parse. */
class Unsupported extends Error {}
/** The characters inline() acts on: backslash, asterisk, backtick, opening bracket (all ASCII). */
const INLINE_SPECIALS = ['\\', '*', '`', '['];
const IS_INLINE_SPECIAL = new Uint8Array(128);
for (const ch of INLINE_SPECIALS) IS_INLINE_SPECIAL[ch.charCodeAt(0)] = 1;
const bail = (): never => {
  throw new Unsupported();
};

const ENTITY = /&[#A-Za-z0-9]+;/;
const LONE_UNDERSCORE = /(?:^|[^A-Za-z0-9])_|_(?:$|[^A-Za-z0-9])/;

/**
 * Whether the file holds anything outside the fast reader's subset: a CR, tab, HTML, strikethrough, an entity, an
 * image, an inline link, or an underscore that could open or close emphasis. One native indexOf per character is
 * a tenth of the time of one regular expression with all of them as alternatives, over every byte of the corpus.
 */
function rejectsWhole(src: string): boolean {
  return (
    src.indexOf('\r') >= 0 ||
    src.indexOf('\t') >= 0 ||
    src.indexOf('<') >= 0 ||
    src.indexOf('~') >= 0 ||
    src.indexOf('![') >= 0 ||
    src.indexOf('](') >= 0 ||
    (src.indexOf('&') >= 0 && ENTITY.test(src)) ||
    (src.indexOf('_') >= 0 && LONE_UNDERSCORE.test(src))
  );
}
const HEADING = /^(#{1,6})(?: +(.*?))? *$/;
const BULLET = /^( *)([-+]) (?=\S)/;
const ANY_BULLET_OR_ORDERED = /^ *(?:[-+*]|\d{1,9}[.)])(?: |$)/;
const FOOTNOTE_DEF = /^\[\^([^\]\s]+)\]: (?=\S)/;
const LINK_DEF = /^ {0,3}\[[^\]]*\]:/;
const THEMATIC_OR_SETEXT = /^ {0,3}(?:(?:[-_*] *){3,}|=+ *)$/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+ *$/;
/** A line GFM might read as a table's delimiter row, turning the paragraph line above it into a table. */
const DELIMITER_LIKE = /^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/;

/**
 * A line that ends in two spaces or more: a hard line break when another line follows in its paragraph. Two
 * character tests, where `/ {2,}$/` tried the spaces at every position of the line.
 */
const hardBreak = (text: string) => text.length >= 2 && text.charCodeAt(text.length - 1) === 32 && text.charCodeAt(text.length - 2) === 32;

interface Line {
  start: number;
  end: number;
  text: string;
}

function normalizeIdentifier(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

/**
 * What an inline scan finds, in order: plain text (`value` unescaped), code spans, calls of defined footnotes, and
 * `*x*` / `**x**`. Offsets are the source's; a tree is built from these calls, or records taken straight from them.
 */
export interface InlineSink {
  text(start: number, end: number, value: string): void;
  code(start: number, end: number, value: string): void;
  footnote(start: number, end: number, identifier: string, label: string): void;
  /** `inner` is the source between the delimiters, at [start + n, end - n) with n = 1, or 2 when `strong`. */
  emphasis(strong: boolean, start: number, end: number, inner: string): void;
}

export class Reader {
  readonly lines: Line[] = [];
  private readonly footnoteLabels = new Set<string>();

  constructor(readonly src: string) {
    let start = 0;
    for (;;) {
      const nl = src.indexOf('\n', start);
      const end = nl < 0 ? src.length : nl;
      this.lines.push({ start, end, text: src.slice(start, end) });
      if (nl < 0) break;
      start = nl + 1;
    }
    for (const line of this.lines) {
      const m = FOOTNOTE_DEF.exec(line.text);
      if (m) this.footnoteLabels.add(normalizeIdentifier(m[1]!));
    }
  }

  point(offset: number, line: number) {
    return { line: line + 1, column: offset - this.lines[line]!.start + 1, offset };
  }

  position(start: number, startLine: number, end: number, endLine: number) {
    return { start: this.point(start, startLine), end: this.point(end, endLine) };
  }

  /** Line index of an offset, searching forward from a known line. */
  lineOf(offset: number, from: number): number {
    let l = from;
    while (l + 1 < this.lines.length && this.lines[l + 1]!.start <= offset) l++;
    return l;
  }

  /**
   * Where each character inline() acts on next occurs, and from where that was looked up (reads move forward): the
   * first occurrence at or after nextFrom[k] is at nextAt[k]. Nothing is looked up yet.
   */
  private readonly nextAt = [0, 0, 0, 0];
  private readonly nextFrom = [Infinity, Infinity, Infinity, Infinity];

  /**
   * The first offset at or after `i` holding a character inline() acts on (or the source's length). Plain text is
   * most of every clause: skipped by indexOf, not a character at a time.
   */
  private nextSpecial(i: number): number {
    let best = this.src.length;
    for (let k = 0; k < INLINE_SPECIALS.length; k++) {
      let at = this.nextAt[k]!;
      if (this.nextFrom[k]! > i || at < i) {
        const found = this.src.indexOf(INLINE_SPECIALS[k]!, i);
        at = found < 0 ? this.src.length : found;
        this.nextAt[k] = at;
        this.nextFrom[k] = i;
      }
      if (at < best) best = at;
    }
    return best;
  }

  /** Inline content of src[start, end): text, code spans and footnote calls; anything richer bails. */
  inline(start: number, end: number, sink: InlineSink): void {
    const src = this.src;
    let textStart = start;
    const flush = (upTo: number) => {
      if (upTo <= textStart) return;
      const raw = src.slice(textStart, upTo);
      sink.text(textStart, upTo, raw.includes('\\') ? raw.replace(ESCAPE, '$1') : raw);
    };
    let i = start;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c >= 128 || IS_INLINE_SPECIAL[c] === 0) {
        i = Math.min(end, this.nextSpecial(i));
        continue;
      }
      if (c === 92 /* \ */) {
        // A backslash before ASCII punctuation escapes it (remark drops the backslash); at a line end it is a hard break.
        const next = src.charCodeAt(i + 1);
        if (next === 10 || i + 1 >= end) bail();
        i += isAsciiPunctuation(next) ? 2 : 1;
        continue;
      }
      if (c === 42 /* * */) {
        const close = this.emphasisEnd(i, start, end);
        flush(i);
        const n = src.charCodeAt(i + 1) === 42 ? 2 : 1;
        sink.emphasis(n === 2, i, close + n, src.slice(i + n, close));
        i = close + n;
        textStart = i;
        continue;
      }
      if (c === 96 /* ` */) {
        let n = 1;
        while (src.charCodeAt(i + n) === 96) n++;
        const close = findCloser(src, i + n, end, n);
        if (close < 0) {
          i += n;
          continue;
        }
        flush(i);
        let value = src.slice(i + n, close).replace(/\n/g, ' ');
        if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && /[^ ]/.test(value)) value = value.slice(1, -1);
        sink.code(i, close + n, value);
        i = close + n;
        textStart = i;
        continue;
      }
      if (c === 91 /* [ */ && src.charCodeAt(i + 1) === 94 /* ^ */) {
        const close = src.indexOf(']', i + 2);
        if (close > 0 && close < end) {
          const label = src.slice(i + 2, close);
          if (/^[^\s\]]+$/.test(label) && this.footnoteLabels.has(normalizeIdentifier(label))) {
            flush(i);
            sink.footnote(i, close + 1, normalizeIdentifier(label), label);
            i = close + 1;
            textStart = i;
            continue;
          }
          // A call with no definition is plain text to remark; so it is here, unless it is ambiguous.
          if (src.charCodeAt(close + 1) === 58 /* : */ || src.charCodeAt(close + 1) === 91) bail();
        }
      }
      i++;
    }
    flush(end);
  }

  /**
   * Where `*word*` or `**words**` opening at `i` closes, in the one unambiguous shape: after white space, before a
   * letter or digit, closed on the same line after a letter or digit and before white space or closing
   * punctuation. Anything else bails.
   */
  private emphasisEnd(i: number, start: number, end: number): number {
    const src = this.src;
    let n = 1;
    while (src.charCodeAt(i + n) === 42) n++;
    const before = i === start ? 32 : src.charCodeAt(i - 1);
    if (n > 2 || !(before === 32 || before === 10) || !isAlnum(src.charCodeAt(i + n))) bail();
    const close = src.indexOf('*', i + n);
    if (close < 0 || close >= end) bail();
    const inner = src.slice(i + n, close);
    const after = close + n < end ? src.charCodeAt(close + n) : 32;
    if (src.slice(close, close + n) !== '*'.repeat(n) || src.charCodeAt(close + n) === 42) bail();
    if (/[`[\\]|\n\s*\n/.test(inner) || !isAlnum(src.charCodeAt(close - 1)) || !(after === 32 || after === 10 || /[.,;:)?!]/.test(String.fromCharCode(after)))) bail();
    return close;
  }

  /** A root paragraph's opening `**X**` (a clause number or defined term): its text and where it closes. */
  leadingStrong(start: number, end: number): { inner: string; close: number } | undefined {
    const src = this.src;
    if (!src.startsWith('**', start)) return undefined;
    const close = src.indexOf('**', start + 2);
    if (close < 0 || close >= end) bail();
    const inner = src.slice(start + 2, close);
    // A closing run of more than two asterisks has rules of its own; so do code spans, brackets and escapes inside.
    if (!inner || /^\s|\s$|[*`[\\\n]/.test(inner) || src.charCodeAt(close + 2) === 42) bail();
    const after = src.charCodeAt(close + 2);
    const lastInner = inner.charCodeAt(inner.length - 1);
    // remark's flanking rules: a closer after punctuation must be followed by white space or punctuation; of what
    // follows, only ASCII is judged here.
    if (!isAlnum(lastInner) && close + 2 < end && !(after === 32 || after === 10 || isAsciiPunctuation(after))) bail();
    return { inner, close };
  }
}

function isAlnum(x: number): boolean {
  return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
}

const ESCAPE = /\\([!-\/:-@[-`{-~])/g;

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function findCloser(src: string, from: number, end: number, n: number): number {
  let i = src.indexOf('`', from);
  while (i >= 0 && i < end) {
    let k = 1;
    while (src.charCodeAt(i + k) === 96) k++;
    if (k === n) return i;
    i = src.indexOf('`', i + k);
  }
  return -1;
}

/**
 * Markdown's white space at a line's ends is the space (tabs are declined): a no-break space is text, where String's
 * trim would take it away.
 */
const leadOf = (text: string) => {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  return i;
};
const endOf = (text: string) => {
  let e = text.length;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  return e;
};
const trimSpaces = (text: string) => text.slice(leadOf(text), Math.max(leadOf(text), endOf(text)));
const blank = (l: Line | undefined) => l !== undefined && leadOf(l.text) === l.text.length;

/**
 * Does this line continue a list item's paragraph? A bullet does not; a line remark might read as a block bails.
 * Indentation is judged from the item's content column, which may be deep: a rule or underline indented past it by
 * up to three spaces is still one, so those bail at any indentation.
 */
function continues(text: string): boolean {
  const trimmed = text.slice(leadOf(text));
  if (/^(?:[-+*]|\d{1,9}[.)])(?: |$)/.test(trimmed)) return false;
  if (/^(?:#|>|```|~~~|\||\[\^[^\]]*\]:)/.test(trimmed) || THEMATIC_OR_SETEXT.test(trimmed) || LINK_DEF.test(trimmed) || DELIMITER_LIKE.test(trimmed)) bail();
  return true;
}

/**
 * The start of a block that an item's or a footnote's first line may open with, where remark reads a heading, quote,
 * list, fence, rule or note definition inside it instead of a paragraph.
 */
const ITEM_OPENS_BLOCK = /^(?:#{1,6}(?: |$)|>|[-+*](?: |$)|\d{1,9}[.)](?: |$)|```|~~~|\[\^[^\]]*\]:|\[[^\]]*\]:)/;

/** A line that starts a block, so it ends a paragraph. Lines that remark might read otherwise bail. */
function interrupts(text: string): boolean {
  if (/^#{1,6}( |$)/.test(text)) return true;
  // Indented by up to three spaces, a heading or a table row is still one.
  if (/^ {1,3}(?:#{1,6}(?: |$)|\|)/.test(text) || DELIMITER_LIKE.test(text)) bail();
  if (BULLET.test(text)) return true;
  if (ANY_BULLET_OR_ORDERED.test(text) || text.startsWith('|') || FOOTNOTE_DEF.test(text) || LINK_DEF.test(text) || THEMATIC_OR_SETEXT.test(text) || /^ *(>|```|~~~)/.test(text)) bail();
  return false;
}

/**
 * The blocks of a file in the subset, located but not yet read inline: lines are indices into Reader.lines,
 * `start`/`end` source offsets of inline content. Lists, tables and notes keep only what their tree is made from.
 */
export type PlainBlock =
  | { kind: 'yaml'; value: string; close: number }
  | { kind: 'heading'; line: number; depth: number; start: number; end: number }
  | { kind: 'paragraph'; start: number; end: number; first: number; last: number }
  | { kind: 'list'; list: PlainList }
  | { kind: 'table'; first: number; last: number; align: Table['align']; rows: PlainRow[] }
  | { kind: 'footnote'; line: number; last: number; identifier: string; label: string; start: number; end: number };

export interface PlainList {
  first: number;
  last: number;
  spread: boolean;
  items: PlainItem[];
  /** Lists nested inside each other here, this one included. */
  depth: number;
}

/** An item: its paragraph at [start, end) on lines `line` to `paraLast`, then perhaps a nested list, up to line `last`. */
export interface PlainItem {
  line: number;
  start: number;
  end: number;
  paraLast: number;
  last: number;
  nested?: PlainList;
}

export interface PlainRow {
  line: number;
  cells: Array<{ start: number; end: number }>;
}

function headingBlock(r: Reader, i: number): PlainBlock {
  const line = r.lines[i]!;
  const m = HEADING.exec(line.text);
  if (!m) bail();
  const content = m![2] ?? '';
  if (/#$/.test(content)) bail(); // closing sequences have rules of their own
  const start = line.start + line.text.indexOf(content, m![1]!.length);
  return { kind: 'heading', line: i, depth: m![1]!.length, start, end: start + content.length };
}

function splitCells(r: Reader, lineIndex: number): Array<{ start: number; end: number }> {
  const line = r.lines[lineIndex]!;
  const text = line.text.slice(0, endOf(line.text));
  if (!text.startsWith('|')) bail();
  const cells: Array<{ start: number; end: number }> = [];
  let cellStart = 1;
  for (let k = 1; k <= text.length; k++) {
    if (text[k] === '\\') {
      k++;
      continue;
    }
    if (k === text.length || text[k] === '|') {
      if (k === text.length && text.endsWith('|')) break;
      let s = cellStart;
      let e = k;
      while (s < e && text[s] === ' ') s++;
      while (e > s && text[e - 1] === ' ') e--;
      cells.push({ start: line.start + s, end: line.start + e });
      cellStart = k + 1;
    }
  }
  return cells;
}

function tableBlock(r: Reader, i: number): { block: PlainBlock; next: number } {
  const header = splitCells(r, i);
  const delimiter = trimSpaces(r.lines[i + 1]!.text);
  const specs = delimiter.slice(1, -1).split('|').map(trimSpaces);
  if (specs.length !== header.length) bail();
  const align = specs.map((s) => (s.startsWith(':') && s.endsWith(':') ? 'center' : s.endsWith(':') ? 'right' : s.startsWith(':') ? 'left' : null));
  const rows: PlainRow[] = [{ line: i, cells: header }];
  let k = i + 2;
  while (k < r.lines.length && !blank(r.lines[k])) {
    const cells = splitCells(r, k);
    if (cells.length !== header.length) bail();
    rows.push({ line: k, cells });
    k++;
  }
  return { block: { kind: 'table', first: i, last: k - 1, align, rows }, next: k };
}

/** A bullet list whose items sit at `indent`; nested lists sit exactly at their parent's content column. */
function listBlock(r: Reader, i: number, indent: number): { list: PlainList; next: number } {
  const first = BULLET.exec(r.lines[i]!.text)!;
  const marker = first[2]!;
  const items: PlainItem[] = [];
  let k = i;
  let spread = false;
  let lastLine = i;
  let depth = 1;
  while (k < r.lines.length) {
    const line = r.lines[k]!;
    const m = BULLET.exec(line.text);
    if (!m || m[1]!.length !== indent || m[2] !== marker) break;
    const itemStart = k;
    const contentStart = line.start + indent + 2;
    const content = line.text.slice(indent + 2);
    if (ITEM_OPENS_BLOCK.test(content) || THEMATIC_OR_SETEXT.test(content)) bail();
    let paraEnd = k;
    while (paraEnd + 1 < r.lines.length && !blank(r.lines[paraEnd + 1]) && continues(r.lines[paraEnd + 1]!.text)) paraEnd++;
    for (let x = k; x < paraEnd; x++) if (hardBreak(r.lines[x]!.text)) bail();
    const end = r.lines[paraEnd]!.start + endOf(r.lines[paraEnd]!.text);
    const item: PlainItem = { line: itemStart, start: contentStart, end, paraLast: paraEnd, last: paraEnd };
    k = paraEnd + 1;
    // Nested list directly below, at this item's content column.
    if (k < r.lines.length && !blank(r.lines[k])) {
      const n = BULLET.exec(r.lines[k]!.text);
      if (n && n[1]!.length === indent + 2) {
        const nested = listBlock(r, k, indent + 2);
        item.nested = nested.list;
        depth = Math.max(depth, nested.list.depth + 1);
        item.last = nested.next - 1;
        k = nested.next;
      } else if (!n || n[1]!.length > indent) bail();
    }
    items.push(item);
    lastLine = item.last;
    // After a blank line: the list goes on only with a sibling; an indented paragraph would be item content.
    if (k < r.lines.length && blank(r.lines[k])) {
      let j = k;
      while (j < r.lines.length && blank(r.lines[j])) j++;
      if (j >= r.lines.length) break;
      const text = r.lines[j]!.text;
      const n = BULLET.exec(text);
      const lead = leadOf(text);
      if (n && n[1]!.length === indent && n[2] === marker) {
        spread = true;
        k = j;
        continue;
      }
      if (lead >= indent + 2 || (n && n[1]!.length > indent)) bail();
      if (indent > 0 && lead > 0) bail();
      break;
    }
  }
  return { list: { first: i, last: lastLine, spread, items, depth }, next: k };
}

/** The blocks of the reader's source, or Unsupported thrown at the first construct outside the subset. */
function plainBlocks(r: Reader): PlainBlock[] {
  const src = r.src;
  const blocks: PlainBlock[] = [];
  const lines = r.lines;
  let i = 0;
  if (lines[0]!.text === '---') {
    // YAML front matter, as remark-frontmatter reads it: up to the next line of exactly three dashes.
    let close = 1;
    // Trailing spaces are allowed on the closing line.
    while (close < lines.length && !/^--- *$/.test(lines[close]!.text)) close++;
    if (close >= lines.length) bail();
    blocks.push({ kind: 'yaml', value: close > 1 ? src.slice(lines[1]!.start, lines[close - 1]!.end) : '', close });
    i = close + 1;
  }
  while (i < lines.length) {
    const line = lines[i]!;
    const text = line.text;
    if (blank(line)) {
      i++;
      continue;
    }
    if (text.startsWith('#')) {
      blocks.push(headingBlock(r, i));
      i++;
      continue;
    }
    if (text.startsWith(' ')) bail(); // indented code, or a continuation of something
    if (THEMATIC_OR_SETEXT.test(text) || (LINK_DEF.test(text) && !FOOTNOTE_DEF.test(text)) || /^(>|```|~~~)/.test(text)) bail();
    const bullet = BULLET.exec(text);
    if (bullet) {
      const { list, next } = listBlock(r, i, 0);
      blocks.push({ kind: 'list', list });
      i = next;
      continue;
    }
    if (ANY_BULLET_OR_ORDERED.test(text)) bail();
    if (text.startsWith('|') && i + 1 < lines.length && DELIMITER_ROW.test(trimSpaces(lines[i + 1]!.text))) {
      const { block, next } = tableBlock(r, i);
      blocks.push(block);
      i = next;
      continue;
    }
    const fn = FOOTNOTE_DEF.exec(text);
    if (fn) {
      // A note's text is block content, as an item's is.
      const content = text.slice(fn[0].length);
      if (ITEM_OPENS_BLOCK.test(content) || THEMATIC_OR_SETEXT.test(content)) bail();
      // The note's paragraph runs on until a blank line, the next note, or another block.
      let last = i;
      // Its lines are read from its content column, as an item's are: what opens a block there bails.
      while (last + 1 < lines.length && !blank(lines[last + 1]) && !FOOTNOTE_DEF.test(lines[last + 1]!.text) && !interrupts(lines[last + 1]!.text) && continues(lines[last + 1]!.text)) last++;
      for (let k = i; k < last; k++) if (hardBreak(lines[k]!.text)) bail();
      const end = lines[last]!.start + endOf(lines[last]!.text);
      blocks.push({ kind: 'footnote', line: i, last, identifier: normalizeIdentifier(fn[1]!), label: fn[1]!, start: line.start + fn[0].length, end });
      i = last + 1;
      continue;
    }
    if (text.startsWith('|')) bail();
    // A paragraph: up to a blank line or a line that starts another block.
    let last = i;
    while (last + 1 < lines.length && !blank(lines[last + 1]) && !interrupts(lines[last + 1]!.text)) last++;
    for (let k = i; k < last; k++) if (hardBreak(lines[k]!.text)) bail();
    blocks.push({ kind: 'paragraph', start: line.start, end: lines[last]!.start + endOf(lines[last]!.text), first: i, last });
    i = last + 1;
  }
  return blocks;
}

/** Builds the inline nodes of a tree, positions and all, from what a scan finds. */
class TreeInline implements InlineSink {
  readonly out: PhrasingContent[] = [];
  constructor(
    private readonly r: Reader,
    private line: number,
  ) {}

  text(start: number, end: number, value: string): void {
    const l0 = this.r.lineOf(start, this.line);
    const l1 = this.r.lineOf(end, l0);
    this.out.push({ type: 'text', value, position: this.r.position(start, l0, end, l1) });
    this.line = l1;
  }

  code(start: number, end: number, value: string): void {
    const l0 = this.r.lineOf(start, this.line);
    const l1 = this.r.lineOf(end, l0);
    this.out.push({ type: 'inlineCode', value, position: this.r.position(start, l0, end, l1) });
    this.line = l1;
  }

  footnote(start: number, end: number, identifier: string, label: string): void {
    const l0 = this.r.lineOf(start, this.line);
    this.out.push({ type: 'footnoteReference', identifier, label, position: this.r.position(start, l0, end, l0) });
  }

  emphasis(strong: boolean, start: number, end: number, inner: string): void {
    const n = strong ? 2 : 1;
    const l0 = this.r.lineOf(start, this.line);
    const l1 = this.r.lineOf(end - n, l0);
    const text: PhrasingContent = { type: 'text', value: inner, position: this.r.position(start + n, l0, end - n, l1) };
    this.out.push({ type: strong ? 'strong' : 'emphasis', children: [text], position: this.r.position(start, l0, end, l1) } as PhrasingContent);
  }
}

function inlineNodes(r: Reader, start: number, end: number, line: number): PhrasingContent[] {
  const sink = new TreeInline(r, line);
  r.inline(start, end, sink);
  return sink.out;
}

function paragraphNode(r: Reader, start: number, end: number, firstLine: number, lastLine: number, root: boolean): Paragraph {
  const children: PhrasingContent[] = [];
  const strong = root ? r.leadingStrong(start, end) : undefined;
  let from = start;
  if (strong) {
    children.push({
      type: 'strong',
      children: [{ type: 'text', value: strong.inner, position: r.position(start + 2, firstLine, strong.close, firstLine) }],
      position: r.position(start, firstLine, strong.close + 2, firstLine),
    });
    from = strong.close + 2;
  }
  children.push(...inlineNodes(r, from, end, firstLine));
  return { type: 'paragraph', children, position: r.position(start, firstLine, end, lastLine) };
}

function listNode(r: Reader, list: PlainList): List {
  const items = list.items.map((item): ListItem => {
    const children: ListItem['children'] = [paragraphNode(r, item.start, item.end, item.line, item.paraLast, false)];
    if (item.nested) children.push(listNode(r, item.nested));
    return { type: 'listItem', spread: list.spread, checked: null, children, position: r.position(r.lines[item.line]!.start, item.line, r.lines[item.last]!.end, item.last) };
  });
  return { type: 'list', ordered: false, start: null, spread: list.spread, children: items, position: r.position(r.lines[list.first]!.start, list.first, r.lines[list.last]!.end, list.last) };
}

function tableNode(r: Reader, block: Extract<PlainBlock, { kind: 'table' }>): Table {
  const rows = block.rows.map((row): TableRow => {
    const line = r.lines[row.line]!;
    return {
      type: 'tableRow',
      children: row.cells.map((c): TableCell => ({ type: 'tableCell', children: c.end > c.start ? inlineNodes(r, c.start, c.end, row.line) : [], position: r.position(c.start, row.line, c.end, row.line) })),
      position: r.position(line.start, row.line, line.end, row.line),
    };
  });
  return { type: 'table', align: block.align, children: rows, position: r.position(r.lines[block.first]!.start, block.first, r.lines[block.last]!.end, block.last) };
}

function blockNode(r: Reader, block: PlainBlock): RootContent {
  switch (block.kind) {
    case 'yaml':
      return { type: 'yaml', value: block.value, position: r.position(0, 0, r.lines[block.close]!.end, block.close) };
    case 'heading': {
      const line = r.lines[block.line]!;
      const children = block.end > block.start ? inlineNodes(r, block.start, block.end, block.line) : [];
      return { type: 'heading', depth: block.depth as Heading['depth'], children, position: r.position(line.start, block.line, line.end, block.line) };
    }
    case 'paragraph':
      return paragraphNode(r, block.start, block.end, block.first, block.last, true);
    case 'list':
      return listNode(r, block.list);
    case 'table':
      return tableNode(r, block);
    case 'footnote': {
      const paragraph: Paragraph = { type: 'paragraph', children: inlineNodes(r, block.start, block.end, block.line), position: r.position(block.start, block.line, block.end, block.last) };
      const def: FootnoteDefinition = { type: 'footnoteDefinition', identifier: block.identifier, label: block.label, children: [paragraph], position: r.position(r.lines[block.line]!.start, block.line, r.lines[block.last]!.end, block.last) };
      return def;
    }
  }
}

/** The reader and blocks of `src`, or undefined when the file needs the full reader. */
export function readPlain<T>(src: string, read: (r: Reader, blocks: PlainBlock[]) => T): T | undefined {
  if (rejectsWhole(src)) return undefined;
  try {
    const r = new Reader(src);
    return read(r, plainBlocks(r));
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** The mdast remark-parse would build, or undefined when the file needs the full reader. */
export function fastParse(src: string): Root | undefined {
  return readPlain(src, (r, blocks): Root => ({
    type: 'root',
    children: blocks.map((block) => blockNode(r, block)),
    position: { start: { line: 1, column: 1, offset: 0 }, end: r.point(src.length, r.lines.length - 1) },
  }));
}
