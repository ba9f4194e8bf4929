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

class Reader {
  readonly lines: Line[] = [];
  private readonly footnoteLabels = new Set<string>();

  constructor(private readonly src: string) {
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
  inline(start: number, end: number, firstLine: number): PhrasingContent[] {
    const src = this.src;
    const out: PhrasingContent[] = [];
    let textStart = start;
    let line = firstLine;
    const flush = (upTo: number) => {
      if (upTo <= textStart) return;
      const l0 = this.lineOf(textStart, line);
      const l1 = this.lineOf(upTo, l0);
      const raw = src.slice(textStart, upTo);
      out.push({ type: 'text', value: raw.includes('\\') ? raw.replace(ESCAPE, '$1') : raw, position: this.position(textStart, l0, upTo, l1) });
      line = l1;
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
        const node = this.emphasis(i, start, end, line);
        flush(i);
        out.push(node.node);
        i = node.end;
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
        const l0 = this.lineOf(i, line);
        const l1 = this.lineOf(close + n, l0);
        let value = src.slice(i + n, close).replace(/\n/g, ' ');
        if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1);
        out.push({ type: 'inlineCode', value, position: this.position(i, l0, close + n, l1) });
        i = close + n;
        textStart = i;
        line = l1;
        continue;
      }
      if (c === 91 /* [ */ && src.charCodeAt(i + 1) === 94 /* ^ */) {
        const close = src.indexOf(']', i + 2);
        if (close > 0 && close < end) {
          const label = src.slice(i + 2, close);
          if (/^[^\s\]]+$/.test(label) && this.footnoteLabels.has(normalizeIdentifier(label))) {
            flush(i);
            const l0 = this.lineOf(i, line);
            out.push({ type: 'footnoteReference', identifier: normalizeIdentifier(label), label, position: this.position(i, l0, close + 1, l0) });
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
    return out;
  }

  /**
   * `*word*` or `**words**` in the one unambiguous shape: after white space, before a letter or digit, closed on
   * the same line after a letter or digit and before white space or closing punctuation. Anything else bails.
   */
  emphasis(i: number, start: number, end: number, line: number): { node: PhrasingContent; end: number } {
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
    const l0 = this.lineOf(i, line);
    const l1 = this.lineOf(close, l0);
    const text: PhrasingContent = { type: 'text', value: inner, position: this.position(i + n, l0, close, l1) };
    return { node: { type: n === 1 ? 'emphasis' : 'strong', children: [text], position: this.position(i, l0, close + n, l1) } as PhrasingContent, end: close + n };
  }

  /** A root paragraph that may open with `**X**` (a clause number or defined term). */
  paragraph(start: number, end: number, firstLine: number, lastLine: number, root: boolean): Paragraph {
    const src = this.src;
    const children: PhrasingContent[] = [];
    let from = start;
    if (root && src.startsWith('**', start)) {
      const close = src.indexOf('**', start + 2);
      if (close < 0 || close >= end) bail();
      const inner = src.slice(start + 2, close);
      if (!inner || /^\s|\s$|\*|\n/.test(inner)) bail();
      const after = src.charCodeAt(close + 2);
      const lastInner = inner.charCodeAt(inner.length - 1);
      const alnum = (x: number) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
      // remark's flanking rules: a closer after punctuation must be followed by space or punctuation.
      if (!alnum(lastInner) && close + 2 < end && alnum(after)) bail();
      const l0 = firstLine;
      children.push({
        type: 'strong',
        children: [{ type: 'text', value: inner, position: this.position(start + 2, l0, close, l0) }],
        position: this.position(start, l0, close + 2, l0),
      });
      from = close + 2;
    }
    children.push(...this.inline(from, end, firstLine));
    return { type: 'paragraph', children, position: this.position(start, firstLine, end, lastLine) };
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

const blank = (l: Line | undefined) => l !== undefined && l.text.trim() === '';

/** Does this line continue a list item's paragraph? A bullet does not; a line remark might read as a block bails. */
function continues(text: string): boolean {
  const trimmed = text.trimStart();
  if (/^(?:[-+*]|\d{1,9}[.)])(?: |$)/.test(trimmed)) return false;
  if (/^(?:#|>|```|~~~|\||\[\^[^\]]*\]:)/.test(trimmed) || THEMATIC_OR_SETEXT.test(text) || LINK_DEF.test(trimmed)) bail();
  return true;
}

/** A line that starts a block, so it ends a paragraph. Lines that remark might read otherwise bail. */
function interrupts(text: string): boolean {
  if (/^#{1,6}( |$)/.test(text)) return true;
  if (BULLET.test(text)) return true;
  if (ANY_BULLET_OR_ORDERED.test(text) || text.startsWith('|') || FOOTNOTE_DEF.test(text) || LINK_DEF.test(text) || THEMATIC_OR_SETEXT.test(text) || /^ *(>|```|~~~)/.test(text)) bail();
  return false;
}

function parseHeading(r: Reader, i: number): Heading {
  const line = r.lines[i]!;
  const m = HEADING.exec(line.text);
  if (!m) bail();
  const content = m![2] ?? '';
  if (/#$/.test(content)) bail(); // closing sequences have rules of their own
  const start = line.start + line.text.indexOf(content, m![1]!.length);
  const end = start + content.length;
  return { type: 'heading', depth: m![1]!.length as Heading['depth'], children: content ? r.inline(start, end, i) : [], position: r.position(line.start, i, line.end, i) };
}

function splitCells(r: Reader, lineIndex: number): Array<{ start: number; end: number }> {
  const line = r.lines[lineIndex]!;
  const text = line.text.trimEnd();
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

function parseTable(r: Reader, i: number): { node: Table; next: number } {
  const header = splitCells(r, i);
  const delimiter = r.lines[i + 1]!.text.trim();
  const specs = delimiter.slice(1, -1).split('|').map((s) => s.trim());
  if (specs.length !== header.length) bail();
  const align = specs.map((s) => (s.startsWith(':') && s.endsWith(':') ? 'center' : s.endsWith(':') ? 'right' : s.startsWith(':') ? 'left' : null));
  const row = (index: number, cells: Array<{ start: number; end: number }>): TableRow => {
    const line = r.lines[index]!;
    return {
      type: 'tableRow',
      children: cells.map((c): TableCell => ({ type: 'tableCell', children: c.end > c.start ? r.inline(c.start, c.end, index) : [], position: r.position(c.start, index, c.end, index) })),
      position: r.position(line.start, index, line.end, index),
    };
  };
  const rows: TableRow[] = [row(i, header)];
  let k = i + 2;
  while (k < r.lines.length && !blank(r.lines[k])) {
    const cells = splitCells(r, k);
    if (cells.length !== header.length) bail();
    rows.push(row(k, cells));
    k++;
  }
  const last = r.lines[k - 1]!;
  return { node: { type: 'table', align: align as Table['align'], children: rows, position: r.position(r.lines[i]!.start, i, last.end, k - 1) }, next: k };
}

/** A bullet list whose items sit at `indent`; nested lists sit exactly at their parent's content column. */
function parseList(r: Reader, i: number, indent: number): { node: List; next: number } {
  const first = BULLET.exec(r.lines[i]!.text)!;
  const marker = first[2]!;
  const items: ListItem[] = [];
  let k = i;
  let spread = false;
  let lastLine = i;
  while (k < r.lines.length) {
    const line = r.lines[k]!;
    const m = BULLET.exec(line.text);
    if (!m || m[1]!.length !== indent || m[2] !== marker) break;
    const itemStart = k;
    const contentStart = line.start + indent + 2;
    let paraEnd = k;
    while (paraEnd + 1 < r.lines.length && !blank(r.lines[paraEnd + 1]) && continues(r.lines[paraEnd + 1]!.text)) paraEnd++;
    for (let x = k; x < paraEnd; x++) if (hardBreak(r.lines[x]!.text)) bail();
    const end = r.lines[paraEnd]!.start + r.lines[paraEnd]!.text.trimEnd().length;
    const children: ListItem['children'] = [r.paragraph(contentStart, end, k, paraEnd, false)];
    let itemEnd = paraEnd;
    k = paraEnd + 1;
    // Nested list directly below, at this item's content column.
    if (k < r.lines.length && !blank(r.lines[k])) {
      const n = BULLET.exec(r.lines[k]!.text);
      if (n && n[1]!.length === indent + 2) {
        const nested = parseList(r, k, indent + 2);
        children.push(nested.node);
        itemEnd = nested.next - 1;
        k = nested.next;
      } else if (!n || n[1]!.length > indent) bail();
    }
    items.push({ type: 'listItem', spread: false, checked: null, children, position: r.position(line.start, itemStart, r.lines[itemEnd]!.end, itemEnd) });
    lastLine = itemEnd;
    // After a blank line: the list goes on only with a sibling; an indented paragraph would be item content.
    if (k < r.lines.length && blank(r.lines[k])) {
      let j = k;
      while (j < r.lines.length && blank(r.lines[j])) j++;
      if (j >= r.lines.length) break;
      const text = r.lines[j]!.text;
      const n = BULLET.exec(text);
      const lead = text.length - text.trimStart().length;
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
  for (const item of items) item.spread = spread;
  const node: List = { type: 'list', ordered: false, start: null, spread, children: items, position: r.position(r.lines[i]!.start, i, r.lines[lastLine]!.end, lastLine) };
  return { node, next: k };
}

/** The mdast remark-parse would build, or undefined when the file needs the full reader. */
export function fastParse(src: string): Root | undefined {
  if (rejectsWhole(src)) return undefined;
  try {
    const r = new Reader(src);
    const children: RootContent[] = [];
    const lines = r.lines;
    let i = 0;
    if (lines[0]!.text === '---') {
      // YAML front matter, as remark-frontmatter reads it: up to the next line of exactly three dashes.
      let close = 1;
      while (close < lines.length && lines[close]!.text !== '---') close++;
      if (close >= lines.length) bail();
      const value = close > 1 ? src.slice(lines[1]!.start, lines[close - 1]!.end) : '';
      children.push({ type: 'yaml', value, position: r.position(0, 0, lines[close]!.end, close) });
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
        children.push(parseHeading(r, i));
        i++;
        continue;
      }
      if (text.startsWith(' ')) bail(); // indented code, or a continuation of something
      if (THEMATIC_OR_SETEXT.test(text) || (LINK_DEF.test(text) && !FOOTNOTE_DEF.test(text)) || /^(>|```|~~~)/.test(text)) bail();
      const bullet = BULLET.exec(text);
      if (bullet) {
        const { node, next } = parseList(r, i, 0);
        children.push(node);
        i = next;
        continue;
      }
      if (ANY_BULLET_OR_ORDERED.test(text)) bail();
      if (text.startsWith('|') && i + 1 < lines.length && DELIMITER_ROW.test(lines[i + 1]!.text.trim())) {
        const { node, next } = parseTable(r, i);
        children.push(node);
        i = next;
        continue;
      }
      const fn = FOOTNOTE_DEF.exec(text);
      if (fn) {
        // The note's paragraph runs on until a blank line, the next note, or another block.
        let last = i;
        while (last + 1 < lines.length && !blank(lines[last + 1]) && !FOOTNOTE_DEF.test(lines[last + 1]!.text) && !interrupts(lines[last + 1]!.text)) last++;
        for (let k = i; k < last; k++) if (hardBreak(lines[k]!.text)) bail();
        const start = line.start + fn[0].length;
        const end = lines[last]!.start + lines[last]!.text.trimEnd().length;
        const paragraph: Paragraph = { type: 'paragraph', children: r.inline(start, end, i), position: r.position(start, i, end, last) };
        const def: FootnoteDefinition = { type: 'footnoteDefinition', identifier: normalizeIdentifier(fn[1]!), label: fn[1]!, children: [paragraph], position: r.position(line.start, i, lines[last]!.end, last) };
        children.push(def);
        i = last + 1;
        continue;
      }
      if (text.startsWith('|')) bail();
      // A paragraph: up to a blank line or a line that starts another block.
      let last = i;
      while (last + 1 < lines.length && !blank(lines[last + 1]) && !interrupts(lines[last + 1]!.text)) last++;
      for (let k = i; k < last; k++) if (hardBreak(lines[k]!.text)) bail();
      const end = lines[last]!.start + lines[last]!.text.trimEnd().length;
      children.push(r.paragraph(line.start, end, i, last, true));
      i = last + 1;
    }
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: r.point(src.length, lines.length - 1) } };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
