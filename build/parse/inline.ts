/**
 * Walks the inline content owned by a clause, sub-paragraph or definition: splits `[[…]]` out of text
 * nodes into crossReference nodes, and records the text runs that term detection will scan.
 */
import type { Nodes, Parents, Text } from 'mdast';
import type { CrossReference } from '../model/nodes.js';
import { parseReferenceBody } from '../model/ids.js';
import type { OffsetDiagnostic, ReferenceRecord, TextRun } from '../model/corpus.js';
import type { ReferenceTarget } from '../model/ids.js';

export interface RunSink {
  runs: TextRun[];
  references: ReferenceRecord[];
}

/** Nodes whose text is never scanned for terms or references. */
const OPAQUE = new Set(['inlineCode', 'code', 'html', 'heading', 'yaml', 'definition', 'image', 'imageReference', 'crossReference']);

const REFERENCE = /\[\[((?:(?!\[\[)[^\]])*?)\]\]/g;

/** Every `[[…]]` of a plain string, replaced by what `replace` returns for its body: the one reading of the syntax. */
export function replaceReferences(text: string, replace: (body: string, whole: string) => string): string {
  return text.replace(REFERENCE, (whole, body: string) => replace(body, whole));
}
/** A footnote call left as text: micromark makes `[^x]` a call only when `[^x]: …` defines it. */
const FOOTNOTE_CALL = /\[\^([^\]\s]+)\]/g;
const UNTAGGED = /\b(?:Clauses?|Sections?|Paragraphs?)\s+\d+[A-Za-z]*(?:\.\d+[A-Za-z]*)*(?:\([a-z0-9]+\))*/g;

/** For each index of `value`, its offset in `raw`: escapes, entities and indentation exist only in `raw`. */
export function alignToRaw(raw: string, value: string, base: number): number[] {
  const map = new Array<number>(value.length);
  let i = 0;
  for (let j = 0; j < value.length; j++) {
    while (i < raw.length && raw[i] !== value[j]) i++;
    map[j] = base + Math.min(i, raw.length);
    i++;
  }
  return map;
}

export interface InlineContext {
  source: string;
  diagnostics: OffsetDiagnostic[];
  untagged: Array<{ offset: number; text: string }>;
}

/** The pieces a text node is rebuilt from once references are split out of it; offsets are the source's. */
export interface TextPieces {
  text(value: string, start: number, end: number): void;
  reference(raw: string, target: ReferenceTarget, start: number, end: number): void;
  /** `[[…]]` that names nothing, or an unclosed `[[`: kept as written. */
  literal(value: string): void;
}

/**
 * Feeds the sink the runs and references of `value`, the text at source [start, end), and reports what is wrong
 * in it. Returns false when it holds no reference, so stays one piece; otherwise `pieces` hears every piece.
 */
export function scanText(value: string, start: number, end: number, sink: RunSink, ctx: InlineContext, pieces?: TextPieces): boolean {
  const raw = ctx.source.slice(start, end);
  const map = raw === value ? undefined : alignToRaw(raw, value, start);
  const at = (j: number) => (map ? (map[j] ?? end) : start + j);
  /** Records value[from, to) as a run (and the untagged references and unmatched footnote calls in it). */
  const recordRun = (from: number, to: number) => {
    const text = value.slice(from, to);
    const run: TextRun = { offset: at(from), text };
    if (map) run.map = map.slice(from, to);
    sink.runs.push(run);
    UNTAGGED.lastIndex = 0;
    for (let m = UNTAGGED.exec(text); m; m = UNTAGGED.exec(text)) ctx.untagged.push({ offset: run.map ? run.map[m.index]! : run.offset + m.index, text: m[0] });
    if (text.includes('[^')) {
      FOOTNOTE_CALL.lastIndex = 0;
      for (let m = FOOTNOTE_CALL.exec(text); m; m = FOOTNOTE_CALL.exec(text)) {
        ctx.diagnostics.push({ code: 'missing-footnote', offset: run.map ? run.map[m.index]! : run.offset + m.index, message: `footnote [^${m[1]}] has no \`[^${m[1]}]: …\` text in this file; its mark is printed as written` });
      }
    }
    return text;
  };
  const pushRun = (from: number, to: number) => {
    if (to <= from) return;
    const text = recordRun(from, to);
    pieces?.text(text, at(from), at(to - 1) + 1);
  };
  // Most text holds no reference: it is one run, and the node stays as it is.
  if (!value.includes('[[')) {
    if (value.length) recordRun(0, value.length);
    return false;
  }
  let last = 0;
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(value); m; m = REFERENCE.exec(value)) {
    pushRun(last, m.index);
    // A reference wrapped across lines reads as one line, however the line was indented.
    const body = m[1]!.replace(/\s+/g, ' ');
    const offset = at(m.index);
    const target = parseReferenceBody(body);
    if (!target) {
      ctx.diagnostics.push({ code: 'unresolved-reference', offset, message: `\`[[${body}]]\` is not a reference: expected [[7.2]], [[AL 7.2]], [[AL 7.9A-7.9D]], [[AL 4.12(b)]], [[AL 7]] or [[AL]]` });
      pieces?.literal(m[0]);
    } else {
      sink.references.push({ raw: body, target, offset });
      pieces?.reference(body, target, offset, at(m.index + m[0].length - 1) + 1);
    }
    last = m.index + m[0].length;
  }
  const open = value.indexOf('[[', last);
  if (open >= 0) {
    pushRun(last, open);
    ctx.diagnostics.push({ code: 'unresolved-reference', offset: at(open), message: '`[[` is never closed with `]]`' });
    pieces?.literal(value.slice(open));
  } else pushRun(last, value.length);
  return true;
}

/** Splits one text node; returns the replacement nodes and feeds the sink. */
export function splitText(node: Text, sink: RunSink, ctx: InlineContext): Array<Text | CrossReference> {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) {
    sink.runs.push({ offset: 0, text: node.value });
    return [node];
  }
  const out: Array<Text | CrossReference> = [];
  const split = scanText(node.value, start, end, sink, ctx, {
    text: (value, from, to) => out.push({ type: 'text', value, position: { start: locate(node, from), end: locate(node, to) } }),
    reference: (raw, target, from, to) => out.push({ type: 'crossReference', raw, target, position: { start: locate(node, from), end: locate(node, to) } }),
    literal: (value) => out.push({ type: 'text', value }),
  });
  return split ? out : node.value.length ? [node] : [];
}

/** Offsets are what every later phase uses; line and column here are placeholders filled on demand. */
function locate(node: Text, offset: number) {
  const s = node.position!.start;
  return { line: s.line, column: s.column + (offset - (s.offset ?? 0)), offset };
}

export function isOpaque(node: Nodes): boolean {
  return OPAQUE.has(node.type);
}

export function hasChildren(node: Nodes): node is Parents {
  return 'children' in node && Array.isArray((node as Parents).children);
}
