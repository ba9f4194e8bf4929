import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShapingStore, type GlyphSource } from './shapingCache.js';

const BIN = resolve(import.meta.dirname, '../../../bin/regmark.js');
const EDGE = resolve(import.meta.dirname, '../../test/fixtures/render-edge');
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `regmark-${prefix}-`));
  temps.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture with words fontkit shapes into ligatures (not kept) and a no-break space. */
function corpus(): string {
  const root = temp('shaping');
  // Not the fixture's own cache folder, which other tests' builds fill.
  cpSync(EDGE, root, { recursive: true, filter: (source) => !source.includes('.regmark-cache') });
  const file = join(root, 'clauses/EX/01-scope.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('**1.4**', '**1.3A** The official affiliate filed a fluffy office flier within 5\u00a0days.\n\n**1.4**'));
  return root;
}

/**
 * `regmark build EX --format pdf` in a process of its own, as a user runs it; its PDF's bytes. The files drawn before
 * (renderedFiles.ts) are put aside first, so that every build draws and reads the shaped words.
 */
function buildPdf(root: string, ...extra: string[]): Buffer {
  rmSync(join(root, '.regmark-cache', 'rendered'), { recursive: true, force: true });
  const out = temp('out');
  const r = spawnSync(process.execPath, [BIN, 'build', 'EX', '--root', root, '--as-at', '2025-06-01', '--format', 'pdf', '--out', out, '--quiet', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600' },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(join(out, 'EX.pdf'));
}

const cacheFiles = (root: string) => readdirSync(join(root, '.regmark-cache', 'shaping')).map((name) => join(root, '.regmark-cache', 'shaping', name));
const wordsOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { words: Record<string, number[]> }).words;

describe('shaped words kept in the cache folder', () => {
  it('give the same PDF, byte for byte, as shaping afresh; are read by the next build; and a damaged file is shaped anew', () => {
    const root = corpus();
    const fresh = buildPdf(root, '--no-cache');
    expect(buildPdf(root).equals(fresh), 'first build, which writes the cache').toBe(true);
    const files = cacheFiles(root);
    expect(files.length).toBeGreaterThan(0);
    const all = Object.assign({}, ...files.map(wordsOf)) as Record<string, number[]>;
    // pdfkit shapes a word with the space after it. Words set with ligatures are kept too: fewer glyphs than characters.
    expect(Object.keys(all)).toContain('register ');
    expect(Object.keys(all)).toContain('5\u00a0days. ');
    for (const word of ['official ', 'affiliate ', 'filed ', 'fluffy ', 'office ', 'flier ']) expect(all[word]!.length / 6, word).toBeLessThan([...word].length);
    expect(buildPdf(root).equals(fresh), 'second build, from the cache').toBe(true);

    // Files no build has opened for a month (another font's, an older version's) are removed; a file a build opens
    // is marked used, however old it was; other files are left alone.
    const shaping = join(root, '.regmark-cache', 'shaping');
    const daysAgo = (path: string, days: number) => utimesSync(path, Date.now() / 1000 - days * 86_400, Date.now() / 1000 - days * 86_400);
    const stale = join(shaping, `${'a'.repeat(32)}.json`);
    const recent = join(shaping, `${'b'.repeat(32)}.json`);
    const notOurs = join(shaping, 'notes.json');
    for (const path of [stale, recent, notOurs]) writeFileSync(path, '{}');
    daysAgo(stale, 40);
    daysAgo(recent, 20);
    daysAgo(notOurs, 40);
    for (const path of files) daysAgo(path, 40);
    expect(buildPdf(root).equals(fresh), 'a build after a month').toBe(true);
    expect([stale, recent, notOurs, ...files].map((p) => existsSync(p))).toEqual([false, true, true, ...files.map(() => true)]);
    for (const path of files) expect(Date.now() - statSync(path).mtimeMs, path).toBeLessThan(600_000);

    // A kept word is what the next build draws: a changed advance shows in the PDF. (The body text's font keeps the
    // most words.)
    const holder = files.reduce((a, b) => (Object.keys(wordsOf(b)).length > Object.keys(wordsOf(a)).length ? b : a));
    const saved = readFileSync(holder, 'utf8');
    const words = wordsOf(holder);
    words['register '] = words['register ']!.map((n, i) => (i % 6 === 2 ? n + 200 : n));
    writeFileSync(holder, JSON.stringify({ ...JSON.parse(saved), words }));
    expect(buildPdf(root).equals(fresh)).toBe(false);

    // Entries that cannot be sound (another length, a glyph the font lacks, glyphs for more or fewer characters than
    // the word has, not numbers) are shaped again.
    const kept = words['register ']!.map((n, i) => (i % 6 === 2 ? n - 200 : n));
    const wrongs = [[1, 2, 3], [999_999, ...kept.slice(1)], [kept[0]!, 2, ...kept.slice(2)], [kept[0]!, 0, ...kept.slice(2)], kept.slice(6), kept.map(() => 'x')];
    for (const wrong of wrongs) {
      writeFileSync(holder, JSON.stringify({ ...JSON.parse(saved), words: { ...wordsOf(holder), 'register ': wrong } }));
      expect(buildPdf(root).equals(fresh), JSON.stringify(wrong).slice(0, 40)).toBe(true);
    }
    // Not JSON, or another key: read as empty, and written afresh.
    for (const text of ['{"format": 1, "words": {', JSON.stringify({ ...JSON.parse(saved), key: 'another' })]) {
      writeFileSync(holder, text);
      expect(buildPdf(root).equals(fresh)).toBe(true);
      expect(wordsOf(holder)['register ']).toBeDefined();
    }
  }, 120_000);
});

describe('ShapingStore', () => {
  const glyph = (id: number, codePoints: number[]) => ({ id, advanceWidth: 600, codePoints });
  const position = (x: number) => ({ xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: x });

  it('keeps words whose glyphs stand for their characters in order, ligatures too, and no other', async () => {
    const dir = temp('store');
    const store = ShapingStore.open(dir, new Uint8Array([1, 2, 3]))!;
    store.note('ab', { glyphs: [glyph(5, [97]), glyph(6, [98])], positions: [position(6), position(7)] });
    // A ligature: one glyph for two characters.
    store.note('fix', { glyphs: [glyph(9, [102, 105]), glyph(7, [120])], positions: [position(5), position(4)] });
    // A glyph that stands for no character, as a decomposition leaves one.
    store.note('é', { glyphs: [glyph(2, [233]), glyph(8, [])], positions: [position(5), position(0)] });
    // A glyph made first for another character (its text layer would say that character).
    store.note('-x', { glyphs: [glyph(3, [0x2010]), glyph(7, [120])], positions: [position(3), position(4)] });
    await store.save();
    const again = ShapingStore.open(dir, new Uint8Array([1, 2, 3]))!;
    const made: Array<[number, number[]]> = [];
    const font: GlyphSource = { numGlyphs: 10, getGlyph: (id, codePoints) => (made.push([id, codePoints]), glyph(id, codePoints)) };
    const run = again.run('ab', font, 0.5)!;
    expect(run.glyphs.map((g) => g.id)).toEqual([5, 6]);
    expect(made).toEqual([
      [5, [97]],
      [6, [98]],
    ]);
    expect(run.positions).toEqual([
      { xAdvance: 6, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 300 },
      { xAdvance: 7, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 300 },
    ]);
    expect(run.advanceWidth).toBe(13);
    made.length = 0;
    expect(again.run('fix', font, 0.5)!.glyphs.map((g) => g.id)).toEqual([9, 7]);
    expect(made).toEqual([
      [9, [102, 105]],
      [7, [120]],
    ]);
    expect(again.run('é', font, 0.5)).toBeUndefined();
    expect(again.run('-x', font, 0.5)).toBeUndefined();
    // Another font's bytes: another file, nothing read.
    expect(ShapingStore.open(dir, new Uint8Array([1, 2, 4]))!.run('ab', font, 0.5)).toBeUndefined();
  });
});
