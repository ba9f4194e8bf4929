/** Messages that say what to do: an unbumped version, files an earlier build left behind, the cause of a burst. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('a burst of time diagnostics with one cause', () => {
  it('each points at the manifest line that causes it, and text output leads with one summary line per cause', async () => {
    const root = temp();
    cpSync(join(FIXTURES, 'before-retention'), root, { recursive: true });
    const json = JSON.parse((await run(['check', '--root', root, '--as-at', '2025-10-17', '--format', 'json', '--no-cache'])).out) as Array<{ code: string; cause?: { file: string; line: number; message: string } }>;
    const timed = json.filter((d) => d.code === 'dangling-definition');
    expect(timed.length).toBeGreaterThanOrEqual(5);
    for (const d of timed) expect(d.cause).toMatchObject({ file: 'documents/AL.md', line: 8, message: 'AL leaves force after 2025-12-31 (its in-force.until)' });
    const text = (await run(['check', '--root', root, '--as-at', '2025-10-17', '--no-cache'])).out;
    expect(text.split('\n')[0]).toBe(`documents/AL.md:8:1  cause  AL leaves force after 2025-12-31 (its in-force.until): ${timed.length} diagnostics (dangling-definition ${timed.length}), each listed below`);
    // Moving the expiry moves the cause's message with it.
    const manifest = join(root, 'documents/AL.md');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('until: 2025-12-31', 'until: 2025-11-30'));
    const moved = (await run(['check', '--root', root, '--as-at', '2025-10-17', '--no-cache'])).out;
    expect(moved.split('\n')[0]).toContain('AL leaves force after 2025-11-30 (its in-force.until)');
  }, 60_000);
});
