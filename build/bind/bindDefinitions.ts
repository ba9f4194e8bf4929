/** The term table: each term with all its homes. A term defined twice in one document is a clash. */
import type { Corpus, DefinitionSymbol, Duplicate, ParsedFile, VersionSymbol } from '../model/corpus.js';
import { intersect, ownInterval, type Interval } from '../model/dates.js';

export function bindDefinitions(corpus: Corpus): void {
  for (const doc of corpus.documents.values()) {
    bindVersionDefinitions(doc.code, doc.files, intersect(doc.inForce, doc.versions.at(-1)!.window), corpus.definitions, corpus.duplicates);
  }
}

/** Binds the definitions of one version of a document into `table`; each in force within `docInForce` and its own bounds. */
export function bindVersionDefinitions(code: string, files: ParsedFile[], docInForce: Interval, table: Map<string, DefinitionSymbol[]>, duplicates: Duplicate[], version?: VersionSymbol): void {
  for (const file of files) {
    if (file.role !== 'definitions') continue;
    for (const record of file.definitions) {
      const homes = table.get(record.term) ?? [];
      const twin = homes.find((h) => h.home === code && h.version === version);
      if (twin) {
        duplicates.push({ what: `definition of ${record.term} in ${code}`, file: file.path, offset: record.offset, first: { file: twin.file, offset: twin.record.offset } });
        continue;
      }
      const symbol: DefinitionSymbol = { term: record.term, home: code, record, file: file.path, inForce: intersect(docInForce, ownInterval(record.attributes)) };
      if (version) symbol.version = version;
      homes.push(symbol);
      table.set(record.term, homes);
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
