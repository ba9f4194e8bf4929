import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, manifest, versionManifest, writeRoot } from '../test/ruleTester.js';
import { loadCorpus } from '../pipeline.js';
import type { IsoDate } from '../model/dates.js';
import { explain } from './explain.js';
import { SymbolIndex } from './symbolIndex.js';

describe('explain (hover) inside a designation window', () => {
  afterAll(cleanRoots);
  it('says that the earlier version may still apply, and that check weighs its text too', async () => {
    const older = { 'documents/NW.md': versionManifest('NW', { version: '1.0', from: '2020-01-01' }), 'clauses/NW/01-a.md': '## 1 A\n\n**1.1** A Widget is kept.\n' };
    const root = await writeRoot({
      'documents/OL.md': manifest('OL', { from: '2020-01-01', until: '2025-12-31' }),
      'definitions/OL.md': definitions('OL', '**Widget** means a small device.\n'),
      'documents/NW.md': versionManifest('NW', { version: '2.0', status: 'consultation', from: '2020-01-01', effective: '2025-12-12', effectiveBy: '2026-01-12', previous: 'versions/v1' }),
      'definitions/NW.md': definitions('NW', '**Widget** {from="OL"} means a small device.\n'),
      'clauses/NW/01-a.md': '## 1 A\n\n**1.1** A Widget is kept.\n',
      ...Object.fromEntries(Object.entries(older).map(([k, v]) => [`versions/v1/${k}`, v])),
    });
    const corpus = await loadCorpus(root, { workers: 0, asAt: '2025-10-17' as IsoDate });
    const index = new SymbolIndex(corpus);
    const text = corpus.texts.get('clauses/NW/01-a.md')!;
    const at = index.at('clauses/NW/01-a.md', text.indexOf('Widget'))!;
    expect(at.kind).toBe('use');
    const hover = explain(corpus, index, at, '2025-10-17' as IsoDate);
    expect(hover).toContain('Does not dangle');
    expect(hover).toContain('NW v1.0 (versions/v1) may still apply until 2026-01-12');
  });
});
