/**
 * A parsed file without its text: sections, clauses, sub-paragraphs and definitions with their numbers, offsets and
 * attributes — the part the symbol tables are made of. The check index stores one per source, and binds the files
 * that did not change from them.
 */
import type { DefinitionRecord, ParsedFile, ProvisionKind, ProvisionRecord } from '../model/corpus.js';

/** A provision without its text, as a row: kind, number, offset, then parent, attributes and title when present. */
export type ProvisionRow = [kind: ProvisionKind, local: string, offset: number, parent?: string | 0, attributes?: Record<string, string> | 0, title?: string];
/** A file's records without their text: what the symbol tables are made of. Provisions are rows, being most of it. */
export type Shape = Omit<ParsedFile, 'provisions' | 'definitions'> & { provisions: ProvisionRow[]; definitions: Array<Omit<DefinitionRecord, 'runs' | 'references'>> };

export function shapeOf(file: ParsedFile): Shape {
  const { provisions, definitions, untagged: _untagged, ...rest } = file;
  return {
    ...rest,
    untagged: [],
    provisions: provisions.map((p) => {
      const row: ProvisionRow = [p.kind, p.local, p.offset];
      const attributes = Object.keys(p.attributes).length ? p.attributes : 0;
      if (p.parent !== undefined || attributes || p.title !== undefined) row.push(p.parent ?? 0, attributes);
      if (p.title !== undefined) row.push(p.title);
      return row;
    }),
    definitions: definitions.map(({ runs: _runs, references: _references, ...d }) => d),
    ...(file.paper ? { paper: { ...file.paper, runs: [], references: [] } } : {}),
  };
}

/**
 * Tens of thousands of records share one frozen empty list and attribute set: fewer objects for the collector to
 * copy, and anything that tried to change them would throw (and the re-check fall back to a full check).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

export function fromShape(shape: Shape): ParsedFile {
  return {
    ...shape,
    provisions: shape.provisions.map(([kind, local, offset, parent, attributes, title]) => {
      const record: ProvisionRecord = { kind, local, offset, attributes: attributes || NO_ATTRIBUTES, runs: NONE, references: NONE };
      if (parent) record.parent = parent;
      if (title !== undefined) record.title = title;
      return record;
    }),
    definitions: shape.definitions.map((d) => ({ ...d, runs: NONE, references: NONE })),
  };
}
