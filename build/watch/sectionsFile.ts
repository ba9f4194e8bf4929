/**
 * The binary files of the check index: a short JSON header, then each typed array as its bytes, 8-aligned, so
 * that reading one takes views of a single buffer instead of parsing numbers out of text. A CRC-32 of everything
 * after it guards the file: a damaged or foreign one, or one written on a machine of the other byte order, reads as
 * none, and the check that wanted it runs in full.
 *
 *   [magic u32][CRC-32 u32][header length u32][header JSON][padding][sections, each padded to 8 bytes]
 */
import { crc32 } from 'node:zlib';

const ALIGN = 8;
/** The byte order of this machine. */
const ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

export type Typed = Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;
export type Kind = { new (buffer: ArrayBuffer, offset: number, length: number): Typed; new (length: number): Typed; readonly BYTES_PER_ELEMENT: number };

interface Header {
  order: string;
  /** Each section's byte offset (from the end of the padded header) and byte length. */
  sections: Record<string, [offset: number, length: number]>;
  fields: Record<string, unknown>;
}

const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** `fields` (anything JSON holds) and `arrays` as one file marked with `magic`. */
export function encodeSections(magic: number, fields: object, arrays: Readonly<Record<string, Typed>>): Buffer {
  const sections: Header['sections'] = {};
  let at = 0;
  for (const [name, array] of Object.entries(arrays)) {
    sections[name] = [at, array.byteLength];
    at = aligned(at + array.byteLength);
  }
  const header: Header = { order: ORDER, sections, fields: fields as Record<string, unknown> };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = aligned(12 + head.length);
  const out = Buffer.alloc(start + at);
  out.writeUInt32LE(magic, 0);
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 12);
  for (const [name, array] of Object.entries(arrays)) out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + sections[name]![0]);
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

/**
 * What `encodeSections` wrote with `magic`, each of `kinds`' sections as its kind of array; undefined when the
 * bytes are not such a file, whole, of this machine's byte order, with every section named.
 */
export function decodeSections<S extends Record<string, Kind>>(bytes: Buffer, magic: number, kinds: S): { fields: Record<string, unknown>; arrays: { [K in keyof S]: InstanceType<S[K]> } } | undefined {
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== magic || bytes.readUInt32LE(4) !== crc32(bytes.subarray(8))) return undefined;
  const headLength = bytes.readUInt32LE(8);
  if (12 + headLength > bytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headLength)) as Header;
  } catch {
    return undefined;
  }
  if (header?.order !== ORDER || typeof header.sections !== 'object' || header.sections === null || typeof header.fields !== 'object' || header.fields === null) return undefined;
  const start = aligned(12 + headLength);
  const arrays: Record<string, Typed> = {};
  for (const [name, Kind] of Object.entries(kinds)) {
    const place = header.sections[name];
    const array = Array.isArray(place) ? sectionOf(bytes, start + place[0], place[1], Kind) : undefined;
    if (!array) return undefined;
    arrays[name] = array;
  }
  return { fields: header.fields, arrays: arrays as { [K in keyof S]: InstanceType<S[K]> } };
}
