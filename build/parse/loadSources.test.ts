/**
 * Parsing in worker threads gives the same records as parsing in one thread; the workers run the parser's source. A
 * load asked to keep its trees keeps those a renderer would read, and reads the same records as one that keeps none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { discoverSources } from './discover.js';
import { loadSources, parseSources, treesToKeep } from './loadSources.js';
import { parseSource } from './parseFile.js';

const ROOTS = [join(import.meta.dirname, '../test/fixtures/consultation'), join(import.meta.dirname, '../test/fixtures/render-edge')];

describe('loadSources', () => {
  it.each(ROOTS)('parses %s the same in two worker threads as in one', async (root) => {
    const serial = await loadSources(root, { workers: 0 });
    const parallel = await loadSources(root, { workers: 2 });
    // Manifests always take remark-parse, so at least they went to the workers.
    expect(serial.stats.parsed).toBeGreaterThan(0);
    expect(parallel.files).toEqual(serial.files);
  }, 60_000);

  it.each(ROOTS)('parses %s off the calling thread (the fast reader included) as on it', async (root) => {
    const sources = await Promise.all((await discoverSources(root)).map(async (ref) => ({ ref, bytes: await readFile(join(root, ref.path)) })));
    const here = await parseSources(sources, { workers: 0 });
    const there = await parseSources(sources, { offThread: true });
    expect(there.files).toEqual(here.files);
    expect(there.stats.parsed).toBe(sources.length);
  }, 60_000);
});

describe('keepTrees', () => {
  const root = ROOTS[1]!;

  it('keeps the trees of the sources picked, each the tree a renderer would read from the same text', async () => {
    const loaded = await loadSources(root, { workers: 0, keepTrees: (ref) => ref.role === 'clauses' || ref.role === 'manifest' });
    const refs = await discoverSources(root);
    const picked = refs.filter((ref) => ref.role === 'clauses' || ref.role === 'manifest');
    expect(picked.length).toBeGreaterThan(1);
    for (const ref of picked) {
      const text = loaded.texts.get(ref.path)!;
      expect(loaded.trees!.take(ref.path, text), ref.path).toEqual(parseSource(ref.path, ref.role, ref.doc, text, [], { fast: true }).tree);
      // Given out once: the taker may change it.
      expect(loaded.trees!.take(ref.path, text)).toBeUndefined();
    }
    for (const ref of refs.filter((r) => !picked.includes(r))) expect(loaded.trees!.take(ref.path, loaded.texts.get(ref.path)!), ref.path).toBeUndefined();
  });

  it('gives the same files whether it keeps trees or reads clause files straight to their records', async () => {
    for (const each of ROOTS) {
      const straight = await loadSources(each, { workers: 0 });
      const kept = await loadSources(each, { workers: 0, keepTrees: () => true });
      expect(straight.files.filter((f) => f.role === 'clauses').length).toBeGreaterThan(1);
      expect(straight.files, each).toEqual(kept.files);
    }
  });

  it('answers only for the text the tree was read from', async () => {
    const loaded = await loadSources(root, { workers: 0, keepTrees: () => true });
    const clause = (await discoverSources(root)).find((ref) => ref.role === 'clauses')!;
    expect(loaded.trees!.take(clause.path, `${loaded.texts.get(clause.path)!}\nEdited.\n`)).toBeUndefined();
  });

  it('keeps none without being asked, from the cache, or when the picked text is too long to hold', async () => {
    expect((await loadSources(root, { workers: 0 })).trees).toBeUndefined();
    const cacheDir = mkdtempSync(join(tmpdir(), 'regmark-trees-'));
    try {
      await loadSources(root, { workers: 0, cacheDir });
      expect((await loadSources(root, { workers: 0, cacheDir, keepTrees: () => true })).trees).toBeUndefined();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const pending = [
      { ref: { path: 'clauses/X/a.md', role: 'clauses' as const, doc: 'X' }, text: 'a'.repeat(600) },
      { ref: { path: 'clauses/X/b.md', role: 'clauses' as const, doc: 'X' }, text: 'b'.repeat(600) },
      { ref: { path: 'clauses/X/annex.csv', role: 'matrix' as const, doc: 'X' }, text: 'c'.repeat(600) },
    ];
    expect(treesToKeep(pending, () => true, 1200)?.size).toBe(2);
    expect(treesToKeep(pending, () => true, 1199)).toBeUndefined();
    expect(treesToKeep(pending, (ref) => ref.path.endsWith('a.md'), 1199)?.size).toBe(1);
  });
});
