/** Documents by code, from the manifests; clause and definition files attached in their reading order. */
import type { Corpus, DocumentSymbol, ParsedFile } from '../model/corpus.js';

export function bindDocuments(files: ParsedFile[], corpus: Corpus): void {
  for (const file of files) {
    if (file.role !== 'manifest' || !file.manifest) continue;
    if (file.manifest.kind === 'consultation') corpus.consultations.set(file.doc, { manifest: file.manifest, path: file.path });
    else {
      const doc: DocumentSymbol = { code: file.doc, manifest: file.manifest, manifestPath: file.path, inForce: file.manifest.inForce, files: [], versions: [] };
      // Until the timeline places it, the working tree's version stands alone and applies on every day.
      doc.versions.push({ doc: file.doc, index: 0, manifest: file.manifest, manifestPath: file.path, files: doc.files, window: {} });
      corpus.documents.set(file.doc, doc);
    }
  }
  for (const file of files) {
    if (file.role === 'manifest') continue;
    const doc = corpus.documents.get(file.doc);
    if (doc) doc.files.push(file);
    else corpus.orphans.push(file);
  }
  for (const doc of corpus.documents.values()) orderByManifest(doc);
}

/** A manifest's `sections:` list fixes the order of its clause files; unlisted files follow in name order. */
function orderByManifest(doc: DocumentSymbol): void {
  const listed = doc.manifest.sections;
  if (!listed) return;
  const rank = (f: ParsedFile) => {
    const i = listed.indexOf(f.path.slice(`clauses/${doc.code}/`.length));
    return i < 0 ? listed.length : i;
  };
  doc.files.sort((a, b) => (a.role !== b.role ? (a.role < b.role ? -1 : 1) : rank(a) - rank(b) || (a.path < b.path ? -1 : 1)));
}
