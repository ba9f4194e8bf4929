/**
 * Compressed object streams and a cross-reference stream (PDF 1.5 and later). A tagged PDF is mostly small
 * dictionaries: a structure element for every paragraph, label and link, an annotation and an action for every
 * reference, a page object for every page. pdfkit writes each as plain text with a line of the cross-reference table,
 * which made an S-size annex 2.8 MB of which 0.7 MB was its (deflated) page content and fonts. Here each dictionary
 * pdfkit finishes is gathered, as pdfkit wrote it, into object streams of OBJECTS_PER_STREAM, deflated as pdfkit
 * deflates its own streams, and the table becomes a deflated cross-reference stream. Objects with streams of their
 * own (page content, fonts) stay as pdfkit writes them. Nothing a reader sees changes: the same objects, the same
 * numbers (the object streams and the table are numbered after all of pdfkit's), the same values.
 */
import { deflateSync } from 'node:zlib';

/** Objects gathered into one stream: enough to compress well, few enough that a reader finds one quickly. */
const OBJECTS_PER_STREAM = 200;

type Chunk = string | Uint8Array;

/** What of a pdfkit reference this module handles. */
interface Reference {
  id: number;
  gen: number;
  offset?: number;
  data: Record<string, unknown>;
  buffer: unknown[] | Uint8Array;
  finalize(): void;
}

/** What of pdfkit's document this module handles. */
export interface PackedDocument {
  _write(data: Chunk): void;
  _offset: number;
  _offsets: Array<number | null>;
  _refEnd(ref: Reference): void;
  _finalize(): void;
  _root: { toString(): string };
  _info: { toString(): string };
  _id: Uint8Array;
  _security?: unknown;
  /** The PDF version the document declares. */
  version: number;
  ref(data?: unknown): Reference;
  push(chunk: Uint8Array | null): boolean;
}

/** Makes `doc` write its dictionaries into object streams and end with a cross-reference stream (PDF 1.5 and later only). */
export function packObjects(doc: PackedDocument): void {
  if (!(doc.version >= 1.5)) return;
  /** Where each packed object went: its stream's object number and its index in it. */
  const packed = new Map<number, { stream: number; index: number }>();
  let pending: Array<{ id: number; text: string }> = [];

  const writeStream = (dictionary: string, body: Uint8Array): number => {
    const id = doc._offsets.length + 1;
    doc._offsets.push(doc._offset);
    doc._write(`${id} 0 obj`);
    doc._write(`<<\n${dictionary}\n/Filter /FlateDecode\n/Length ${body.length}\n>>`);
    doc._write('stream');
    doc._write(body);
    doc._write('\nendstream');
    doc._write('endobj');
    return id;
  };

  /** Writes the gathered dictionaries, OBJECTS_PER_STREAM to a stream, numbered after every object of pdfkit's own. */
  const flush = () => {
    for (let from = 0; from < pending.length; from += OBJECTS_PER_STREAM) {
      const group = pending.slice(from, from + OBJECTS_PER_STREAM);
      let header = '';
      let body = '';
      for (const object of group) {
        header += `${object.id} ${body.length} `;
        body += `${object.text}\n`;
      }
      // pdfkit keeps the low byte of each character of what it writes, as latin1 does.
      const bytes = deflateSync(Buffer.from(header + body, 'latin1'));
      const stream = writeStream(`/Type /ObjStm\n/N ${group.length}\n/First ${header.length}`, bytes);
      group.forEach((object, index) => packed.set(object.id, { stream, index }));
    }
    pending = [];
  };

  const ref = doc.ref.bind(doc);
  doc.ref = (data?: unknown) => {
    const reference = ref(data);
    const finalize = reference.finalize.bind(reference);
    reference.finalize = () => {
      // A stream (or what pdfkit means as one: anything with a length) and anything under encryption stays as it is.
      const data = reference.data as unknown;
      if (reference.buffer.length || typeof data !== 'object' || data === null || 'Length' in data || doc._security || reference.gen !== 0) return finalize();
      // pdfkit's own finalize makes the dictionary's text; it is kept instead of written.
      const write = doc._write;
      const refEnd = doc._refEnd;
      const lines: Chunk[] = [];
      doc._write = (chunk) => void lines.push(chunk);
      doc._refEnd = () => {};
      try {
        finalize();
      } finally {
        doc._write = write;
        doc._refEnd = refEnd;
      }
      const text = lines[1];
      if (lines.length !== 3 || typeof text !== 'string') throw new Error(`object ${reference.id} was not written as one dictionary`);
      pending.push({ id: reference.id, text });
      reference.offset = 0;
      doc._refEnd(reference);
    };
    return reference;
  };

  const finish = doc._finalize.bind(doc);
  doc._finalize = () => {
    if (doc._security) return finish();
    flush();
    // The cross-reference stream's own entry is written with it: its number is the last one.
    const id = doc._offsets.length + 1;
    const size = id + 1;
    const at = doc._offset;
    const rows = Buffer.alloc(size * 7);
    rows.writeUInt8(0, 0);
    rows.writeUInt32BE(0, 1);
    rows.writeUInt16BE(0xffff, 5);
    for (let n = 1; n < size; n++) {
      const o = n * 7;
      const place = packed.get(n);
      if (place) {
        rows.writeUInt8(2, o);
        rows.writeUInt32BE(place.stream, o + 1);
        rows.writeUInt16BE(place.index, o + 5);
      } else {
        rows.writeUInt8(1, o);
        rows.writeUInt32BE(n === id ? at : doc._offsets[n - 1]!, o + 1);
        rows.writeUInt16BE(0, o + 5);
      }
    }
    const fileId = `<${Buffer.from(doc._id).toString('hex')}>`;
    const written = writeStream(`/Type /XRef\n/Size ${size}\n/W [1 4 2]\n/Root ${doc._root}\n/Info ${doc._info}\n/ID [${fileId} ${fileId}]`, deflateSync(rows));
    if (written !== id) throw new Error('the cross-reference stream was not numbered last');
    doc._write('startxref');
    doc._write(`${at}`);
    doc._write('%%EOF');
    doc.push(null);
  };
}
