/**
 * A PDF drawn on a worker hands its shaped words to the calling thread, which then draws the same document without
 * shaping it again or working out its fonts' plain characters — to the same bytes. A real worker thread of the render pool, on a fixture document.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus, workingTreeView } from '../../pipeline.js';
import { buildRenderModel } from '../../document/buildRenderModel.js';
import { houseStyleFor } from '../../theme/houseStyle.js';
import { AS_AT, EDGE, SOURCE_DATE } from '../../test/renderFixtures.js';
import { RenderPool, renderOne, type RenderJob } from '../renderPool.js';
import { handedCounts } from './handedWords.js';

describe('shaped words handed between threads', () => {
  it('spare the calling thread shaping what a worker shaped, and leave the PDF the same', async () => {
    const corpus = workingTreeView(await loadCorpus(EDGE));
    const style = houseStyleFor(EDGE, undefined);
    const doc = [...corpus.documents.keys()].sort()[0]!;
    const model = buildRenderModel({ corpus, doc, asAt: AS_AT, style, linkable: new Set([doc]), sourceDate: SOURCE_DATE });
    const job: RenderJob = { format: 'pdf', model, theme: style.theme, files: {} };

    const pool = new RenderPool(1);
    pool.submit(job);
    const [onWorker] = await pool.finish();
    // Nothing was drawn here yet: every word this thread now needs came from the worker.
    expect(handedCounts).toEqual({ used: 0, shaped: 0, plain: 0 });

    const here = await renderOne(job);
    expect(Buffer.from(here.bytes).equals(Buffer.from(onWorker!.bytes))).toBe(true);
    expect(handedCounts.used).toBeGreaterThan(100);
    expect(handedCounts.shaped).toBeLessThan(handedCounts.used / 20);
    // Nor did it work out any font's plain characters: those came from the worker too.
    expect(handedCounts.plain).toBe(0);
  }, 60_000);
});
