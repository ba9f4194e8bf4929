/**
 * A real editor's own LSP client: Neovim (from Debian) starts `regmark lsp --stdio`, opens a clause file, waits
 * for diagnostics, hovers a term and types an edit that breaks a reference; a Lua script writes what it saw.
 * Neovim is required (CI installs it, as .ci/run does the other readers): without it this test fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, definitions, manifest, writeRoot } from '../test/ruleTester.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/neovim-client.lua', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/regmark.js', import.meta.url));

afterAll(cleanRoots);

describe('regmark lsp from Neovim', () => {
  it('shows diagnostics, answers a hover and reports an unsaved edit', async () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error('Neovim (nvim) is required for this test: apt-get install -y neovim');
    const root = await writeRoot({
      'documents/HX.md': manifest('HX', { from: '2019-01-01', until: '2025-12-31' }),
      'documents/HY.md': manifest('HY', { from: '2019-01-01' }),
      'definitions/HX.md': definitions('HX', '**Berth Ledger** means the book in which each mooring is written down.\n'),
      'clauses/HX/01-general.md': '## 1 General\n\n**1.1** Moorings are recorded.\n',
      'clauses/HY/01-general.md': '## 1 General\n\n**1.1** The Berth Ledger is kept as [[HX 1.1]] says.\n',
    });
    const out = join(root, '.nvim-result.json');
    execFileSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      env: { ...process.env, REGMARK_BIN: BIN, REGMARK_ROOT: root, REGMARK_FILE: 'clauses/HY/01-general.md', REGMARK_OUT: out },
      timeout: 60_000,
      stdio: 'pipe',
    });
    const result = JSON.parse(readFileSync(out, 'utf8')) as { waited: boolean; broken_reported: boolean; hover?: string; errors: string[]; diagnostics: Array<{ lnum: number; col: number; end_col: number; code: string; message: string }> };
    expect(result.errors).toEqual([]);
    expect(result.waited).toBe(true);
    const line = '**1.1** The Berth Ledger is kept as [[HX 1.1]] says.';
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ lnum: 2, col: line.indexOf('Berth Ledger'), end_col: line.indexOf('Berth Ledger') + 12, code: 'dangling-definition' }),
        expect.objectContaining({ lnum: 2, col: line.indexOf('[[HX 1.1]]'), code: 'expired-reference' }),
      ]),
    );
    expect(result.hover).toContain('the book in which each mooring is written down');
    expect(result.broken_reported).toBe(true);
  }, 90_000);
});
