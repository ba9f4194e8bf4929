/** Term uses at the scale of a whole code: more matches than one function call may take as arguments. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, manifest, writeRoot } from '../test/ruleTester.js';
import { checkRoot, loadCorpus } from '../pipeline.js';
import { SymbolIndex } from '../query/symbolIndex.js';
import type { IsoDate } from '../model/dates.js';

describe('findTermUses', () => {
  afterAll(cleanRoots);
  it('gathers 200,000 uses of a term without overflowing the stack', async () => {
    const root = await writeRoot({
      'documents/RX.md': manifest('RX'),
      'definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
      'clauses/RX/01-a.md': `## 1 A\n\n**1.1** ${'Widget, '.repeat(200_000)}and more.\n`,
    });
    const corpus = await loadCorpus(root, { workers: 0 });
    expect(corpus.uses.length).toBe(200_000);
    expect(corpus.uses.every((u) => u.term === 'Widget' && u.user.kind === 'provision')).toBe(true);
  }, 60_000);
});

describe('findPaperUses', () => {
  afterAll(cleanRoots);
  it('finds terms in a consultation paper apart from the code: no check counts them, find-references and rename reach them', async () => {
    const root = await writeRoot({
      'documents/RX.md': manifest('RX'),
      'definitions/RX.md': definitions('RX', '**Widget** {plural="Widgets"} means a small device.\n\n**Gadget** means a larger device.\n'),
      'clauses/RX/01-a.md': '## 1 A\n\n**1.1** A Widget is kept.\n',
      'documents/CON-T.md': '---\nkind: consultation\nid: CON-T\ntitle: T\ndate: 2025-03-01\nrespond-to: a@example.org\n---\n# Summary\n\nWe ask about Widgets and one Gadget.\n',
    });
    const corpus = await loadCorpus(root, { workers: 0 });
    const text = corpus.texts.get('documents/CON-T.md')!;
    expect(corpus.paperUses.map((u) => [u.term, text.slice(u.offset, u.offset + 7), u.user.kind])).toEqual([
      ['Widget', 'Widgets', 'paper'],
      ['Gadget', 'Gadget.', 'paper'],
    ]);
    expect(corpus.uses.every((u) => u.user.kind !== 'paper')).toBe(true);
    // Used only in the paper, Gadget is still unused by the code.
    const { diagnostics } = await checkRoot(root, { asAt: '2025-06-01' as IsoDate, workers: 0 });
    expect(diagnostics.filter((d) => d.code === 'unused-definition').map((d) => d.message)).toEqual([expect.stringContaining('Gadget')]);
    const index = new SymbolIndex(corpus);
    expect(index.termOccurrences('Widget').map((o) => `${o.file}:${o.kind}`)).toEqual(['clauses/RX/01-a.md:use', 'definitions/RX.md:definition', 'documents/CON-T.md:use']);
  });
});
