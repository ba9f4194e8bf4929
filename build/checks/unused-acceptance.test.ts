/** unused-acceptance runs after the other checks have met the acceptances, so its table runs it beside the check it covers. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, diagnose, manifest, versionManifest } from '../test/ruleTester.js';
import { unusedAcceptance } from './unused-acceptance.js';
import { danglingDefinition } from './dangling-definition.js';

const accepted = (term: string, until: string) => `accepted:\n  - code: dangling-definition\n    term: ${term}\n    until: ${until}\n    reason: Known and planned for.\n`;
const files = (term: string, until: string) => ({
  'documents/OLD.md': manifest('OLD', { until: '2025-12-31' }),
  'definitions/OLD.md': definitions('OLD', '**Widget** means a small device.\n'),
  'documents/RX.md': versionManifest('RX', { version: '1.0', accepted: accepted(term, until) }),
  'clauses/RX/01-a.md': '## 1 A\n\n**1.1** Each Widget is listed.\n',
});
const unused = async (f: ReturnType<typeof files>, asAt?: string) => (await diagnose(f, asAt, [danglingDefinition, unusedAcceptance])).filter((d) => d.code === 'unused-acceptance');

describe('unused-acceptance', () => {
  afterAll(cleanRoots);
  it('valid: an acceptance that covers a diagnostic', async () => {
    expect(await unused(files('Widget', '2026-06-30'))).toEqual([]);
  });
  it('valid: an acceptance whose day has passed has lapsed, not gone unused', async () => {
    expect(await unused(files('Gadget', '2026-06-30'), '2026-07-01')).toEqual([]);
  });
  it('invalid: an acceptance that matches nothing (a typo)', async () => {
    const found = await unused(files('Widgit', '2026-06-30'));
    expect(found).toMatchObject([{ file: 'documents/RX.md', line: 9, column: 5, severity: 'warning', message: expect.stringMatching(/nothing to accept: no dangling-definition diagnostic about Widgit/) }]);
  });
});
