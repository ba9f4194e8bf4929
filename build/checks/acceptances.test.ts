/** Accepted risks: covered on every failing date up to `until`, an error again after it, matched by term, clause or reference. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, diagnose, manifest, versionManifest } from '../test/ruleTester.js';
import { danglingDefinition } from './dangling-definition.js';
import { expiredReference } from './expired-reference.js';
import { fails } from '../diagnostics/index.js';

const entry = (lines: string) => `accepted:\n  - code: ${lines}\n    reason: Planned for.\n`;
const root = (acceptance: string) => ({
  'documents/OLD.md': manifest('OLD', { until: '2025-12-31' }),
  'definitions/OLD.md': definitions('OLD', '**Widget** means a small device.\n'),
  'clauses/OLD/07-a.md': '## 7 A\n\n**7.2** Old text.\n',
  'documents/RX.md': versionManifest('RX', { version: '1.0', accepted: entry(acceptance) }),
  // Both clauses end a month after OLD does: the risk is bounded, as a designation window is.
  'clauses/RX/01-a.md': '## 1 A\n\n**1.1** {in-force-until=2026-01-31} Each Widget is listed.\n\n**1.2** {in-force-until=2026-01-31} See [[OLD 7.2]].\n',
});

describe('accepted risks', () => {
  afterAll(cleanRoots);
  it('covers a diagnostic on every date up to `until`: reported, marked, not failing', async () => {
    const [d] = await diagnose(root('dangling-definition\n    term: Widget\n    until: 2026-03-31'), '2025-06-01', [danglingDefinition]);
    expect(d).toMatchObject({ code: 'dangling-definition', date: '2026-01-01', accepted: { reason: 'Planned for.', until: '2026-03-31', file: 'documents/RX.md', line: 9, about: 'Widget' } });
    expect(fails(d!, true)).toBe(false);
  });
  it('does not cover a problem that outlasts it: an error dated the day after `until`', async () => {
    const [d] = await diagnose(root('dangling-definition\n    term: Widget\n    until: 2026-01-05'), '2025-06-01', [danglingDefinition]);
    expect(d!.accepted).toBeUndefined();
    expect(d).toMatchObject({ date: '2026-01-06', message: expect.stringMatching(/accepted only until 2026-01-05 \(documents\/RX\.md:9\), and it still occurs on 2026-01-06/) });
    expect(fails(d!)).toBe(true);
  });
  it('matches by clause and by reference, and not by the wrong code', async () => {
    const byClause = await diagnose(root('dangling-definition\n    clause: RX 1.1\n    until: 2099-01-01'), '2025-06-01', [danglingDefinition]);
    expect(byClause[0]!.accepted?.about).toBe('RX 1.1');
    const byRef = await diagnose(root('expired-reference\n    reference: OLD 7.2\n    until: 2099-01-01'), '2025-06-01', [expiredReference]);
    expect(byRef[0]!.accepted?.about).toBe('[[OLD 7.2]]');
    const wrongCode = await diagnose(root('expired-reference\n    term: Widget\n    until: 2099-01-01'), '2025-06-01', [danglingDefinition]);
    expect(wrongCode[0]!.accepted).toBeUndefined();
  });
  it('bad entries are located front-matter errors', async () => {
    const found = await diagnose({ 'documents/RX.md': versionManifest('RX', { version: '1.0', accepted: 'accepted:\n  - code: no-such-code\n    term: X\n    until: 2026-01-01\n    reason: r\n  - code: dangling-definition\n    until: 2026-02-30\n    term: X\n    reason: r\n  - code: dangling-definition\n    until: 2026-01-01\n    reason: nothing named\n  - code: dangling-definition\n    term: X\n    until: 2026-01-01\n' }) });
    expect(found.map((d) => [d.code, d.line, d.message.replace(/`/g, '')])).toEqual([
      ['invalid-front-matter', 9, 'accepted.code: no diagnostic code no-such-code'],
      ['invalid-front-matter', 13, 'accepted.until must be a real date YYYY-MM-DD, not 2026-02-30'],
      ['invalid-front-matter', 17, 'an accepted entry names what it accepts: term, clause or reference'],
      ['invalid-front-matter', 20, 'an accepted entry needs reason'],
    ]);
  });
});
