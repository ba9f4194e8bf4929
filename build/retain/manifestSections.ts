/** Adds a clause file to a manifest's `sections:` list, in section-number order, by editing the YAML text in place. */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { compareClauseNumbers } from '../format/canonical.js';
import { lineEnding, type TextEdit } from './textEdits.js';

/**
 * The edit that lists `name` (the file of section `section`) after the last listed file whose section comes
 * before it; undefined when the manifest has no block-style `sections:` list to edit.
 */
export function parseYamlSections(manifestText: string, sectionOfEntry: (entry: string) => string | undefined, section: string, name: string): TextEdit | undefined {
  if (!/^---\r?\n/.test(manifestText)) return undefined;
  const base = manifestText.indexOf('\n') + 1;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(manifestText.slice(base - 1));
  if (!close) return undefined;
  const doc = parseDocument(manifestText.slice(base, base - 1 + close.index + 1));
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'sections');
  const seq = pair?.value;
  if (!isSeq(seq) || seq.flow || !seq.items.length) return undefined;
  const items = seq.items.map((item) => ({ entry: isScalar(item) ? String(item.value) : '', at: base + (isScalar(item) ? item.range![0] : 0) }));
  const eol = lineEnding(manifestText);
  const lineStart = (at: number) => manifestText.lastIndexOf('\n', at - 1) + 1;
  const prev = items.filter((i) => {
    const s = sectionOfEntry(i.entry);
    return s !== undefined && compareClauseNumbers(s, section) < 0;
  }).pop();
  if (prev) {
    const prefix = manifestText.slice(lineStart(prev.at), prev.at);
    const end = manifestText.indexOf('\n', prev.at);
    const at = end < 0 ? manifestText.length : manifestText[end - 1] === '\r' ? end - 1 : end;
    return { start: at, end: at, text: eol + prefix + name };
  }
  const first = items[0]!;
  const start = lineStart(first.at);
  return { start, end: start, text: manifestText.slice(start, first.at) + name + eol };
}
