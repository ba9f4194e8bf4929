/**
 * Lists of 32-bit integers as the check index stores them: base64 of their bytes, marked with the byte order that
 * wrote them. Parsing one string is far cheaper than parsing (and collecting) an array of a hundred thousand numbers.
 */
const ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

export function int32Text(values: Int32Array): string {
  return `${ORDER}:${Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')}`;
}

/** The integers `int32Text` wrote, or undefined when the text is not such a list of this machine's byte order. */
export function int32sOf(text: unknown): Int32Array | undefined {
  if (typeof text !== 'string' || !text.startsWith(`${ORDER}:`)) return undefined;
  const bytes = Buffer.from(text.slice(ORDER.length + 1), 'base64');
  if (bytes.length % 4) return undefined;
  const values = new Int32Array(bytes.length / 4);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}
