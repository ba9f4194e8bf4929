/**
 * "The same model": what a rewrite of a source file must preserve. Two parses are compared on their records
 * (provisions, definitions, references by target, term-scanned text, diagnostics, manifest data) and on their
 * whole regmark tree, leaving out only what is layout: source positions and offsets, the spelling of a
 * reference body (its target is compared), the text of YAML front matter (its data is compared), and the white
 * space between a clause number or defined term and its text.
 */
import type { Nodes } from 'mdast';
import { parseDocument } from 'yaml';
import type { ParsedFile } from '../model/corpus.js';
import { parseReferenceBody } from '../model/ids.js';
import type { ParseOutput } from '../parse/parseFile.js';
import { replaceReferences } from '../parse/inline.js';
import { formatReferenceBody } from './canonical.js';

const LAYOUT_KEYS = new Set(['position', 'numberOffset', 'labelOffset', 'termOffset']);

/** Every `[[…]]` in a text rewritten to its canonical spelling, so `[[AL 7.9A – 7.9D]]` equals `[[AL 7.9A-7.9D]]`. */
export function canonicalReferencesIn(text: string): string {
  return replaceReferences(text, (body, whole) => {
    const target = parseReferenceBody(body);
    return target ? `[[${formatReferenceBody(target)}]]` : whole;
  });
}

/**
 * The scanned text of a record. White space at the edges of a run is left out here (a run ends at a reference
 * or inline markup, and the space after a clause number is layout); the tree comparison checks text exactly.
 */
function runTexts(runs: Array<{ text: string }>): string[] {
  return runs.map((r) => r.text.trim()).filter((t) => t !== '');
}

/** A ParsedFile without offsets: what binding and checking would see, position aside. */
export function comparableRecords(file: ParsedFile): unknown {
  const futureChanges = file.manifest?.futureChanges?.map((e) => ({ ...e, offset: undefined, reference: { ...e.reference, offset: undefined } }));
  const manifest = file.manifest ? { ...file.manifest, offset: undefined, keyOffsets: undefined, futureChanges } : undefined;
  return {
    path: file.path,
    role: file.role,
    doc: file.doc,
    declaredDocument: file.declaredDocument,
    definitionsTitle: file.definitionsTitle,
    manifest,
    provisions: file.provisions.map((p) => ({
      kind: p.kind,
      local: p.local,
      parent: p.parent,
      title: p.title,
      attributes: p.attributes,
      runs: runTexts(p.runs),
      references: p.references.map((r) => r.target),
    })),
    definitions: file.definitions.map((d) => ({
      term: d.term,
      attributes: d.attributes,
      text: canonicalReferencesIn(d.text).replace(/^\s+/, ''),
      runs: runTexts(d.runs),
      references: d.references.map((r) => r.target),
    })),
    diagnostics: file.diagnostics.map((d) => `${d.code}: ${canonicalReferencesIn(d.message)}`).sort(),
    untagged: file.untagged.map((u) => u.text),
  };
}

function yamlData(value: string): unknown {
  try {
    const doc = parseDocument(value);
    return doc.errors.length ? { unparsed: value } : doc.toJSON();
  } catch {
    return { unparsed: value };
  }
}

/** The regmark tree without layout. */
export function comparableTree(node: Nodes): unknown {
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map((x) => strip(x));
    if (!n || typeof n !== 'object') return n;
    const src = n as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src)) {
      if (LAYOUT_KEYS.has(k) || v === undefined) continue;
      if (k === 'raw' && src.type === 'crossReference') continue;
      // CommonMark reads a line ending inside a code span as a space; the writer may choose either.
      if (k === 'value' && src.type === 'inlineCode' && typeof v === 'string') {
        out.value = v.replace(/\r\n|\r|\n/g, ' ');
        continue;
      }
      if (k === 'value' && src.type === 'yaml') {
        out.data = yamlData(String(v));
        continue;
      }
      if (k === 'children' && (src.type === 'clause' || src.type === 'termDefinition') && Array.isArray(v)) {
        // The white space between the number (or term) and the text is layout.
        const [first, ...rest] = v as Array<Record<string, unknown>>;
        out.children = [first ? opening(first) : first, ...rest.map((x) => strip(x))];
        continue;
      }
      out[k] = strip(v);
    }
    return out;
  };
  const opening = (paragraph: Record<string, unknown>): unknown => {
    if (paragraph.type !== 'paragraph' || !Array.isArray(paragraph.children)) return strip(paragraph);
    const kids = [...(paragraph.children as Array<Record<string, unknown>>)];
    const lead = kids[0];
    if (lead?.type === 'text' && typeof lead.value === 'string') {
      const value = lead.value.replace(/^\s+/, '');
      if (value) kids[0] = { ...lead, value };
      else kids.shift();
    }
    return strip({ ...paragraph, children: kids });
  };
  return strip(node);
}

/** Path and values of the first difference between two plain values, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array ≠ object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return a.length === b.length ? undefined : `${path}: ${a.length} items ≠ ${b.length} items`;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (ao[k] === undefined && bo[k] === undefined) continue;
    const d = firstDifference(ao[k], bo[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}

/** Where two parses of one file differ in meaning, or undefined when they hold the same model. */
export function modelDifference(before: ParseOutput, after: ParseOutput): string | undefined {
  return (
    firstDifference(comparableRecords(before.file), comparableRecords(after.file), 'records') ??
    firstDifference(comparableTree(before.tree), comparableTree(after.tree), 'tree')
  );
}
