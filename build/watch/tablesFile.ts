/**
 * The stored provision table and term trie as one binary file (`check-tables.bin`): a short JSON header, then each
 * typed array as its bytes, 8-aligned, so that reading the table takes views of one buffer where it used to parse
 * 2.8 MB of JSON, decode base64 and hash every clause ID again (about 20 ms of a re-check of the whole code). The
 * file's layout and its guard are sectionsFile.ts's.
 */
import type { StoredTablesData } from './storedTables.js';
import { decodeSections, encodeSections, type Kind, type Typed } from './sectionsFile.js';

const MAGIC = 0x52_4d_54_31; // "RMT1"

/** Every typed array of the tables, by name, with its kind. */
const SECTIONS = {
  rows: Int32Array,
  idStarts: Int32Array,
  idSlots: Int32Array,
  letter: Uint16Array,
  starts: Uint8Array,
  edgeNode: Int32Array,
  edgeLetter: Uint16Array,
  edgeTo: Int32Array,
  kids: Uint8Array,
  firstLetter: Uint16Array,
  firstChild: Int32Array,
  ids: Uint8Array,
} as const satisfies Record<string, Kind>;
type SectionName = keyof typeof SECTIONS;

/** What the header holds besides the sections' places. */
interface Fields {
  token: string;
  intervals: string[];
  duplicates: StoredTablesData['duplicates'];
  counts: StoredTablesData['trie']['counts'];
  terms: StoredTablesData['trie']['terms'];
}

function sectionsOf(data: StoredTablesData): Record<SectionName, Typed> {
  const { trie } = data;
  return {
    rows: data.rows,
    idStarts: data.idIndex.starts,
    idSlots: data.idIndex.slots,
    letter: trie.letter,
    starts: trie.starts,
    edgeNode: trie.edgeNode,
    edgeLetter: trie.edgeLetter,
    edgeTo: trie.edgeTo,
    kids: trie.kids,
    firstLetter: trie.firstLetter,
    firstChild: trie.firstChild,
    ids: new Uint8Array(Buffer.from(data.ids, 'utf8')),
  };
}

export function encodeTables(token: string, data: StoredTablesData): Buffer {
  const fields: Fields = { token, intervals: data.intervals, duplicates: data.duplicates, counts: data.trie.counts, terms: data.trie.terms };
  return encodeSections(MAGIC, fields, sectionsOf(data));
}

/** The tables `encodeTables` wrote, or undefined when the bytes are not such a file, whole, of this machine's order. */
export function decodeTables(bytes: Buffer): { token: string; tables: StoredTablesData } | undefined {
  const read = decodeSections(bytes, MAGIC, SECTIONS);
  if (!read) return undefined;
  const fields = read.fields as unknown as Fields;
  if (typeof fields.token !== 'string') return undefined;
  const { arrays } = read;
  const ids = Buffer.from(arrays.ids.buffer, arrays.ids.byteOffset, arrays.ids.byteLength).toString('utf8');
  return {
    token: fields.token,
    tables: {
      ids,
      rows: arrays.rows,
      idIndex: { starts: arrays.idStarts, slots: arrays.idSlots },
      intervals: fields.intervals,
      duplicates: fields.duplicates,
      trie: {
        letter: arrays.letter,
        starts: arrays.starts,
        edgeNode: arrays.edgeNode,
        edgeLetter: arrays.edgeLetter,
        edgeTo: arrays.edgeTo,
        kids: arrays.kids,
        firstLetter: arrays.firstLetter,
        firstChild: arrays.firstChild,
        counts: fields.counts,
        terms: fields.terms,
      },
    },
  };
}
