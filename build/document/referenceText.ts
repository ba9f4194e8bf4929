/** `[[…]]` in house style: "Clause 7.2", "SMETS1 TMAD Clause 7.2", "SMETS1 TMAD Clauses 7.9A to 7.9D", "the SMETS1 TMAD". */
import type { Corpus, ReferenceTargetSymbol } from '../model/corpus.js';
import type { ReferenceTarget } from '../model/ids.js';
import { qualify } from '../model/ids.js';
import type { Theme } from '../theme/theme.js';

export type ReferenceStyle = Theme['references'];

/** The name a document goes by when another cites it: its short title, else its title, else its code. */
export function citedName(corpus: Corpus, doc: string): string {
  const manifest = corpus.documents.get(doc)?.manifest;
  return manifest?.shortTitle ?? manifest?.title ?? doc;
}

/** "the SMETS1 TMAD", but "Section A": designations such as Section or Appendix take no article. */
export function wholeDocumentText(name: string, style: ReferenceStyle): string {
  const first = name.split(/\s+/)[0] ?? '';
  if (!style.article || style.noArticleBefore.includes(first)) return name;
  return `${style.article} ${name}`;
}

function isSection(corpus: Corpus, doc: string, local: string, resolved: ReferenceTargetSymbol | undefined): boolean {
  if (resolved?.kind === 'provision') return corpus.provisions.get(resolved.id)?.record.kind === 'section';
  // Unresolved (only rendered under --force): guess from the shape, "7" is a section, "7.2" a clause.
  return corpus.provisions.get(qualify(doc, local))?.record.kind === 'section' || !/[.(]/.test(local);
}

export function referenceText(corpus: Corpus, here: string, target: ReferenceTarget, resolved: ReferenceTargetSymbol[], style: ReferenceStyle): string {
  if (target.text !== undefined && target.text !== '') return target.text;
  const doc = target.doc ?? here;
  const name = citedName(corpus, doc);
  if (target.start === undefined) return wholeDocumentText(name, style);
  const section = isSection(corpus, doc, target.start, resolved[0]);
  const prefix = target.doc !== undefined && (style.qualifySameDocument || target.doc !== here) ? `${name} ` : '';
  if (target.end !== undefined) return `${prefix}${section ? style.sections : style.clauses} ${target.start} ${style.range} ${target.end}`;
  return `${prefix}${section ? style.section : style.clause} ${target.start}`;
}
