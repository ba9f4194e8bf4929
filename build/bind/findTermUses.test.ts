/** Term uses at the scale of a whole code: more matches than one function call may take as arguments. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, manifest, writeRoot } from '../test/ruleTester.js';
import { loadCorpus } from '../pipeline.js';

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
