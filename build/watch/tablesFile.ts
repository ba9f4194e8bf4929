/**
 * The stored provision table and term trie as one binary file (`check-tables.bin`): a short JSON header, then each
 * typed array as its bytes, 8-aligned, so that reading the table takes views of one buffer where it used to parse
 * 2.8 MB of JSON, decode base64 and hash every clause ID again (about 20 ms of a re-check of the whole code). A
 * CRC-32 of everything after it guards the file: a damaged or foreign one reads as none, and the check runs in full.
 *
 *   [magic u32][CRC-32 u32][header length u32][header JSON][padding][sections, each padded to 8 bytes]
 */
import { crc32 } from 'node:zlib';
import type { StoredTablesData } from './storedTables.js';

const MAGIC = 0x52_4d_54_31; // "RMT1"
const ALIGN = 8;
/** The byte order of this machine: a file written on another reads as none. */
const ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

type Typed = Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;
type Kind = { new (buffer: ArrayBuffer, offset: number, length: number): Typed; new (length: number): Typed; readonly BYTES_PER_ELEMENT: number };

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

interface Header {
  token: string;
  order: string;
  intervals: string[];
  duplicates: StoredTablesData['duplicates'];
  counts: StoredTablesData['trie']['counts'];
  terms: StoredTablesData['trie']['terms'];
  /** Each section's byte offset (from the end of the padded header) and byte length. */
  sections: Record<SectionName, [offset: number, length: number]>;
}

const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

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
  const arrays = sectionsOf(data);
  const sections = {} as Header['sections'];
  let at = 0;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    sections[name] = [at, arrays[name].byteLength];
    at = aligned(at + arrays[name].byteLength);
  }
  const header: Header = { token, order: ORDER, intervals: data.intervals, duplicates: data.duplicates, counts: data.trie.counts, terms: data.trie.terms, sections };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = aligned(12 + head.length);
  const out = Buffer.alloc(start + at);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 12);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const array = arrays[name];
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + sections[name][0]);
  }
  out.writeUInt32LE(crc32(out.subarray(8)), 4);
  return out;
}

/** A section as a view of the file's buffer (copied only where the buffer leaves it misaligned). */
function sectionOf(bytes: Buffer, at: number, length: number, Kind: Kind): Typed | undefined {
  if (length % Kind.BYTES_PER_ELEMENT || at < 0 || at + length > bytes.length) return undefined;
  const offset = bytes.byteOffset + at;
  if (offset % Kind.BYTES_PER_ELEMENT === 0) return new Kind(bytes.buffer as ArrayBuffer, offset, length / Kind.BYTES_PER_ELEMENT);
  const copy = new Kind(length / Kind.BYTES_PER_ELEMENT);
  new Uint8Array(copy.buffer).set(bytes.subarray(at, at + length));
  return copy;
}

/** The tables `encodeTables` wrote, or undefined when the bytes are not such a file, whole, of this machine's order. */
export function decodeTables(bytes: Buffer): { token: string; tables: StoredTablesData } | undefined {
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== crc32(bytes.subarray(8))) return undefined;
  const headLength = bytes.readUInt32LE(8);
  if (12 + headLength > bytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headLength)) as Header;
  } catch {
    return undefined;
  }
  if (header.order !== ORDER || typeof header.token !== 'string' || !header.sections) return undefined;
  const start = aligned(12 + headLength);
  const arrays = {} as Record<SectionName, Typed>;
  for (const [name, Kind] of Object.entries(SECTIONS) as Array<[SectionName, Kind]>) {
    const place = header.sections[name];
    const array = Array.isArray(place) ? sectionOf(bytes, start + place[0], place[1], Kind) : undefined;
    if (!array) return undefined;
    arrays[name] = array;
  }
  const ids = Buffer.from(arrays.ids.buffer, arrays.ids.byteOffset, arrays.ids.byteLength).toString('utf8');
  return {
    token: header.token,
    tables: {
      ids,
      rows: arrays.rows as Int32Array<ArrayBuffer>,
      idIndex: { starts: arrays.idStarts as Int32Array<ArrayBuffer>, slots: arrays.idSlots as Int32Array<ArrayBuffer> },
      intervals: header.intervals,
      duplicates: header.duplicates,
      trie: {
        letter: arrays.letter as Uint16Array<ArrayBuffer>,
        starts: arrays.starts as Uint8Array<ArrayBuffer>,
        edgeNode: arrays.edgeNode as Int32Array<ArrayBuffer>,
        edgeLetter: arrays.edgeLetter as Uint16Array<ArrayBuffer>,
        edgeTo: arrays.edgeTo as Int32Array<ArrayBuffer>,
        kids: arrays.kids as Uint8Array<ArrayBuffer>,
        firstLetter: arrays.firstLetter as Uint16Array<ArrayBuffer>,
        firstChild: arrays.firstChild as Int32Array<ArrayBuffer>,
        counts: header.counts,
        terms: header.terms,
      },
    },
  };
}
