/**
 * Object streams read back by qpdf: a tagged pdfkit document with links, an outline and several pages is written
 * twice, as pdfkit writes it and packed, and qpdf, writing each out again in its normalised form (every object plain,
 * numbered in its own order), must find the same document in both, object for object.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { packObjects, type PackedDocument } from './objectStreams.js';

const dir = mkdtempSync(join(tmpdir(), 'regmark-objstm-'));
afterAll(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

function draw(packed: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, pdfVersion: '1.7', tagged: true, lang: 'en-GB', displayTitle: true, info: { Title: 'Packed', CreationDate: new Date(0), ModDate: new Date(0) } } as PDFKit.PDFDocumentOptions);
  if (packed) packObjects(doc as unknown as PackedDocument);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (let page = 1; page <= 7; page++) {
    doc.addPage();
    doc.addNamedDestination(`p${page}`);
    doc.outline.addItem(`Page ${page}`);
    for (let line = 0; line < 40; line++) {
      const p = doc.struct('P');
      root.add(p);
      p.add(doc.markStructureContent('P'));
      doc.text(`Line ${line} of page ${page}, with (brackets) and a ${'word '.repeat(line % 5)}`, 72, 72 + line * 16, { lineBreak: false });
      doc.endMarkedContent();
      if (line % 3 === 0) {
        const link = doc.struct('Link');
        root.add(link);
        doc.goTo(72, 72 + line * 16, 100, 12, `p${(line % 7) + 1}`, { structParent: link } as never);
      }
    }
  }
  root.end();
  doc.end();
  return done;
}

/** The document as qpdf writes it out, plain and renumbered; without the comments naming each object's old number or the table of offsets. */
function normalised(bytes: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  const out = join(dir, `${name}.qdf`);
  writeFileSync(file, bytes);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--deterministic-id', file, out]);
  const text = readFileSync(out, 'latin1');
  return text.slice(0, text.lastIndexOf('\nxref\n')).replace(/^%% Original object ID: .*\n/gm, '');
}

describe('packObjects', () => {
  it('writes the same document, its dictionaries in object streams and its table as a stream', async () => {
    const plain = await draw(false);
    const packed = await draw(true);
    expect(packed.length).toBeLessThan(plain.length * 0.75);
    expect(normalised(packed, 'packed')).toBe(normalised(plain, 'plain'));
    const file = join(dir, 'packed.pdf');
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const xref = execFileSync('qpdf', ['--show-xref', file], { encoding: 'utf8' });
    expect(xref).toMatch(/compressed; stream = \d+, index = \d+/);
    // poppler finds each object by the table's stream and index, where qpdf reads whole streams.
    const plainFile = join(dir, 'plain.pdf');
    const readers: Array<[string, (f: string) => string[]]> = [
      ['pdfinfo', (f) => ['-dests', f]],
      ['pdfinfo', (f) => ['-struct-text', f]],
      ['pdftotext', (f) => ['-layout', f, '-']],
    ];
    for (const [program, args] of readers) {
      const read = (f: string) => spawnSync(program, args(f), { encoding: 'utf8' });
      const [a, b] = [read(file), read(plainFile)];
      expect(a.stderr, `${program} ${args('').join(' ')}: ${a.stderr}`).toBe('');
      expect(a.stdout, program).toBe(b.stdout);
    }
    expect(packed.toString('latin1')).toContain('/Type /XRef');
    expect(packed.toString('latin1')).not.toMatch(/\nxref\n/);
  });

  it('writes the same bytes each time', async () => {
    expect((await draw(true)).equals(await draw(true))).toBe(true);
  });
});
