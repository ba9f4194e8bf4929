/**
 * The bundled CLI does what the compiled modules do: the test bundles the compiled code into a folder of its own
 * under dist/ (as `npm run build` does into dist/bundled/), then runs a check and a pack with two render threads both
 * ways, in new processes, and compares what they print and write. The pack reads the house style's templates and
 * fonts and starts the bundled render worker, the paths a bundle could lose.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const DIST = join(REPO, 'dist');
const FOLDER = `bundle-test-${process.pid}`;
const CONSULTATION = join(REPO, 'build/test/fixtures/consultation');
const BEFORE = join(REPO, 'build/test/fixtures/before-retention');
const out = mkdtempSync(join(tmpdir(), 'regmark-bundle-'));

/** Runs `main` of one CLI entry in a new process (a script file: worker threads inherit the options of `node -e`). */
function cli(entry: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const runner = join(out, 'run.mjs');
  writeFileSync(runner, 'const { main } = await import(process.argv[2]); process.exitCode = await main(process.argv.slice(3));\n');
  const r = spawnSync(process.execPath, [runner, pathToFileURL(entry).href, ...args], {
    encoding: 'utf8',
    env: { ...process.env, REGMARK_RENDER_WORKERS: '2', SOURCE_DATE_EPOCH: '1757926800' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

beforeAll(() => {
  // The compiled code must exist (the CLI tests run it too); the bundle is made from it here.
  expect(existsSync(join(DIST, 'cli.js')), 'dist/ is built (npm run build)').toBe(true);
  const made = spawnSync(process.execPath, [join(DIST, 'bundleCli.js'), FOLDER], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  rmSync(join(DIST, FOLDER), { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
  it('is a few files, with the two worker entries beside the CLI', () => {
    const files = readdirSync(join(DIST, FOLDER));
    for (const entry of ['cli.js', 'renderWorker.js', 'worker.js']) expect(files).toContain(entry);
    expect(files.length).toBeLessThan(80);
  });

  it('carries the fingerprint of the compiled parser, so that it hashes no code when it starts and shares the parse cache', async () => {
    const { PARSER_VERSION } = (await import(pathToFileURL(join(DIST, 'parse/cache.js')).href)) as { PARSER_VERSION: string };
    const chunks = readdirSync(join(DIST, FOLDER)).map((name) => readFileSync(join(DIST, FOLDER, name), 'utf8'));
    expect(chunks.filter((code) => code.includes(`"${PARSER_VERSION}"`))).toHaveLength(1);
  });

  it('checks as the compiled modules do', () => {
    const args = ['check', '--root', BEFORE, '--as-at', '2025-06-01', '--format', 'json', '--no-cache'];
    const bundled = cli(join(DIST, FOLDER, 'cli.js'), args);
    const plain = cli(join(DIST, 'cli.js'), args);
    expect(bundled.status, bundled.stderr).toBe(plain.status);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(plain.stdout));
  }, 60_000);

  it('packs the same bytes in two render threads as the compiled modules do', () => {
    const run = (entry: string, dir: string) => cli(entry, ['pack', 'CON-2025-09-HANDOVER', '--root', CONSULTATION, '--out', join(out, dir), '--quiet']);
    const bundled = run(join(DIST, FOLDER, 'cli.js'), 'bundled');
    expect(bundled.status, bundled.stderr).toBe(0);
    const plain = run(join(DIST, 'cli.js'), 'plain');
    expect(plain.status, plain.stderr).toBe(0);
    const files = hashes(join(out, 'bundled', 'CON-2025-09-HANDOVER'));
    expect(Object.keys(files).filter((n) => /\.(docx|pdf)$/.test(n))).toHaveLength(10);
    expect(files).toEqual(hashes(join(out, 'plain', 'CON-2025-09-HANDOVER')));
  }, 180_000);
});
