/**
 * The bundled CLI does what the compiled modules do: the test bundles the compiled code into a folder of its own
 * under dist/ (as `npm run build` does into dist/bundled/), then runs a check and a pack with two render threads both
 * ways, in new processes, and compares what they print and write. The pack reads the house style's templates and
 * fonts and starts the bundled render worker, the paths a bundle could lose. A bundle runs as `bin/regmark.js` runs
 * it (`runBundle`), so the second run of each takes its code from the V8 code cache the first one saved; so does the
 * workbook writer's chunk, which a bundle requires only when it writes a workbook.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanRoots, manifest, writeRoot } from './test/ruleTester.js';

const REPO = resolve(import.meta.dirname, '..');
const DIST = join(REPO, 'dist');
const FOLDER = `bundle-test-${process.pid}`;
const CONSULTATION = join(REPO, 'build/test/fixtures/consultation');
const BEFORE = join(REPO, 'build/test/fixtures/before-retention');
const out = mkdtempSync(join(tmpdir(), 'regmark-bundle-'));

/**
 * Runs `main` of one CLI entry in a new process (a script file: worker threads inherit the options of `node -e`): a
 * compiled module imported, a bundle through runBundle.
 */
function cli(entry: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const runner = join(out, 'run.mjs');
  writeFileSync(
    runner,
    [
      'const [entry, ...args] = process.argv.slice(2);',
      `const { runBundle } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'runBundle.js')).href)});`,
      "process.exitCode = entry.endsWith('.cjs') ? await runBundle(entry, args) : await (await import(entry)).main(args);",
      '',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, [runner, entry.endsWith('.cjs') ? entry : pathToFileURL(entry).href, ...args], {
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
afterAll(async () => {
  await cleanRoots();
  rmSync(join(DIST, FOLDER), { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
  it('is one file per command, one for help, the two worker entries and the launcher', () => {
    const files = readdirSync(join(DIST, FOLDER)).filter((n) => !n.endsWith('.cache'));
    const commands = readdirSync(join(DIST, 'cli')).flatMap((n) => /^(\w+)Command\.js$/.exec(n)?.[1] ?? []);
    expect(commands).toContain('check');
    expect(files.sort()).toEqual([...commands, 'cli', 'renderWorker', 'worker', 'exceljs', 'docx', 'yaml', 'markdown', 'runBundle'].map((n) => `${n}.cjs`).sort());
    // A command's bundle holds its own code only: a check carries no renderer.
    expect(readFileSync(join(DIST, FOLDER, 'check.cjs'), 'utf8')).not.toContain('PDFDocument');
    const build = readFileSync(join(DIST, FOLDER, 'build.cjs'), 'utf8');
    expect(build).toContain('PDFDocument');
    // Text of one byte a character, which Node reads as such, and no comments.
    for (const name of files) expect(readFileSync(join(DIST, FOLDER, name)).every((b) => b < 0x80), name).toBe(true);
    expect(readFileSync(join(DIST, FOLDER, 'check.cjs'), 'utf8')).not.toMatch(/^\s*\/\*\*/m);
    // The workbook writer is a chunk of its own, read only by a run that writes a workbook. (Minified, each package is
    // known by a part name only it writes.)
    expect(build).not.toContain('xl/sharedStrings.xml');
    expect(build).toContain('require("./exceljs.cjs")');
    expect(readFileSync(join(DIST, FOLDER, 'exceljs.cjs'), 'utf8')).toContain('xl/sharedStrings.xml');
    // So is the Word writer, which a build only of PDFs never reads.
    expect(build).toContain('require("./docx.cjs")');
    expect(build).not.toContain('w:footnotePr');
    expect(readFileSync(join(DIST, FOLDER, 'docx.cjs'), 'utf8')).toContain('w:footnotePr');
    // yaml and remark's reader are chunks too, which a check requires only when a file needs them.
    const check = readFileSync(join(DIST, FOLDER, 'check.cjs'), 'utf8');
    expect(check).toContain('require("./yaml.cjs")');
    expect(check).toContain('require("./markdown.cjs")');
    expect(check).not.toContain('tag:yaml.org,2002:');
    expect(readFileSync(join(DIST, FOLDER, 'yaml.cjs'), 'utf8')).toContain('tag:yaml.org,2002:');
    expect(check).not.toContain('AElig');
    expect(readFileSync(join(DIST, FOLDER, 'markdown.cjs'), 'utf8')).toContain('AElig');
  });

  it('reads yaml and remark only when a file needs them, and then checks as the compiled modules do', async () => {
    const clauses = (extra: string) => `## 3 Reads\n\n**3.1** A Reader reads a meter.\n\n**3.2** A Reader keeps a log.${extra}\n`;
    const root = await writeRoot({
      'documents/RD.md': manifest('RD'),
      'definitions/RD.md': '---\ndocument: RD\n---\n\n**Reader** means a party that reads meters.\n',
      'clauses/RD/03-reads.md': clauses(''),
    });
    const args = ['check', '--root', root, '--as-at', '2025-06-01', '--format', 'json'];
    const bundle = join(DIST, FOLDER, 'check.cjs');
    const chunkCaches = () => ['yaml', 'markdown'].filter((n) => existsSync(join(DIST, FOLDER, `${n}.cjs.cache`)));
    const compare = () => {
      const bundled = cli(bundle, args);
      const plain = cli(join(DIST, 'cli.js'), [...args, '--no-cache']);
      expect(bundled.status, bundled.stderr).toBe(plain.status);
      expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(plain.stdout));
    };
    // The first check reads every file, front matter with it.
    compare();
    expect(chunkCaches()).toContain('yaml');
    // A check that finds nothing changed, and one after an edit of a clause in the fast reader's subset, need neither.
    for (const n of ['yaml', 'markdown']) rmSync(join(DIST, FOLDER, `${n}.cjs.cache`), { force: true });
    compare();
    writeFileSync(join(root, 'clauses/RD/03-reads.md'), clauses(' A Reader signs it.'));
    compare();
    expect(chunkCaches()).toEqual([]);
    // A block quote is outside that subset: remark reads the file.
    writeFileSync(join(root, 'clauses/RD/03-reads.md'), clauses('\n\n> A quoted note.'));
    compare();
    expect(chunkCaches()).toEqual(['markdown']);
  }, 60_000);

  it('writes a workbook as the compiled modules do, its chunk compiled from a code cache of its own after the first run', async () => {
    const root = await writeRoot({
      'documents/WB.md': manifest('WB'),
      'clauses/WB/04-variations.md': '## 4 Variations\n\n**4.1** {kind=variation} A meter answers late.\n\n**4.2** {kind=variation} A meter drops a log entry.\n',
      'clauses/WB/annex-a.csv': 'Manufacturer,Device Type,Model,Firmware,Variations\nNorthwind,ESME,NW-1,1.0,4.1\nSouthbay,GSME,"SB 9, rev C",2.1,4.1; 4.2\n',
    });
    const build = (entry: string, dir: string) => cli(entry, ['build', 'WB', '--root', root, '--as-at', '2025-06-01', '--format', 'xlsx', '--out', join(out, dir), '--force', '--no-cache']);
    const chunkCache = join(DIST, FOLDER, 'exceljs.cjs.cache');
    const first = build(join(DIST, FOLDER, 'build.cjs'), 'workbook-first');
    expect(first.status, first.stderr).toBe(0);
    const saved = readFileSync(chunkCache);
    expect(saved.length).toBeGreaterThan(10_000);
    const second = build(join(DIST, FOLDER, 'build.cjs'), 'workbook-second');
    expect(second.status, second.stderr).toBe(0);
    expect(readFileSync(chunkCache).equals(saved)).toBe(true);
    const plain = build(join(DIST, 'cli.js'), 'workbook-plain');
    expect(plain.status, plain.stderr).toBe(0);
    const files = hashes(join(out, 'workbook-first'));
    expect(Object.keys(files)).toEqual(['WB-annex-A.xlsx']);
    expect(hashes(join(out, 'workbook-second'))).toEqual(files);
    expect(files).toEqual(hashes(join(out, 'workbook-plain')));
  }, 60_000);

  it('carries the fingerprint of the compiled parser, so that it hashes no code when it starts and shares the parse cache', async () => {
    const { PARSER_VERSION } = (await import(pathToFileURL(join(DIST, 'parse/cache.js')).href)) as { PARSER_VERSION: string };
    for (const name of ['check.cjs', 'worker.cjs', 'pack.cjs']) expect(readFileSync(join(DIST, FOLDER, name), 'utf8')).toContain(`"${PARSER_VERSION}"`);
  });

  it('checks as the compiled modules do, with and without the code cache, and after a damaged one', () => {
    const args = ['check', '--root', BEFORE, '--as-at', '2025-06-01', '--format', 'json', '--no-cache'];
    const bundle = join(DIST, FOLDER, 'check.cjs');
    const plain = cli(join(DIST, 'cli.js'), args);
    const first = cli(bundle, args);
    expect(first.status, first.stderr).toBe(plain.status);
    expect(JSON.parse(first.stdout)).toEqual(JSON.parse(plain.stdout));
    // The first run saved what V8 compiled; the second compiles from it and leaves it as it was.
    const saved = readFileSync(`${bundle}.cache`);
    expect(saved.length).toBeGreaterThan(10_000);
    const second = cli(bundle, args);
    expect([second.status, second.stdout, second.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    expect(readFileSync(`${bundle}.cache`).equals(saved)).toBe(true);
    // V8 refuses a cache that is not its own: the run does its work and saves a good one.
    writeFileSync(`${bundle}.cache`, Buffer.alloc(saved.length, 7));
    const third = cli(bundle, args);
    expect([third.status, third.stdout, third.stderr]).toEqual([first.status, first.stdout, first.stderr]);
    expect(readFileSync(`${bundle}.cache`).equals(Buffer.alloc(saved.length, 7))).toBe(false);
    expect(readdirSync(join(DIST, FOLDER)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('packs the same bytes in two render threads as the compiled modules do, with and without the code cache', () => {
    const run = (entry: string, dir: string) => cli(entry, ['pack', 'CON-2025-09-HANDOVER', '--root', CONSULTATION, '--out', join(out, dir), '--quiet']);
    const bundled = run(join(DIST, FOLDER, 'pack.cjs'), 'bundled');
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(existsSync(join(DIST, FOLDER, 'pack.cjs.cache'))).toBe(true);
    const cached = run(join(DIST, FOLDER, 'pack.cjs'), 'cached');
    expect(cached.status, cached.stderr).toBe(0);
    const plain = run(join(DIST, 'cli.js'), 'plain');
    expect(plain.status, plain.stderr).toBe(0);
    const files = hashes(join(out, 'bundled', 'CON-2025-09-HANDOVER'));
    expect(Object.keys(files).filter((n) => /\.(docx|pdf)$/.test(n))).toHaveLength(10);
    expect(files).toEqual(hashes(join(out, 'plain', 'CON-2025-09-HANDOVER')));
    expect(hashes(join(out, 'cached', 'CON-2025-09-HANDOVER'))).toEqual(files);
  }, 180_000);

  it('draws complex scripts as the compiled modules do, the tables of their shapers inflated on first use when bundled', async () => {
    // Arabic, Devanagari and Tibetan take fontkit's Arabic, Indic and universal shapers, the three whose tables the
    // bundle inflates only when a shaper first looks a character up.
    const root = await writeRoot({
      'documents/SX.md': manifest('SX'),
      'clauses/SX/01-scripts.md': '## 1 Scripts\n\n**1.1** Names as registered: مرحبا بالعالم, नमस्ते दुनिया and བཀྲ་ཤིས་བདེ་ལེགས.\n',
    });
    const build = (entry: string, dir: string) => cli(entry, ['build', 'SX', '--root', root, '--as-at', '2025-06-01', '--format', 'pdf', '--out', join(out, dir), '--force', '--no-cache']);
    const bundled = build(join(DIST, FOLDER, 'build.cjs'), 'scripts-bundled');
    expect(bundled.status, bundled.stderr).toBe(0);
    const plain = build(join(DIST, 'cli.js'), 'scripts-plain');
    expect(plain.status, plain.stderr).toBe(0);
    const files = hashes(join(out, 'scripts-bundled'));
    expect(Object.keys(files)).toHaveLength(1);
    expect(files).toEqual(hashes(join(out, 'scripts-plain')));
  }, 60_000);

  it('is what bin/regmark.js runs: a command by its own bundle, anything else by the help bundle', () => {
    const bin = join(REPO, 'bin/regmark.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('regmark check');
    const unknown = spawnSync(process.execPath, [bin, 'nosuch'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command `nosuch`');
    const check = spawnSync(process.execPath, [bin, 'check', '--help'], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('--as-at');
  });

  /**
   * What Node has loaded by the end of a run of bin/regmark.js: it lists its own modules (process.moduleLoadList). The
   * bundles in dist/bundled/ are those `npm run build` made, as a user's start finds them.
   */
  function loadedBy(args: string[]): { status: number | null; stdout: string; loaded: string[] } {
    expect(existsSync(join(DIST, 'bundled', 'runBundle.cjs')), 'npm run build made the bundles').toBe(true);
    const listing = join(out, 'list-modules.cjs');
    writeFileSync(listing, "process.on('exit', () => require('node:fs').writeSync(2, `\\n${process.moduleLoadList.join('\\n')}\\n`));\n");
    const run = spawnSync(process.execPath, ['-r', listing, join(REPO, 'bin/regmark.js'), ...args], { encoding: 'utf8' });
    const loaded = run.stderr.split('\n');
    expect(loaded).toContain('NativeModule internal/modules/cjs/loader');
    return { status: run.status, stdout: run.stdout, loaded };
  }

  it('starts a bundle from bin/regmark.js without loading any ES module', () => {
    const run = loadedBy(['check', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--as-at');
    expect(run.loaded.filter((m) => m.includes('esm/module_job'))).toEqual([]);
  });

  it('loads no hashing code for a check that finds nothing changed', async () => {
    const files = { 'documents/HX.md': manifest('HX'), 'clauses/HX/01-general.md': '## 1 General\n\n**1.1** The Operator shall keep a register.\n' };
    const root = await writeRoot(files);
    // Saved an hour ago: a file changed within moments of a check is read again, whatever its metadata says.
    const before = new Date(Date.now() - 3_600_000);
    for (const path of Object.keys(files)) utimesSync(join(root, path), before, before);
    const check = () => loadedBy(['check', '--root', root, '--as-at', '2025-06-01']);
    const first = check();
    expect(first.status).toBe(0);
    expect(first.loaded.filter((m) => m.includes('crypto')).length).toBeGreaterThan(0);
    const again = check();
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.loaded.filter((m) => m.includes('crypto'))).toEqual([]);
  });
});
