/** Front matter of manifests and definition files: YAML read with positions, validated against known keys. */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { parseIsoDate, type Interval } from '../model/dates.js';
import { DOC_CODE } from '../model/ids.js';
import type { AcceptanceEntry, ManifestData, OffsetDiagnostic } from '../model/corpus.js';
import { CATALOGUE, type DiagnosticCode } from '../diagnostics/catalogue.js';
import { readFutureChanges } from './futureChanges.js';
import { didYouMean } from '../model/suggest.js';

const DOCUMENT_KEYS = ['id', 'kind', 'title', 'short-title', 'reference', 'version', 'status', 'in-force', 'sections', 'description', 'effective', 'effective-by', 'previous', 'accepted'];
/** Keys read into ManifestData's own fields; every other key is kept in `extra`. */
const MODELLED_KEYS = ['id', 'kind', 'title', 'short-title', 'reference', 'version', 'status', 'in-force', 'sections', 'effective', 'effective-by', 'previous', 'accepted', 'future-changes'];
const CONSULTATION_KEYS = ['subtitle', 'date', 'closes', 'author', 'respond-to', 'baseline', 'annexes', 'future-changes'];
const STATUSES = ['draft', 'consultation', 'designated'];

export interface FrontMatterSource {
  value: string;
  /** Offset of `value` in the file. */
  offset: number;
}

interface YamlRead {
  map?: YAMLMap;
  diagnostics: OffsetDiagnostic[];
}

function readYaml(source: FrontMatterSource): YamlRead {
  const doc = parseDocument(source.value, { prettyErrors: false, uniqueKeys: true });
  const diagnostics: OffsetDiagnostic[] = doc.errors.map((e) => ({
    code: 'invalid-front-matter',
    offset: source.offset + (e.pos?.[0] ?? 0),
    message: `malformed YAML: ${e.message.split('\n')[0]}`,
  }));
  if (diagnostics.length) return { diagnostics };
  if (!isMap(doc.contents)) {
    return { diagnostics: [{ code: 'invalid-front-matter', offset: source.offset, message: 'front matter must be a YAML mapping of keys to values' }] };
  }
  return { map: doc.contents, diagnostics };
}

function keyOffset(node: YamlNode | null | undefined, base: number): number {
  return base + (node?.range?.[0] ?? 0);
}

function scalarText(node: unknown): string | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return undefined;
}

export function readManifest(source: FrontMatterSource | undefined, fileDoc: string, fileOffset: number): { manifest?: ManifestData; diagnostics: OffsetDiagnostic[] } {
  if (!source) {
    return { diagnostics: [{ code: 'invalid-front-matter', offset: fileOffset, message: 'a document manifest needs YAML front matter between `---` lines' }] };
  }
  const { map, diagnostics } = readYaml(source);
  if (!map) return { diagnostics };
  const base = source.offset;
  const fields: Record<string, unknown> = {};
  const keyOffsets: Record<string, number> = {};
  const nodes: Record<string, unknown> = {};
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    const at = keyOffset(pair.key as YamlNode, base);
    if (key === undefined) {
      diagnostics.push({ code: 'invalid-front-matter', offset: at, message: 'front-matter keys must be plain words' });
      continue;
    }
    keyOffsets[key] = at;
    nodes[key] = pair.value;
    fields[key] = isScalar(pair.value) ? pair.value.value : (pair.value as YamlNode | null)?.toJSON();
  }
  const kind = fields.kind === undefined ? 'document' : fields.kind;
  if (kind !== 'document' && kind !== 'consultation') {
    diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.kind ?? base, message: `\`kind\` must be \`consultation\` (or omitted), not \`${String(kind)}\`` });
  }
  const allowed = kind === 'consultation' ? [...DOCUMENT_KEYS, ...CONSULTATION_KEYS] : DOCUMENT_KEYS;
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets[key]!, message: `unknown key \`${key}\` (allowed: ${allowed.join(', ')})${didYouMean(key, allowed)}` });
    }
  }
  const id = scalarText(nodes.id);
  if (id === undefined) {
    diagnostics.push({ code: 'invalid-front-matter', offset: base, message: 'missing `id`' });
  } else if (id !== fileDoc) {
    diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.id!, message: `\`id: ${id}\` does not match the file name \`${fileDoc}.md\`` });
  } else if (kind !== 'consultation' && !DOC_CODE.test(id)) {
    diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.id!, message: `document code \`${id}\` must match [A-Z][A-Z0-9]*` });
  }
  for (const key of ['title', 'short-title', 'reference', 'version', 'status'] as const) {
    if (nodes[key] !== undefined && scalarText(nodes[key]) === undefined) {
      diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets[key]!, message: `\`${key}\` must be text` });
    }
  }
  if (kind !== 'consultation' && typeof fields.version === 'number') {
    diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.version!, message: '`version` must be quoted ("29.0"), or YAML reads 29.10 as the number 29.1' });
  }
  const status = scalarText(nodes.status);
  if (status !== undefined && !STATUSES.includes(status)) {
    diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.status!, message: `\`status\` must be one of ${STATUSES.join(', ')}` });
  }
  const inForce = readInterval(nodes['in-force'], keyOffsets['in-force'] ?? base, base, diagnostics);
  let sections: string[] | undefined;
  if (fields.sections !== undefined) {
    if (!Array.isArray(fields.sections) || !fields.sections.every((s) => typeof s === 'string')) {
      diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.sections!, message: '`sections` must be a list of file names under clauses/' + fileDoc + '/' });
    } else {
      sections = [];
      for (const entry of fields.sections as string[]) {
        // A manifest must not pull text from outside its document's folder (or the content root).
        if (entry.includes('..') || entry.startsWith('/') || entry.includes('\\') || !/^[\w.-]+(\/[\w.-]+)*$/.test(entry)) {
          diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.sections!, message: `\`sections\` entry \`${entry}\` points outside clauses/${fileDoc}/ and is refused` });
        } else sections.push(entry);
      }
    }
  }
  if (kind === 'consultation') {
    for (const key of ['date'] as const) {
      const text = scalarText(nodes[key]);
      if (text !== undefined && !parseIsoDate(text)) diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets[key]!, message: `\`${key}: ${text}\` is not a real date (YYYY-MM-DD)` });
    }
  }
  const versioning = readVersioning(nodes, keyOffsets, base, diagnostics);
  const accepted = nodes.accepted === undefined ? undefined : readAccepted(nodes.accepted, keyOffsets.accepted!, base, diagnostics);
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (!MODELLED_KEYS.includes(key)) extra[key] = fields[key];
  const manifest: ManifestData = {
    id: id ?? fileDoc,
    kind: kind === 'consultation' ? 'consultation' : 'document',
    inForce,
    extra,
    offset: base,
    keyOffsets,
  };
  const optional = (key: string) => scalarText(nodes[key]);
  if (optional('title') !== undefined) manifest.title = optional('title');
  if (optional('short-title') !== undefined) manifest.shortTitle = optional('short-title');
  if (optional('reference') !== undefined) manifest.reference = optional('reference');
  if (optional('version') !== undefined) manifest.version = optional('version');
  if (status !== undefined) manifest.status = status;
  if (sections) manifest.sections = sections;
  Object.assign(manifest, versioning);
  if (accepted) manifest.accepted = accepted;
  if (kind === 'consultation' && nodes['future-changes'] !== undefined) manifest.futureChanges = readFutureChanges(nodes['future-changes'], keyOffsets['future-changes']!, base, diagnostics);
  return { manifest, diagnostics };
}

/** `effective`, `effective-by` and `previous`: where this version sits in its document's chain. */
function readVersioning(nodes: Record<string, unknown>, keyOffsets: Record<string, number>, base: number, diagnostics: OffsetDiagnostic[]): Pick<ManifestData, 'effective' | 'effectiveBy' | 'previous'> {
  const out: Pick<ManifestData, 'effective' | 'effectiveBy' | 'previous'> = {};
  const date = (key: 'effective' | 'effective-by') => {
    if (nodes[key] === undefined) return undefined;
    const text = scalarText(nodes[key]);
    const day = text === undefined ? undefined : parseIsoDate(text);
    if (!day) diagnostics.push({ code: 'invalid-front-matter', offset: keyOffset(nodes[key] as YamlNode, base), message: `\`${key}\` must be a real date YYYY-MM-DD, not \`${text ?? ''}\`` });
    return day;
  };
  const effective = date('effective');
  const effectiveBy = date('effective-by');
  if (effective) out.effective = effective;
  if (effectiveBy) {
    if (effective && effectiveBy < effective) {
      diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets['effective-by']!, message: `\`effective-by\` ${effectiveBy} is before \`effective\` ${effective}; it is the latest day the version may take effect` });
    } else out.effectiveBy = effectiveBy;
  }
  if (nodes.previous !== undefined) {
    const previous = scalarText(nodes.previous);
    if (previous === undefined || previous.trim() === '') diagnostics.push({ code: 'invalid-front-matter', offset: keyOffsets.previous!, message: '`previous` must be a git commit, tag or branch, or a folder' });
    else out.previous = previous.trim();
  }
  return out;
}

const ACCEPTED_KEYS = ['code', 'term', 'clause', 'reference', 'until', 'reason'];

/** `accepted:` — a list of known gaps, each matched by code plus what it is about, each with a reason and an end. */
function readAccepted(node: unknown, at: number, base: number, diagnostics: OffsetDiagnostic[]): AcceptanceEntry[] {
  if (!isSeq(node)) {
    diagnostics.push({ code: 'invalid-front-matter', offset: at, message: '`accepted` must be a list of entries with `code`, `until`, `reason` and one of `term`, `clause`, `reference`' });
    return [];
  }
  const entries: AcceptanceEntry[] = [];
  for (const item of node.items) {
    const itemAt = keyOffset(item as YamlNode, base);
    if (!isMap(item)) {
      diagnostics.push({ code: 'invalid-front-matter', offset: itemAt, message: 'each `accepted` entry must be a mapping (code, until, reason, and term, clause or reference)' });
      continue;
    }
    const values: Record<string, string> = {};
    let bad = false;
    for (const pair of item.items) {
      const key = scalarText(pair.key);
      const keyAt = keyOffset(pair.key as YamlNode, base);
      if (key === undefined || !ACCEPTED_KEYS.includes(key)) {
        diagnostics.push({ code: 'invalid-front-matter', offset: keyAt, message: `unknown key \`accepted.${String(key)}\` (allowed: ${ACCEPTED_KEYS.join(', ')})${didYouMean(String(key), ACCEPTED_KEYS)}` });
        bad = true;
        continue;
      }
      const value = scalarText(pair.value);
      if (value === undefined || value.trim() === '') {
        diagnostics.push({ code: 'invalid-front-matter', offset: keyAt, message: `\`accepted.${key}\` must be text` });
        bad = true;
        continue;
      }
      values[key] = value.trim();
    }
    const missing = ['code', 'until', 'reason'].filter((k) => values[k] === undefined);
    if (!bad && missing.length) diagnostics.push({ code: 'invalid-front-matter', offset: itemAt, message: `an \`accepted\` entry needs ${missing.map((k) => `\`${k}\``).join(' and ')}` });
    if (!bad && !missing.length && !values.term && !values.clause && !values.reference) {
      diagnostics.push({ code: 'invalid-front-matter', offset: itemAt, message: 'an `accepted` entry names what it accepts: `term`, `clause` or `reference`' });
      bad = true;
    }
    const until = values.until === undefined ? undefined : parseIsoDate(values.until);
    if (values.until !== undefined && !until) {
      diagnostics.push({ code: 'invalid-front-matter', offset: itemAt, message: `\`accepted.until\` must be a real date YYYY-MM-DD, not \`${values.until}\`` });
      bad = true;
    }
    if (values.code !== undefined && !(values.code in CATALOGUE)) {
      diagnostics.push({ code: 'invalid-front-matter', offset: itemAt, message: `\`accepted.code\`: no diagnostic code \`${values.code}\`` });
      bad = true;
    }
    if (bad || missing.length || !until) continue;
    const entry: AcceptanceEntry = { code: values.code as DiagnosticCode, until, reason: values.reason!, offset: itemAt };
    if (values.term) entry.term = values.term;
    if (values.clause) entry.clause = values.clause;
    if (values.reference) entry.reference = values.reference;
    entries.push(entry);
  }
  return entries;
}

function readInterval(node: unknown, at: number, base: number, diagnostics: OffsetDiagnostic[]): Interval {
  if (node === undefined || node === null) return {};
  if (!isMap(node)) {
    diagnostics.push({ code: 'invalid-front-matter', offset: at, message: '`in-force` must be a mapping with `from` and/or `until`' });
    return {};
  }
  const interval: Interval = {};
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    const keyAt = keyOffset(pair.key as YamlNode, base);
    const valueAt = keyOffset(pair.value as YamlNode, base);
    if (key !== 'from' && key !== 'until') {
      diagnostics.push({ code: 'invalid-front-matter', offset: keyAt, message: `unknown key \`in-force.${String(key)}\` (allowed: from, until)${didYouMean(String(key), ['from', 'until'])}` });
      continue;
    }
    const text = scalarText(pair.value);
    const date = text === undefined ? undefined : parseIsoDate(text);
    if (!date) {
      diagnostics.push({ code: 'invalid-front-matter', offset: valueAt, message: `\`in-force.${key}\` must be a real date YYYY-MM-DD, not \`${text ?? ''}\`` });
      continue;
    }
    interval[key] = date;
  }
  if (interval.from && interval.until && interval.from > interval.until) {
    diagnostics.push({ code: 'invalid-front-matter', offset: at, message: `\`in-force.from\` ${interval.from} is after \`until\` ${interval.until}` });
  }
  return interval;
}

/** A definitions file declares its document; it must agree with the file name. */
export function readDefinitionsHeader(source: FrontMatterSource | undefined, fileDoc: string, fileOffset: number): { document?: string; title?: string; diagnostics: OffsetDiagnostic[] } {
  if (!source) return { diagnostics: [{ code: 'invalid-front-matter', offset: fileOffset, message: 'a definitions file needs front matter with `document: ' + fileDoc + '`' }] };
  const { map, diagnostics } = readYaml(source);
  if (!map) return { diagnostics };
  let document: string | undefined;
  let title: string | undefined;
  for (const pair of map.items) {
    const key = scalarText(pair.key);
    const at = keyOffset(pair.key as YamlNode, source.offset);
    if (key === 'document') {
      document = scalarText(pair.value);
      if (document !== fileDoc) diagnostics.push({ code: 'invalid-front-matter', offset: at, message: `\`document: ${document ?? ''}\` does not match the file name \`${fileDoc}.md\`` });
    } else if (key === 'title') {
      // What the document calls its list of defined terms ("Defined Terms and Interpretations"), for citations of it.
      title = scalarText(pair.value)?.trim();
      if (!title) diagnostics.push({ code: 'invalid-front-matter', offset: at, message: '`title` must be text, e.g. `title: Defined Terms and Interpretations`' });
    } else diagnostics.push({ code: 'invalid-front-matter', offset: at, message: `unknown key \`${String(key)}\` (allowed: document, title)${didYouMean(String(key), ['document', 'title'])}` });
  }
  if (document === undefined && !diagnostics.length) diagnostics.push({ code: 'invalid-front-matter', offset: source.offset, message: 'missing `document`' });
  return { ...(document !== undefined ? { document } : {}), ...(title ? { title } : {}), diagnostics };
}
