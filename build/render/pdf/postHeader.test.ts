import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { seedPostHeader, type PostSource } from './postHeader.js';

const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const faces = ['DejaVuSans.ttf', 'DejaVuSans-BoldOblique.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSansMono.ttf', 'DejaVuSerifCondensed-Bold.ttf'];

type Font = PostSource & { post: Record<string, unknown>; italicAngle: number; underlinePosition: number };
/** The font as pdfkit parses it (with fontkit), in a document of its own. */
function open(file: string): Font {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('f', readFileSync(join(dir, file)));
  doc.font('f');
  return (doc as unknown as { _font: { font: Font } })._font.font;
}

describe('seedPostHeader', () => {
  it.each(faces)('reads the header of %s as fontkit does, without decoding the glyph names', (file) => {
    const seeded = open(file);
    const plain = open(file);
    seedPostHeader(seeded);
    let decoded = 0;
    const decode = seeded._decodeTable.bind(seeded);
    seeded._decodeTable = (table) => {
      decoded++;
      return decode(table);
    };
    for (const field of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1'])
      expect(seeded.post[field], field).toEqual(plain.post[field]);
    expect([seeded.italicAngle, seeded.underlinePosition]).toEqual([plain.italicAngle, plain.underlinePosition]);
    expect(decoded).toBe(0);
    // The names are still there for whatever asks, decoded by fontkit once.
    expect(seeded.post.names).toEqual(plain.post.names);
    expect(seeded.post.glyphNameIndex).toEqual(plain.post.glyphNameIndex);
    expect(decoded).toBe(1);
  });

  it('leaves a font alone when its table is already decoded or missing', () => {
    const font = open(faces[0]!);
    const first = font.post;
    seedPostHeader(font);
    expect(font.post).toBe(first);
    const bare = open(faces[0]!);
    delete bare.directory.tables.post;
    seedPostHeader(bare);
    expect('post' in bare._tables).toBe(false);
  });
});
