/**
 * Typed arrays as the check index stores them: base64 of their bytes, marked with the byte order that wrote them.
 * Parsing one string is far cheaper than parsing (and collecting) an array of a hundred thousand numbers.
 */
type Typed = Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

const ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

export function typedText(values: Typed): string {
  return `${ORDER}:${Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')}`;
}

/** The array `typedText` wrote, or undefined when the text is not one of this kind and this machine's byte order. */
export function typedOf<T extends Typed>(text: unknown, Kind: { new (length: number): T; readonly BYTES_PER_ELEMENT: number }): T | undefined {
  if (typeof text !== 'string' || !text.startsWith(`${ORDER}:`)) return undefined;
  const bytes = Buffer.from(text.slice(ORDER.length + 1), 'base64');
  if (bytes.length % Kind.BYTES_PER_ELEMENT) return undefined;
  const values = new Kind(bytes.length / Kind.BYTES_PER_ELEMENT);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}
