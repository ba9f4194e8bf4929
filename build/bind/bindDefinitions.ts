/** The term table: each term with all its homes. A term defined twice in one document is a clash. */
import type { Corpus, DefinitionSymbol } from '../model/corpus.js';

export function bindDefinitions(corpus: Corpus): void {
  for (const doc of corpus.documents.values()) {
    for (const file of doc.files) {
      if (file.role !== 'definitions') continue;
      for (const record of file.definitions) {
        const homes = corpus.definitions.get(record.term) ?? [];
        const twin = homes.find((h) => h.home === doc.code);
        if (twin) {
          corpus.duplicates.push({ what: `definition of ${record.term} in ${doc.code}`, file: file.path, offset: record.offset, first: { file: twin.file, offset: twin.record.offset } });
          continue;
        }
        const symbol: DefinitionSymbol = { term: record.term, home: doc.code, record, file: file.path, inForce: doc.inForce };
        homes.push(symbol);
        corpus.definitions.set(record.term, homes);
      }
    }
  }
}

/** Every written form of a term that counts as a use of it. */
export function termForms(symbol: DefinitionSymbol): string[] {
  const forms = [symbol.term];
  const { plural, also } = symbol.record.attributes;
  if (plural) forms.push(plural);
  if (also) forms.push(...also.split(/[;,]/).map((s) => s.trim()).filter(Boolean));
  return forms;
}
