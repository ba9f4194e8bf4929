/**
 * Rendering on worker threads beside the calling thread gives the same bytes as rendering on the calling thread alone. The workers run the renderer's
 * TypeScript source (the pool starts the entry beside its caller), so this tests the code as it is, never a build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildPack } from '../commands/pack.js';
import { loadCorpus, workingTreeView } from '../pipeline.js';
import { buildRenderModel } from '../document/buildRenderModel.js';
import { houseStyleFor } from '../theme/houseStyle.js';
import { AS_AT, EDGE, SOURCE_DATE } from '../test/renderFixtures.js';
import { RenderPool } from './renderPool.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/consultation');
const out = mkdtempSync(join(tmpdir(), 'regmark-pool-'));
const forced = process.env.REGMARK_RENDER_WORKERS;
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  if (forced === undefined) delete process.env.REGMARK_RENDER_WORKERS;
  else process.env.REGMARK_RENDER_WORKERS = forced;
});

async function pack(workers: string, dir: string): Promise<Array<[string, string]>> {
  process.env.REGMARK_RENDER_WORKERS = workers;
  const report = await buildPack({ root: FIXTURE, id: 'CON-2025-09-HANDOVER', outDir: join(out, dir), zip: true, sourceDate: new Date('2025-09-15T09:00:00Z') });
  return report.files.map((f) => [f.name, f.sha256]);
}

describe('RenderPool', () => {
  it('gives the same bytes, zip included, drawn on the calling thread alone, with one worker and with two', async () => {
    const serial = await pack('0', 'serial');
    // The paper and two annexes, each clean and redlined, in two formats, the manifest and the zip.
    expect(serial.filter(([name]) => /\.(docx|pdf)$/.test(name))).toHaveLength(10);
    expect(serial.filter(([name]) => name.endsWith('.zip'))).toHaveLength(1);
    expect(await pack('1', 'one')).toEqual(serial);
    expect(await pack('2', 'two')).toEqual(serial);
  }, 180_000);

  it('fails with the failing job\u2019s error, on a worker or on the calling thread, and stops its threads', async () => {
    const corpus = workingTreeView(await loadCorpus(EDGE));
    const style = houseStyleFor(EDGE, undefined);
    const doc = [...corpus.documents.keys()].sort()[0]!;
    const model = buildRenderModel({ corpus, doc, asAt: AS_AT, style, linkable: new Set([doc]), sourceDate: SOURCE_DATE });
    for (const workers of [0, 1]) {
      const pool = new RenderPool(workers);
      pool.submit({ format: 'docx', model, theme: style.theme, files: {} });
      pool.submit({ format: 'nope', model, theme: style.theme, files: {} });
      await expect(pool.finish(), `${workers} workers`).rejects.toThrow('no renderer for the format nope');
    }
  }, 60_000);
});
