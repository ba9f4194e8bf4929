/** A file's sections, clauses, sub-paragraphs and terms as a tree, and a search over the corpus's IDs and terms. */
import type { Corpus, ParsedFile } from '../model/corpus.js';
import { qualify } from '../model/ids.js';
import type { SymbolIndex } from './symbolIndex.js';

export interface OutlineItem {
  name: string;
  detail?: string;
  kind: 'section' | 'clause' | 'subParagraph' | 'term';
  /** From the start of its line to where the next item of its level or higher begins. */
  start: number;
  end: number;
  /** The number, label or term itself. */
  nameStart: number;
  nameEnd: number;
  children: OutlineItem[];
}

const DEPTH = { section: 0, clause: 1, subParagraph: 2, term: 0 } as const;

export function outlineOf(file: ParsedFile, text: string): OutlineItem[] {
  const flat: Array<{ item: OutlineItem; depth: number }> = [];
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  for (const p of file.provisions) {
    const label = p.kind === 'subParagraph' ? /^\([^)\s]*\)/.exec(text.slice(p.offset))?.[0] ?? p.local : p.local;
    const depth = DEPTH[p.kind] + (p.kind === 'subParagraph' ? (p.local.match(/\(/g)?.length ?? 1) - 1 : 0);
    const name = p.kind === 'section' ? `${p.local}${p.title ? ` ${p.title}` : ''}` : p.local;
    flat.push({ item: { name, kind: p.kind, start: lineStart(p.offset), end: text.length, nameStart: p.offset, nameEnd: p.offset + label.length, children: [], ...(p.attributes.kind ? { detail: p.attributes.kind } : {}) }, depth });
  }
  for (const d of file.definitions) {
    flat.push({ item: { name: d.term, kind: 'term', start: lineStart(d.offset), end: text.length, nameStart: d.offset, nameEnd: d.offset + d.term.length, children: [], ...(d.attributes.plural ? { detail: d.attributes.plural } : {}) }, depth: 0 });
  }
  flat.sort((a, b) => a.item.start - b.item.start);
  const roots: OutlineItem[] = [];
  const stack: Array<{ item: OutlineItem; depth: number }> = [];
  for (const [i, entry] of flat.entries()) {
    const next = flat.slice(i + 1).find((e) => e.depth <= entry.depth);
    // An item ends where the next one of its level or higher begins (its trailing blank lines excluded).
    if (next) entry.item.end = Math.max(entry.item.nameEnd, text.slice(0, next.item.start).trimEnd().length);
    else entry.item.end = Math.max(entry.item.nameEnd, text.trimEnd().length);
    while (stack.length && stack.at(-1)!.depth >= entry.depth) stack.pop();
    (stack.length ? stack.at(-1)!.item.children : roots).push(entry.item);
    stack.push(entry);
  }
  return roots;
}

export interface FoundSymbol {
  name: string;
  kind: 'section' | 'clause' | 'subParagraph' | 'term' | 'document';
  file: string;
  start: number;
  end: number;
  container?: string;
}

/** Clause, section and sub-paragraph IDs, terms and documents whose name contains every word of `query` (any case). */
export function findSymbols(corpus: Corpus, index: SymbolIndex, query: string, limit = 200): FoundSymbol[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (name: string) => words.every((w) => name.toLowerCase().includes(w));
  const found: FoundSymbol[] = [];
  for (const doc of corpus.documents.values()) if (matches(doc.code) || matches(doc.manifest.title ?? '')) found.push({ name: doc.code, kind: 'document', file: doc.manifestPath, start: doc.manifest.offset, end: doc.manifest.offset, ...(doc.manifest.title ? { container: doc.manifest.title } : {}) });
  for (const [term, homes] of corpus.definitions) {
    if (!matches(term)) continue;
    for (const h of homes) if (!h.version) found.push({ name: term, kind: 'term', file: h.file, start: h.record.offset, end: h.record.offset + term.length, container: h.home });
  }
  for (const p of corpus.provisions.values()) {
    if (found.length >= limit * 4) break;
    const name = p.record.kind === 'section' && p.record.title ? `${p.id} ${p.record.title}` : p.id;
    if (!matches(name)) continue;
    found.push({ name, kind: p.record.kind, file: p.file, start: p.record.offset, end: index.provisionOccurrence(p).end, container: p.doc });
  }
  // Exact and shorter names first: "AL 7" before "AL 7.10".
  const q = query.trim().toLowerCase();
  const rank = (s: FoundSymbol) => (s.name.toLowerCase() === q ? 0 : s.name.toLowerCase().startsWith(q) ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b) || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, limit);
}

/** What may follow `[[` as typed so far: document codes, then the named document's (or this one's) provision numbers. */
export interface ReferenceCompletion {
  label: string;
  kind: 'document' | 'section' | 'clause' | 'subParagraph';
  detail: string;
  /** Characters of the typed text that the completion replaces, counted back from the cursor. */
  replaces: number;
  sortText: string;
}

export function referenceCompletions(corpus: Corpus, thisDoc: string | undefined, typed: string, limit = 500): ReferenceCompletion[] {
  const out: ReferenceCompletion[] = [];
  const provisionsOf = (doc: string, prefix: string, rank: string) => {
    const list = [...corpus.provisions.values()].filter((p) => p.doc === doc && p.record.local.startsWith(prefix)).sort((a, b) => a.order - b.order);
    for (const p of list.slice(0, limit)) {
      const title = p.record.kind === 'section' ? `Section${p.record.title ? ` — ${p.record.title}` : ''}` : p.record.kind === 'clause' ? 'Clause' : 'Sub-paragraph';
      out.push({ label: p.record.local, kind: p.record.kind, detail: `${qualify(doc, p.record.local)} · ${title}`, replaces: prefix.length, sortText: `${rank}${String(p.order).padStart(8, '0')}` });
    }
  };
  const named = /^([A-Z][A-Z0-9]*)\s+(\S*)$/.exec(typed);
  if (named) {
    if (corpus.documents.has(named[1]!)) provisionsOf(named[1]!, named[2]!, '0');
    return out;
  }
  if (/^\S*$/.test(typed)) {
    for (const doc of [...corpus.documents.values()].sort((a, b) => (a.code < b.code ? -1 : 1))) {
      if (doc.code.startsWith(typed)) out.push({ label: doc.code, kind: 'document', detail: doc.manifest.title ?? doc.code, replaces: typed.length, sortText: `0${doc.code}` });
    }
    if (thisDoc && corpus.documents.has(thisDoc)) provisionsOf(thisDoc, typed, '1');
  }
  return out;
}

/** The text typed after the last unclosed `[[` on the line before the cursor, or undefined when the cursor is not inside one. */
export function typedReference(lineBefore: string): string | undefined {
  const open = lineBefore.lastIndexOf('[[');
  if (open < 0 || lineBefore.indexOf(']]', open) >= 0) return undefined;
  const typed = lineBefore.slice(open + 2);
  return typed.includes('|') ? undefined : typed;
}
