/**
 * A redline drawn with the lines its clean version broke is the same file, byte for byte, as one drawn on its own:
 * in PDF (the clean annex laid out first, as a pack does on one thread) and in Word (whose page estimate of the
 * baseline side takes over the new side's lines: it gives the same pages as one made alone), on every redline fixture.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, workingTreeView } from '../pipeline.js';
import { redlineModel } from '../diff/redlineModel.js';
import { houseStyleFor } from '../theme/houseStyle.js';
import type { RenderDocument } from '../model/document.js';
import { AS_AT, REPO, SOURCE_DATE } from '../test/renderFixtures.js';
import { LineReuse } from './layout/lineReuse.js';
import { renderDocx } from './docx/renderDocx.js';
import { estimatePages } from './docx/pageEstimate.js';
import { renderPdf } from './pdf/renderPdf.js';

const REDLINES = join(REPO, 'build/test/fixtures/redline');

async function redlines(fixture: string): Promise<RenderDocument[]> {
  const root = join(REDLINES, fixture, 'new');
  const next = workingTreeView(await loadCorpus(root));
  const base = await loadCorpus(join(REDLINES, fixture, 'base'), { history: false });
  const style = houseStyleFor(root, undefined);
  return [...next.documents.keys()].sort().map((doc) => redlineModel({ next, base, doc, asAt: AS_AT, style, linkable: new Set([doc]), sourceDate: SOURCE_DATE, author: 'Reviewer', date: '2025-06-01T00:00:00Z', baseLabel: 'base' }) as unknown as RenderDocument);
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('lines shared by the versions of a text', () => {
  it('leave every redline the same bytes, and are taken over', async () => {
    let taken = 0;
    for (const fixture of ['combined', 'edits', 'footnotes', 'moves', 'tables']) {
      for (const model of await redlines(fixture)) {
        const theme = houseStyleFor(join(REDLINES, fixture, 'new'), undefined).theme;
        const context = { theme, fileFor: () => undefined };
        const next = (model as RenderDocument & { redline: { sides: { next: RenderDocument } } }).redline.sides.next;

        const pdfLines = new LineReuse();
        await renderPdf(next, { ...context, lines: pdfLines });
        const pdfShared = await renderPdf(model, { ...context, lines: pdfLines });
        const pdfAlone = await renderPdf(model, context);
        expect(same(pdfShared.bytes, pdfAlone.bytes), `${fixture} ${model.code} PDF`).toBe(true);
        expect(pdfShared.warnings).toEqual(pdfAlone.warnings);

        expect(pdfLines.counts.reused, `${fixture} ${model.code} PDF lines taken over`).toBeGreaterThan(0);

        // Word: the baseline side's page estimate, made after the new side's, against one made on its own (a copy,
        // since estimates are kept by model).
        const base = (model as RenderDocument & { redline: { sides: { base?: RenderDocument } } }).redline.sides.base;
        if (!base) continue;
        const wordLines = new LineReuse();
        estimatePages(next, theme, theme.fonts.docx, wordLines);
        const shared = estimatePages(base, theme, theme.fonts.docx, wordLines);
        const alone = estimatePages(structuredClone(base), theme, theme.fonts.docx);
        expect([...shared], `${fixture} ${model.code} page estimate`).toEqual([...alone]);
        taken += wordLines.counts.reused;
        // The Word file itself, which shares the lines of its two sides on its own, is the same with lines handed in.
        const docxShared = await renderDocx(model, { ...context, lines: new LineReuse() });
        const docxAlone = await renderDocx(model, context);
        expect(same(docxShared.bytes, docxAlone.bytes), `${fixture} ${model.code} DOCX`).toBe(true);
      }
    }
    expect(taken).toBeGreaterThan(0);
  }, 120_000);
});
