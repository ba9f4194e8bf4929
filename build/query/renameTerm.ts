/**
 * Renaming a defined term: every home's opening, its `plural=` (when it has one), every use in the working tree
 * (the plural form becomes the new plural), and `term:` in `accepted:` entries. `also=` forms are other words,
 * not spellings of the name, and are left as they are. Earlier versions are history and are not edited.
 */
import type { Corpus } from '../model/corpus.js';
import type { SymbolIndex } from './symbolIndex.js';

export interface TextChange {
  file: string;
  start: number;
  end: number;
  text: string;
}

export class RenameRefusal extends Error {}

/** The plural of the new name, made the way the old plural was made from the old name. */
export function pluralLike(oldTerm: string, oldPlural: string, newTerm: string): string {
  if (oldPlural === oldTerm + 's') return newTerm + 's';
  if (oldPlural === oldTerm + 'es') return newTerm + 'es';
  if (/y$/.test(oldTerm) && oldPlural === oldTerm.slice(0, -1) + 'ies') return /[^aeiou]y$/.test(newTerm) ? newTerm.slice(0, -1) + 'ies' : newTerm + 's';
  // A shared beginning ("Meter" → "Meters of the Party"): keep what the plural adds after it.
  if (oldPlural.startsWith(oldTerm)) return newTerm + oldPlural.slice(oldTerm.length);
  return /[^aeiou]y$/.test(newTerm) ? newTerm.slice(0, -1) + 'ies' : /(s|x|ch|sh)$/.test(newTerm) ? newTerm + 'es' : newTerm + 's';
}

export function renameTerm(corpus: Corpus, index: SymbolIndex, term: string, newName: string): TextChange[] {
  const name = newName.trim();
  const homes = (corpus.definitions.get(term) ?? []).filter((h) => !h.version);
  if (!homes.length) throw new RenameRefusal(`"${term}" is not a defined term`);
  if (!name || /[*\n\r[\]{}]/.test(name)) throw new RenameRefusal(`"${newName}" cannot be a term: a term is one line of text without *, [, ], { or }`);
  if (name !== term && corpus.definitions.has(name)) throw new RenameRefusal(`"${name}" is already a defined term`);
  const changes: TextChange[] = [];
  const plurals = new Map<string, string>();
  for (const h of homes) {
    changes.push({ file: h.file, start: h.record.offset, end: h.record.offset + term.length, text: name });
    const plural = h.record.attributes.plural;
    if (plural === undefined) continue;
    const next = pluralLike(term, plural, name);
    plurals.set(plural, next);
    const text = corpus.texts.get(h.file) ?? '';
    const block = text.indexOf('}', h.record.offset);
    const at = text.slice(h.record.offset, block).search(/plural\s*=\s*"?/);
    if (at >= 0) {
      const start = text.indexOf(plural, h.record.offset + at);
      if (start >= 0 && start < block) changes.push({ file: h.file, start, end: start + plural.length, text: text[start - 1] !== '"' && /\s/.test(next) ? `"${next}"` : next });
    }
  }
  for (const o of index.termOccurrences(term)) {
    if (o.kind !== 'use') continue;
    const text = corpus.texts.get(o.file) ?? '';
    if (text.slice(o.start, o.end) !== o.form) continue;
    if (o.form === term) changes.push({ file: o.file, start: o.start, end: o.end, text: name });
    else if (plurals.has(o.form)) changes.push({ file: o.file, start: o.start, end: o.end, text: plurals.get(o.form)! });
  }
  // Accepted risks name the term they accept a gap for.
  for (const doc of [...corpus.documents.values(), ...[...corpus.consultations.values()].map((c) => ({ manifest: c.manifest, manifestPath: c.path }))]) {
    const text = corpus.texts.get(doc.manifestPath) ?? '';
    for (const entry of doc.manifest.accepted ?? []) {
      if (entry.term !== term) continue;
      const m = /term:[ \t]*(["']?)/.exec(text.slice(entry.offset));
      if (!m) continue;
      const start = entry.offset + m.index + m[0].length;
      if (text.startsWith(term, start)) changes.push({ file: doc.manifestPath, start, end: start + term.length, text: m[1] ? name : /[:#]/.test(name) ? JSON.stringify(name) : name });
    }
  }
  return changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
}
