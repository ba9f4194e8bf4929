/**
 * Runs written straight to XML must be the bytes the docx package writes for the same runs built as its objects:
 * every fixture document, clean and redlined, and a paragraph of awkward text, rendered both ways.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, workingTreeView } from '../../pipeline.js';
import { buildRenderModel } from '../../document/buildRenderModel.js';
import { redlineModel } from '../../diff/redlineModel.js';
import { houseStyleFor } from '../../theme/houseStyle.js';
import type { Block, Inline, RenderDocument } from '../../model/document.js';
import { AS_AT, EDGE, REPO, SEC, SOURCE_DATE } from '../../test/renderFixtures.js';
import { readZip } from '../output/zip.js';
import { renderDocx } from './renderDocx.js';

const REDLINES = join(REPO, 'build/test/fixtures/redline');

async function models(root: string): Promise<RenderDocument[]> {
  const corpus = workingTreeView(await loadCorpus(root));
  const style = houseStyleFor(root, undefined);
  const docs = [...corpus.documents.keys()].sort();
  return docs.map((doc) => buildRenderModel({ corpus, doc, asAt: AS_AT, style, linkable: new Set(docs), sourceDate: SOURCE_DATE }));
}

async function redline(fixture: string): Promise<RenderDocument[]> {
  const root = join(REDLINES, fixture, 'new');
  const next = workingTreeView(await loadCorpus(root));
  const base = await loadCorpus(join(REDLINES, fixture, 'base'), { history: false });
  const style = houseStyleFor(root, undefined);
  return [...next.documents.keys()].sort().map((doc) => redlineModel({ next, base, doc, asAt: AS_AT, style, linkable: new Set([doc]), sourceDate: SOURCE_DATE, author: 'Reviewer', date: '2025-06-01T00:00:00Z', baseLabel: 'base' }) as unknown as RenderDocument);
}

async function bothWays(model: RenderDocument, fileFor: (doc: string) => string | undefined = () => undefined): Promise<void> {
  const theme = houseStyleFor(SEC, undefined).theme;
  const direct = await renderDocx(model, { theme, fileFor });
  const objects = await renderDocx(model, { theme, fileFor }, { plainRunsAsXml: false });
  expect(Buffer.from(direct.bytes).equals(Buffer.from(objects.bytes)), model.reference).toBe(true);
}

describe('runs written as XML', () => {
  it('equal the docx package’s own runs in every fixture document', async () => {
    const all = [...(await models(SEC)), ...(await models(EDGE))];
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const model of all) await bothWays(model);
    // With the other documents in the build, references to them go through relationships (the package's runs).
    for (const model of all) await bothWays(model, (doc) => `${doc}.docx`);
  }, 120_000);

  it('equal them in redlines, where tracked text is left to the package', async () => {
    for (const fixture of ['combined', 'footnotes', 'moves', 'tables']) {
      const redlines = await redline(fixture);
      expect(redlines.length, fixture).toBeGreaterThan(0);
      for (const model of redlines) await bothWays(model);
    }
  }, 120_000);

  it('escape and drop characters as the package does, with every plain formatting nested', async () => {
    const [model] = await models(EDGE);
    const awkward: Inline[] = [
      { kind: 'text', text: `Tom & "Jerry" <'x'> \u0001\u0008\u000b\u001f\ttab\nline ` },
      { kind: 'strong', children: [{ kind: 'emphasis', children: [{ kind: 'delete', children: [{ kind: 'text', text: 'all three' }] }] }] },
      { kind: 'text', text: '' },
      { kind: 'break' },
      { kind: 'reference', text: 'Clause 1 & 2', raw: '1', target: { kind: 'internal', anchor: `a"b'c&d` } },
      { kind: 'reference', text: 'unlinked', raw: '9' },
      { kind: 'link', target: { kind: 'internal', anchor: 'empty' }, children: [] },
      { kind: 'emphasis', children: [{ kind: 'link', target: { kind: 'internal', anchor: 'x' }, children: [{ kind: 'strong', children: [{ kind: 'text', text: 'in a link' }] }] }] },
    ];
    const blocks: Block[] = [
      { kind: 'paragraph', content: awkward },
      { kind: 'heading', level: 2, content: [], anchor: `h"'&<>` },
      { kind: 'heading', level: 3, content: awkward, anchor: 'h3' },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Table: a caption' }], caption: true },
      { kind: 'paragraph', content: [] },
    ];
    const withAwkward: RenderDocument = { ...model!, body: [...model!.body, ...blocks] };
    await bothWays(withAwkward);
    const theme = houseStyleFor(SEC, undefined).theme;
    const xml = new TextDecoder().decode(readZip((await renderDocx(withAwkward, { theme, fileFor: () => undefined })).bytes).find((e) => e.name === 'word/document.xml')!.data);
    expect(xml).toContain('Tom &amp; &quot;Jerry&quot; &lt;&apos;x&apos;&gt; \ttab\nline ');
    expect(xml).toContain('<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:strike/></w:rPr><w:t xml:space="preserve">all three</w:t>');
    expect(xml).not.toContain('regmark-runs-');
  }, 60_000);
});
