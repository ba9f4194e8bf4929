/** `regmark lsp` is loaded only when it runs: `check` never loads the language-server library. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRoots, manifest, writeRoot } from '../test/ruleTester.js';
import { run } from '../test/cliHarness.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SERVER = fileURLToPath(new URL('../../dist/lsp/server.js', import.meta.url));

afterAll(cleanRoots);

/**
 * Runs the built CLI with `args` in a fresh process (or, without args, only imports `module`) and lists the
 * CommonJS modules then loaded whose path mentions `needle`.
 */
function loadedAfter(args: string[] | undefined, needle: string, module = CLI): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const loaded = await import(${JSON.stringify(module)});
    ${args ? `await loaded.main(${JSON.stringify(args)}, { out() {}, err() {}, color: false });` : ''}
    const cache = createRequire(import.meta.url).cache;
    process.stdout.write(JSON.stringify(Object.keys(cache).filter((k) => k.includes(${JSON.stringify(needle)}))));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as string[];
}

describe('regmark lsp', () => {
  it('is not loaded by check or by its own --help, only by the server', async () => {
    const root = await writeRoot({ 'documents/HX.md': manifest('HX'), 'clauses/HX/01-a.md': '## 1 A\n\n**1.1** Text.\n' });
    expect(loadedAfter(['check', '--root', root, '--no-cache'], 'vscode-languageserver')).toEqual([]);
    expect(loadedAfter(['lsp', '--help'], 'vscode-languageserver')).toEqual([]);
    // The same probe sees the library once the server module is loaded.
    expect(loadedAfter(undefined, 'vscode-languageserver', SERVER).length).toBeGreaterThan(0);
  });

  it('asks for --stdio, and lists itself in the help', async () => {
    const r = await run(['lsp']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--stdio is required');
    expect((await run(['--help'])).out).toContain('regmark lsp --stdio');
  });
});
