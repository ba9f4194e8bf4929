/**
 * Re-parsing one edited file without re-reading all of it. A file is cut into chunks at top-level block
 * boundaries that Markdown cannot carry state across (a blank line, then a bold-number or bold-term paragraph
 * or an ATX heading at the left margin, outside any code fence or HTML comment). Each chunk's mdast is kept;
 * after an edit only the chunks whose text changed are parsed again, the trees are joined with their
 * positions shifted into place, and the joined tree goes through the same structuring as a full parse.
 *
 * Footnote calls parse only when a definition with that label exists somewhere in the file, so each chunk is
 * parsed with stub definitions of every label the file defines; chunks with calls are parsed again when the
 * set of labels changes. Files this scheme cannot cut safely (HTML blocks that run past blank lines, indented
 * or container fences, link reference definitions, bare CR line ends, front matter in a clause file) are
 * parsed whole. Chunks are read with remark-parse; tests assert the records equal parseSource's on every file and
 * after any sequence of edits.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { FileRole, OffsetDiagnostic } from '../model/corpus.js';
import { parseMarkdown } from './markdown.js';
import { parseSource, type ParseOutput } from './parseFile.js';
import { tooDeep } from './nesting.js';

/** Constructs that may run across a blank line, or make one part of a file depend on another. */
const UNCHUNKABLE = /\r(?!\n)|^[ \t>]*<(?:script|pre|style|textarea|\?|![A-Za-z]|!\[CDATA\[)|^(?:[ \t>]|[-*+][ \t]|\d+[.)][ \t])+(?:```|~~~)/im;
const BOUNDARY_LINE = /^(?:\*\*|__|#{1,6}(?:[ \t]|\r?$))/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Offsets where chunks start (always 0 first); a single [0] when the file must be parsed whole. */
export function chunkStarts(text: string, role: FileRole): number[] {
  if (role === 'manifest' || role === 'matrix' || UNCHUNKABLE.test(text)) return [0];
  if (role === 'clauses' && text.startsWith('---')) return [0];
  const starts = [0];
  let pos = 0;
  // Front matter (exactly as micromark reads it: `---` lines, trailing blanks allowed) is never cut: start after it.
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (open) {
    const close = /(?:^|\n)---[ \t]*(?:\r?\n|$)/.exec(text.slice(open[0].length));
    if (!close) return [0];
    pos = open[0].length + close.index + close[0].length;
  }
  // Without fences or comments, no line can be inside a construct that spans a blank line: boundaries by regex.
  if (!/```|~~~|<!--/.test(text)) {
    const re = /\n[ \t]*\r?\n(?=\*\*|__|#{1,6}(?:[ \t]|\r?\n|$))/g;
    re.lastIndex = Math.max(0, pos - 1);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index + m[0].length;
      if (at > pos && at < text.length) starts.push(at);
      re.lastIndex = at - 1;
    }
    return starts;
  }
  let prevBlank = false;
  let fence: { char: string; length: number } | undefined;
  let comment = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end).replace(/\r?\n$/, '');
    if (!fence && !comment && prevBlank && BOUNDARY_LINE.test(line)) starts.push(pos);
    if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length) fence = undefined;
    } else {
      const m = FENCE.exec(line);
      if (m && (m[1]![0] === '~' || !m[2]!.includes('`'))) fence = { char: m[1]![0]!, length: m[1]!.length };
    }
    // An HTML comment open at a line end keeps every later line out of bounds until it closes.
    for (let i = 0; ; ) {
      const j = line.indexOf(comment ? '-->' : '<!--', i);
      if (j < 0) break;
      i = j + (comment ? 3 : 4);
      comment = !comment;
    }
    prevBlank = /^[ \t]*$/.test(line);
    pos = end;
  }
  return starts;
}

interface Chunk {
  text: string;
  /** The pristine tree of the chunk parsed on its own, positions relative to the chunk. */
  tree: Root;
  /** Footnote labels the chunk defines; link definitions make the file unchunkable. */
  labels: string[];
  hasDefinitions: boolean;
  /** The label set the chunk was parsed with, when it has footnote calls to resolve. */
  labelKey: string | undefined;
}

const SAFE_LABEL = /^[^\s\]\[\\^]+$/;

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if ('children' in n && Array.isArray(n.children)) for (const c of n.children) stack.push(c as Nodes);
  }
}

function parseChunk(text: string, labels: string[]): Chunk {
  const usesCalls = text.includes('[^');
  const stubs = usesCalls && labels.length ? '\n\n' + labels.map((l) => `[^${l}]: -`).join('\n\n') + '\n' : '';
  const source = stubs ? text + (text.endsWith('\n') ? '' : '\n') + stubs : text;
  // remark-parse, not the fast reader: a chunk must read exactly as the whole file would with remark-parse.
  const tree = parseMarkdown(source);
  if (stubs) {
    tree.children = tree.children.filter((c) => (c.position?.start.offset ?? 0) < text.length);
    // A construct left open at the end of the chunk would have swallowed the stubs: parse the file whole.
    if (tree.children.some((c) => (c.position?.end.offset ?? 0) > text.length)) throw new Error('chunk runs into its stubs');
  }
  const own: string[] = [];
  let hasDefinitions = false;
  walk(tree, (n) => {
    if (n.type === 'footnoteDefinition') own.push(n.identifier);
    if (n.type === 'definition') hasDefinitions = true;
  });
  return { text, tree, labels: own, hasDefinitions, labelKey: usesCalls ? labels.join('\n') : undefined };
}

type Point = { line: number; column: number; offset?: number };

/** A deep copy of an mdast tree with every position moved by `offset` characters and `lines` lines (chunks start at a line start). */
function shifted<T>(node: T, offset: number, lines: number): T {
  const n = node as unknown as { position?: { start: Point; end: Point }; children?: unknown[] };
  const out = { ...n } as typeof n;
  const p = n.position;
  if (p) {
    out.position = {
      start: { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset },
      end: { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset },
    };
  }
  if (n.children) out.children = n.children.map((c) => shifted(c, offset, lines));
  // A table's `align` array is the only other nested value a parser node holds; it is never mutated.
  return out as unknown as T;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** One file's chunks, kept between edits. */
export class ChunkedFile {
  private chunks = new Map<string, Chunk>();
  /** Chunks parsed by the last `parse` (the rest were reused). */
  reparsed = 0;
  whole = false;

  constructor(
    readonly path: string,
    readonly role: FileRole,
    readonly doc: string,
  ) {}

  /** Parses `text`, reusing the chunks of earlier texts of this file. Same result as parseSource. */
  parse(text: string, pre: OffsetDiagnostic[] = []): ParseOutput {
    this.reparsed = 0;
    this.whole = false;
    const starts = chunkStarts(text, this.role);
    if (starts.length === 1 || tooDeep(text)) return this.parseWhole(text, pre);
    const pieces = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
    let labels = [...new Set([...this.chunks.values()].flatMap((c) => c.labels))].sort();
    let key = labels.join('\n');
    const next = new Map<string, Chunk>();
    const get = (piece: string): Chunk => {
      let chunk = next.get(piece) ?? this.chunks.get(piece);
      if (!chunk || (chunk.labelKey !== undefined && chunk.labelKey !== key)) {
        chunk = parseChunk(piece, labels);
        this.reparsed++;
      }
      next.set(piece, chunk);
      return chunk;
    };
    let parsed: Chunk[];
    try {
      parsed = pieces.map(get);
      // The labels the file defines now; chunks with calls parsed against another set are parsed again.
      const now = [...new Set(parsed.flatMap((c) => c.labels))].sort();
      if (now.join('\n') !== key) {
        labels = now;
        key = now.join('\n');
        parsed = pieces.map(get);
      }
    } catch {
      return this.parseWhole(text, pre);
    }
    if (parsed.some((c) => c.hasDefinitions) || labels.some((l) => !SAFE_LABEL.test(l))) return this.parseWhole(text, pre);
    this.chunks = next;
    const children: RootContent[] = [];
    let line = 0;
    parsed.forEach((chunk, i) => {
      if (i) line += countLines(text, starts[i - 1]!, starts[i]!);
      for (const child of chunk.tree.children) children.push(shifted(child, starts[i]!, line));
    });
    const last = countLines(text, 0, text.length);
    const lastLineStart = text.lastIndexOf('\n') + 1;
    const tree: Root = {
      type: 'root',
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last + 1, column: text.length - lastLineStart + 1, offset: text.length } },
    };
    // The joined tree goes through parseSource's own steps after Markdown (front matter, structure, records).
    return parseSource(this.path, this.role, this.doc, text, pre, { tree });
  }

  /**
   * Parses the chunks of `text` ahead of an edit, one at a time with `pause()` between them, so a session can
   * do it in the background. Footnote labels are read from the text; `parse` corrects any chunk that needed others.
   */
  async warm(text: string, pause: () => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
    const starts = chunkStarts(text, this.role);
    if (starts.length === 1 || tooDeep(text)) return;
    const labels = [...new Set([...text.matchAll(/^ {0,3}\[\^([^\]\s]+)\]:/gm)].map((m) => m[1]!.toLowerCase()))].sort();
    const chunks = this.chunks;
    for (let i = 0; i < starts.length; i++) {
      if (shouldStop() || this.chunks !== chunks) return;
      const piece = text.slice(starts[i]!, starts[i + 1] ?? text.length);
      if (!chunks.has(piece)) {
        try {
          chunks.set(piece, parseChunk(piece, labels));
        } catch {
          return;
        }
      }
      await pause();
    }
  }

  private parseWhole(text: string, pre: OffsetDiagnostic[]): ParseOutput {
    this.chunks.clear();
    this.whole = true;
    this.reparsed = 1;
    return parseSource(this.path, this.role, this.doc, text, pre);
  }
}
