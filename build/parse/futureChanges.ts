/**
 * `future-changes:` in a consultation manifest: provisions that stay as they are for now but should be looked at
 * later (a consultation's "changes for future consideration" appendix). Each entry names what it is about as the
 * inside of a `[[…]]` would (`A`, `AM 13`, `AC 3.4-3.5`), optionally a defined term of that document, and says what
 * it is and why it can wait. The reference is kept with its offset so that `check` resolves it like any other.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { FutureChangeEntry, OffsetDiagnostic } from '../model/corpus.js';
import { parseReferenceBody } from '../model/ids.js';
import { didYouMean } from '../model/suggest.js';

const KEYS = ['reference', 'term', 'item', 'comment'];

/** Offset of a YAML scalar's text: past an opening quote, so that a diagnostic points at the reference itself. */
function valueOffset(node: YamlNode, base: number): number {
  const start = base + (node.range?.[0] ?? 0);
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? start + 1 : start;
}

export function readFutureChanges(node: unknown, at: number, base: number, diagnostics: OffsetDiagnostic[]): FutureChangeEntry[] {
  const problem = (offset: number, message: string) => diagnostics.push({ code: 'invalid-front-matter', offset, message });
  if (!isSeq(node)) {
    problem(at, '`future-changes` must be a list of entries with `reference`, `item` and `comment` (and optionally `term`)');
    return [];
  }
  const out: FutureChangeEntry[] = [];
  for (const item of node.items) {
    const itemAt = base + ((item as YamlNode).range?.[0] ?? 0);
    if (!isMap(item)) {
      problem(itemAt, 'each `future-changes` entry must be a mapping (reference, item, comment, and optionally term)');
      continue;
    }
    const values: Record<string, { text: string; offset: number }> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyAt = base + ((pair.key as YamlNode | null)?.range?.[0] ?? 0);
      if (key === undefined || !KEYS.includes(key)) {
        problem(keyAt, `unknown key \`future-changes.${String(key)}\` (allowed: ${KEYS.join(', ')})${didYouMean(String(key), KEYS)}`);
        continue;
      }
      const value = isScalar(pair.value) && (typeof pair.value.value === 'string' || typeof pair.value.value === 'number') ? String(pair.value.value).trim() : undefined;
      if (!value) {
        problem(keyAt, `\`future-changes.${key}\` must be text`);
        continue;
      }
      values[key] = { text: value, offset: valueOffset(pair.value as YamlNode, base) };
    }
    const missing = ['reference', 'item', 'comment'].filter((k) => !values[k]);
    if (missing.length) {
      problem(itemAt, `a \`future-changes\` entry needs ${missing.map((k) => `\`${k}\``).join(' and ')}`);
      continue;
    }
    const ref = values.reference!;
    const target = parseReferenceBody(ref.text);
    if (!target || target.doc === undefined || target.text !== undefined) {
      problem(ref.offset, `\`future-changes.reference: ${ref.text}\` must name a document and optionally a clause, section or range, as inside [[…]] (e.g. \`A\`, \`AM 13\`, \`AC 3.4-3.5\`)`);
      continue;
    }
    if (values.term && target.start !== undefined) {
      problem(values.term.offset, '`future-changes.term` goes with a whole-document `reference` (the document that defines the term)');
      continue;
    }
    out.push({
      reference: { raw: ref.text, target, offset: ref.offset },
      ...(values.term ? { term: values.term.text } : {}),
      item: values.item!.text,
      comment: values.comment!.text,
      offset: itemAt,
    });
  }
  return out;
}
