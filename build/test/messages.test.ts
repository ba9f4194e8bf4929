/** Messages that say what to do: an unbumped version, files an earlier build left for a document now skipped. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './cliHarness.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const temp = () => {
  const t = mkdtempSync(join(tmpdir(), 'regmark-messages-'));
  temps.push(t);
  return t;
};

describe('messages that say what to do', () => {
  it('a redline of two versions with one number warns that the version was not bumped', async () => {
    const same = join(FIXTURES, 'redline/edits/new');
    const r = await run(['redline', 'RX', '--root', same, '--base', same, '--as-at', '2025-10-17', '--out', temp(), '--format', 'pdf', '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: RX: both versions are numbered 2.0; bump `version:` in documents/RX.md for the new text');
  }, 60_000);

  it('build names the files an earlier build left for a document it now skips', async () => {
    const out = temp();
    const root = join(FIXTURES, 'before-retention');
    expect((await run(['build', '--root', root, '--as-at', '2025-06-01', '--out', out, '--format', 'pdf', '--quiet', '--no-cache'])).code).toBe(0);
    // The fixture has known errors after its TMAD expires: forced, as an author previewing would.
    const later = await run(['build', '--root', root, '--as-at', '2026-06-01', '--out', out, '--format', 'pdf', '--force', '--no-cache']);
    expect(later.code).toBe(0);
    expect(later.out).toContain('skipped AL: not in force on 2026-06-01');
    expect(later.err).toContain(`warning: ${join(out, 'AL.pdf')}: left from an earlier build; AL is not built as at 2026-06-01`);
  }, 60_000);
});
