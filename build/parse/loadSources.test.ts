/** Parsing in worker threads gives the same records as parsing in one thread; the workers run the parser's source. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { discoverSources } from './discover.js';
import { loadSources, parseSources } from './loadSources.js';

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
