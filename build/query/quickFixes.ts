/** Edits that fix a diagnostic where the fix is certain enough to offer: an untagged reference, a misspelt attribute. */
import type { Corpus } from '../model/corpus.js';
import { CLAUSE_ATTRIBUTES, DEFINITION_ATTRIBUTES } from '../parse/structure.js';
import { nearest } from '../model/suggest.js';
import type { TextChange } from './renameTerm.js';

export interface QuickFix {
  title: string;
  change: TextChange;
}

/** "Clause 7.2" at `offset` → `[[7.2]]` (this document's clause, as the prose meant). */
export function tagReference(corpus: Corpus, file: string, offset: number): QuickFix | undefined {
  const untagged = corpus.files.find((f) => f.path === file)?.untagged.find((u) => u.offset === offset);
  if (!untagged) return undefined;
  const number = untagged.text.replace(/^\S+\s+/, '');
  return { title: `Make it a reference: [[${number}]]`, change: { file, start: offset, end: offset + untagged.text.length, text: `[[${number}]]` } };
}

/** An unknown attribute name at `offset` → the nearest names a clause or definition accepts. */
export function renameAttribute(corpus: Corpus, file: string, offset: number): QuickFix[] {
  const text = corpus.texts.get(file) ?? '';
  const name = /^[A-Za-z][\w-]*/.exec(text.slice(offset, offset + 64))?.[0];
  const parsed = corpus.files.find((f) => f.path === file);
  if (!name || !parsed) return [];
  const allowed = parsed.role === 'definitions' ? DEFINITION_ATTRIBUTES : CLAUSE_ATTRIBUTES;
  if (allowed.includes(name)) return [];
  return nearest(name, allowed).map((known) => ({ title: `Change \`${name}\` to \`${known}\``, change: { file, start: offset, end: offset + name.length, text: known } }));
}
