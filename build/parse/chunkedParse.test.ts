/** Chunked re-parsing must give exactly what a full parse gives, for every file and after any edit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileRole } from '../model/corpus.js';
import { discoverSources } from './discover.js';
import { parseSource } from './parseFile.js';
import { clauseFileArb, definitionsFileArb } from '../format/sourceArbitraries.js';
import { ChunkedFile, chunkStarts } from './chunkedParse.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures');
const ROOTS = ['before-retention', 'consultation', 'render-edge'].map((name) => join(FIXTURES, name));
const SCALE = Number(process.env.REGMARK_FC_SCALE ?? 1);

function same(file: ChunkedFile, text: string): void {
  const expected = parseSource(file.path, file.role, file.doc, text).file;
  expect(file.parse(text).file, text).toEqual(expected);
}

/** Text an author might type, including what changes where chunks may be cut. */
const SNIPPETS = [
  ' word',
  ' Requesting Party',
  '\n\n**9.9** A new clause citing [[AL 7.2]].\n\n',
  '\n\n## 9 A new section\n\n',
  '\n\n### A plain heading\n\n',
  '\n- (z) an item\n',
  '[^1]',
  '\n\n[^1]: a note with [[7.2]].\n\n',
  '\n\n[^new]: another note.\n\n',
  '[^new]',
  '\n\n```\ncode **1.1** x\n\n**2.2** not a clause\n```\n\n',
  '\n\n```\n',
  '<!-- a comment\n\n**5.5** inside it\n\n-->',
  '<!--',
  '\n\n[label]: http://example.org\n\n',
  '\n\n| a | b |\n|---|---|\n| c | d |\n',
  '\r\n',
  '\r',
  '\n\n',
  '**',
  '{kind=note}',
];

/** Where (any offset: fast-check's doubles would cluster at the ends), what to insert, or how much to delete. */
const editArb = fc.tuple(fc.nat(1_000_000), fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')), fc.nat(40));

function applyEdit(text: string, [at, insert, remove]: [number, string, number]): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(Math.min(text.length, i + (insert ? 0 : remove)));
}

describe('chunkStarts', () => {
  it('cuts at clause and heading paragraphs after a blank line, never inside fences or comments', () => {
    const text = '## 1 A\n\n**1.1** a\n\n```\n\n**1.2** code\n```\n\n**1.3** b\n<!--\n\n**1.4** hidden\n\n-->\n\n**1.5** c\n';
    const starts = chunkStarts(text, 'clauses');
    expect(starts.map((s) => text.slice(s, s + 7))).toEqual(['## 1 A\n', '**1.1**', '**1.3**', '**1.5**']);
  });

  it('parses whole what it cannot cut safely', () => {
    expect(chunkStarts('## 1\n\n**1.1** a\n\n- x\n  ```\n\n**1.2** b\n', 'clauses')).toEqual([0]);
    expect(chunkStarts('## 1\n\n**1.1** a\r\r**1.2** b\n', 'clauses')).toEqual([0]);
    expect(chunkStarts('---\nid: A\n---\n\n**1.1** a\n', 'manifest')).toEqual([0]);
  });
});

describe('ChunkedFile', () => {
  it('equals parseSource on every file of the fixtures, before and after a warm-up', async () => {
    for (const root of ROOTS) {
      for (const ref of await discoverSources(root)) {
        const text = readFileSync(join(root, ref.path), 'utf8');
        const file = new ChunkedFile(ref.path, ref.role, ref.doc);
        same(file, text);
        const warmed = new ChunkedFile(ref.path, ref.role, ref.doc);
        await warmed.warm(text, async () => undefined);
        same(warmed, text);
      }
    }
  });

  it('re-parses only the chunk that changed', () => {
    const text = readFileSync(join(FIXTURES, 'before-retention/clauses/AM/18-device-behaviour-variations.md'), 'utf8');
    const file = new ChunkedFile('clauses/AM/18-device-behaviour-variations.md', 'clauses', 'AM');
    file.parse(text);
    expect(file.reparsed).toBeGreaterThan(10);
    file.parse(text.replace('rounds the values', 'rounds all the values'));
    expect(file.reparsed).toBe(1);
  });

  it('equals parseSource after any sequence of edits (fast-check)', () => {
    const cases: Array<[FileRole, string, string, fc.Arbitrary<string>]> = [
      ['clauses', 'clauses/AL/07-a.md', 'AL', clauseFileArb],
      ['definitions', 'definitions/AM.md', 'AM', definitionsFileArb],
    ];
    for (const [role, path, doc, arb] of cases) {
      fc.assert(
        fc.property(arb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (initial, edits) => {
          const file = new ChunkedFile(path, role, doc);
          let text = initial;
          same(file, text);
          for (const edit of edits) {
            text = applyEdit(text, edit);
            same(file, text);
          }
        }),
        { numRuns: Math.round(150 * SCALE) },
      );
    }
  }, 120_000 * SCALE);

  it('equals parseSource after edits of the fixture files (fast-check)', async () => {
    const sources = (await Promise.all(ROOTS.map(async (root) => (await discoverSources(root)).filter((r) => r.role !== 'manifest').map((ref) => ({ root, ref }))))).flat();
    const refs = sources.map((s) => s.ref);
    const texts = sources.map((s) => readFileSync(join(s.root, s.ref.path), 'utf8'));
    fc.assert(
      fc.property(fc.nat(refs.length - 1), fc.array(editArb, { minLength: 1, maxLength: 5 }), (index, edits) => {
        const ref = refs[index]!;
        const file = new ChunkedFile(ref.path, ref.role, ref.doc);
        let text = texts[index]!;
        file.parse(text);
        for (const edit of edits) {
          text = applyEdit(text, edit);
          same(file, text);
        }
      }),
      { numRuns: Math.round(150 * SCALE) },
    );
  }, 120_000 * SCALE);
});
