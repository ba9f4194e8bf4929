/**
 * A font's `post` table, header first. Embedding a font, pdfkit asks only whether it is monospaced and its italic
 * angle, both in the table's fixed 32-byte header; fontkit answers by decoding the whole table, every glyph's name
 * with it (some 6,000 in a DejaVu face, a fifth of a document's font embedding). The header is read here, and the
 * rest of the table is fontkit's own decoding, made only if something asks for it.
 */

/** What of a fontkit font the header is read from. */
export interface PostSource {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  _decodeTable(table: unknown): Record<string, unknown> | undefined;
}

/** The fields of the versions after the header (2, 2.5, 4): left to fontkit. */
const LATER_FIELDS = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;

const HEADER_BYTES = 32;

/**
 * Gives `font` its `post` table as the header alone, the later fields decoded by fontkit when first read. Does nothing
 * when the table is missing, too short, or already decoded: fontkit then answers as it always would.
 */
export function seedPostHeader(font: PostSource): void {
  if ('post' in font._tables) return;
  const entry = font.directory.tables.post;
  const bytes = font.stream.buffer;
  if (!entry || entry.length < HEADER_BYTES || entry.offset + HEADER_BYTES > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, HEADER_BYTES);
  // fontkit's Fixed 16.16: the signed 32-bit value over 65,536.
  const fixed = (at: number) => view.getInt32(at) / 65536;
  const post: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let whole: Record<string, unknown> | undefined;
  for (const field of LATER_FIELDS)
    Object.defineProperty(post, field, {
      enumerable: true,
      configurable: true,
      get: () => (whole ??= font._decodeTable(entry) ?? {})[field],
    });
  font._tables.post = post;
}
